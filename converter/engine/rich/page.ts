// One render-JSON page → one Markdown document. A single renderer serves every page kind
// (symbol, article, collection, sample code, tutorial overview, tutorial, tutorial article):
// each part of the page renders when present, in the order DocC shows it.
import { fallbackBlock, renderBlocks } from './blocks.ts';
import { renderDeclarationSection } from './declarations.ts';
import { escapeText, joinBlocks } from './markdown.ts';
import { pageTitle, renderHeader } from './page-header.ts';
import {
  renderAttributesSection,
  renderDetails,
  renderMentions,
  renderParameters,
  renderPossibleValues,
  renderProperties,
  renderRestBody,
  renderRestEndpoint,
  renderRestParameters,
  renderRestResponses,
} from './symbol-sections.ts';
import { renderTopicGroups } from './topics.ts';
import { renderAssessments, renderCallToAction, renderHero, renderResources, renderTasks, renderVolume } from './tutorial-sections.ts';
import { asObject, asObjects, asString, countUnknown, nodeType } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

type SectionRenderer = (section: JsonObject, ctx: RenderContext, page: JsonObject) => string;

const SECTIONS: Record<string, SectionRenderer> = {
  content: (section, ctx) => renderBlocks(section.content, ctx),
  articleBody: (section, ctx) => renderBlocks(section.content, ctx),
  declarations: (section, _ctx, page) => renderDeclarationSection(page, section),
  parameters: renderParameters,
  possibleValues: renderPossibleValues,
  properties: renderProperties,
  attributes: (section) => renderAttributesSection(section),
  restEndpoint: (section) => renderRestEndpoint(section),
  restParameters: renderRestParameters,
  restBody: renderRestBody,
  restResponses: renderRestResponses,
  mentions: renderMentions,
  details: (section) => renderDetails(section),
  hero: heroWithTitle,
  intro: heroWithTitle,
  volume: renderVolume,
  tasks: renderTasks,
  assessments: renderAssessments,
  callToAction: renderCallToAction,
  resources: renderResources,
  contentAndMedia: (section, ctx) => renderBlocks([section], ctx, 1),
  fullWidth: (section, ctx) => renderBlocks([section], ctx, 1),
  columns: (section, ctx) => renderBlocks([section], ctx, 1),
};

/** The page body as Markdown, ending with one newline. */
export function renderPageBody(page: JsonObject, ctx: RenderContext): string {
  const parts = [
    renderHeader(page, ctx),
    ...asObjects(page.primaryContentSections).map((section) => renderSection(section, ctx, page)),
    ...asObjects(page.sections).map((section) => renderSection(section, ctx, page)),
    renderTopicGroups(page, ctx),
  ];
  return `${joinBlocks(parts)}\n`;
}

function renderSection(section: JsonObject, ctx: RenderContext, page: JsonObject): string {
  const kind = nodeType(section);
  const renderer = Object.hasOwn(SECTIONS, kind) ? SECTIONS[kind] : undefined;
  if (renderer !== undefined) return renderer(section, ctx, page);
  countUnknown(ctx.unknown, `section:${kind || '(none)'}`);
  return fallbackBlock(section, ctx, 1);
}

/** A hero repeats the page title; a different title (tutorial overview) gets its own heading. */
function heroWithTitle(section: JsonObject, ctx: RenderContext, page: JsonObject): string {
  const title = asString(section.title);
  const heading = title === undefined || title === pageTitle(page) ? '' : `## ${escapeText(title)}`;
  // Overview pages carry the whole course's time in metadata instead of the hero.
  const estimated = asString(asObject(page.metadata)?.estimatedTime);
  const time =
    estimated === undefined || section.estimatedTimeInMinutes !== undefined ? '' : `- **Estimated time:** ${escapeText(estimated)}`;
  return joinBlocks([heading, renderHero(section, ctx), time]);
}
