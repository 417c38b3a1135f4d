// Tutorial sections (`sections[]` of overview, project and tutorial-article pages): hero,
// volumes with chapters, tasks with numbered steps, assessments with the correct answer,
// call to action and resources.
import { renderBlock, renderBlocks } from './blocks.ts';
import { topicListItem } from './containers.ts';
import { renderInline } from './inline.ts';
import { escapeText, indentContinuation, joinBlocks } from './markdown.ts';
import { mediaLink, referenceLink } from './references.ts';
import { renderStep } from './steps.ts';
import { asObject, asObjects, asString, asStrings, nodeType } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

export function renderHero(section: JsonObject, ctx: RenderContext): string {
  const minutes = section.estimatedTimeInMinutes;
  const facts = [
    fact('Chapter', asString(section.chapter) === undefined ? '' : escapeText(asString(section.chapter) as string)),
    fact('Estimated time', typeof minutes === 'number' ? `${minutes} min` : ''),
    fact('Requires', optionalLink(ctx, asString(section.xcodeRequirement))),
    fact('Project files', optionalLink(ctx, asString(section.projectFiles))),
    fact('Video', optionalMedia(ctx, asString(section.video), 'Video')),
  ].filter((line) => line !== '');
  return joinBlocks([renderBlocks(section.content, ctx, 1), facts.join('\n'), actionLink(section.action, ctx)]);
}

function fact(label: string, value: string): string {
  return value === '' ? '' : `- **${label}:** ${value}`;
}

function optionalLink(ctx: RenderContext, identifier: string | undefined): string {
  return identifier === undefined || identifier === '' ? '' : referenceLink(ctx, identifier);
}

function optionalMedia(ctx: RenderContext, identifier: string | undefined, label: 'Image' | 'Video'): string {
  return identifier === undefined || identifier === '' ? '' : mediaLink(ctx, identifier, label);
}

function actionLink(action: unknown, ctx: RenderContext): string {
  const node = asObject(action);
  return node === undefined ? '' : renderInline([node], ctx).trim();
}

export function renderVolume(section: JsonObject, ctx: RenderContext): string {
  const name = asString(section.name);
  const chapters = asObjects(section.chapters).map((chapter) =>
    joinBlocks([
      `### ${escapeText(asString(chapter.name) ?? 'Chapter')}`,
      renderBlocks(chapter.content, ctx, 2),
      asStrings(chapter.tutorials)
        .map((identifier) => topicListItem(identifier, ctx))
        .join('\n'),
    ]),
  );
  return joinBlocks([`## ${escapeText(name ?? 'Chapters')}`, renderBlocks(section.content, ctx, 1), ...chapters]);
}

export function renderTasks(section: JsonObject, ctx: RenderContext): string {
  return joinBlocks(
    asObjects(section.tasks).map((task) =>
      joinBlocks([
        `## ${escapeText(asString(task.title) ?? 'Section')}`,
        renderBlocks(task.contentSection, ctx, 1),
        renderSteps(task.stepsSection, ctx),
      ]),
    ),
  );
}

/** Steps are numbered within their section; other blocks between them render as usual. */
function renderSteps(blocks: unknown, ctx: RenderContext): string {
  let number = 0;
  return joinBlocks(
    asObjects(blocks).map((block) => {
      if (nodeType(block) !== 'step') return renderBlock(block, ctx, 1);
      number += 1;
      return renderStep(block, ctx, 1, number);
    }),
  );
}

export function renderAssessments(section: JsonObject, ctx: RenderContext): string {
  const questions = asObjects(section.assessments).map((assessment, index) =>
    joinBlocks([
      `### Question ${index + 1}`,
      renderBlocks(assessment.title, ctx, 2),
      renderBlocks(assessment.content, ctx, 2),
      asObjects(assessment.choices)
        .map((choice) => renderChoice(choice, ctx))
        .join('\n'),
    ]),
  );
  return joinBlocks(['## Check Your Understanding', ...questions]);
}

/** `- [x] choice (correct)` with the justification and reaction under it. */
function renderChoice(choice: JsonObject, ctx: RenderContext): string {
  const correct = choice.isCorrect === true;
  const content = renderBlocks(choice.content, ctx, 2);
  const verdict = correct ? '*(correct)*' : '*(incorrect)*';
  const box = correct ? '[x]' : '[ ]';
  // A multi-line answer (often a code block) goes under the verdict so the list item stays valid.
  const head = content.includes('\n') ? `${box} ${verdict}\n\n${content}` : `${box} ${content} ${verdict}`;
  const reaction = asString(choice.reaction);
  const notes = joinBlocks([reaction === undefined ? '' : `*${escapeText(reaction)}*`, renderBlocks(choice.justification, ctx, 2)]);
  return `- ${indentContinuation(notes === '' ? head : `${head}\n\n${notes}`, '  ')}`;
}

export function renderCallToAction(section: JsonObject, ctx: RenderContext): string {
  return joinBlocks([
    `## ${escapeText(asString(section.title) ?? 'Next')}`,
    renderInline(section.abstract, ctx).trim(),
    actionLink(section.action, ctx),
  ]);
}

export function renderResources(section: JsonObject, ctx: RenderContext): string {
  const tiles = asObjects(section.tiles).map((tile) =>
    joinBlocks([`### ${escapeText(asString(tile.title) ?? '')}`, renderBlocks(tile.content, ctx, 2), actionLink(tile.action, ctx)]),
  );
  return joinBlocks(['## Resources', renderBlocks(section.content, ctx, 1), ...tiles]);
}
