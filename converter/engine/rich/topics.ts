// Grouped link lists: topics, relationships, default implementations and see also. Every item
// is a link (relative to the generated file when the page is written) with its abstract.
import { renderBlocks } from './blocks.ts';
import { topicListItem } from './containers.ts';
import { renderInline } from './inline.ts';
import { escapeText, joinBlocks } from './markdown.ts';
import { asObject, asObjects, asString, asStrings } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

const GROUPS: ReadonlyArray<{ key: string; title: string }> = [
  { key: 'topicSections', title: 'Topics' },
  { key: 'relationshipsSections', title: 'Relationships' },
  { key: 'defaultImplementationsSections', title: 'Default Implementations' },
  { key: 'seeAlsoSections', title: 'See Also' },
];

export function renderTopicGroups(page: JsonObject, ctx: RenderContext): string {
  return joinBlocks(GROUPS.map(({ key, title }) => renderGroup(title, page[key], ctx)));
}

function renderGroup(title: string, sections: unknown, ctx: RenderContext): string {
  const groups = asObjects(sections).map((section) => renderTopicSection(section, ctx));
  return groups.some((group) => group !== '') ? joinBlocks([`## ${title}`, ...groups]) : '';
}

function renderTopicSection(section: JsonObject, ctx: RenderContext): string {
  const items = asStrings(section.identifiers).map((identifier) => topicListItem(identifier, ctx));
  const title = asString(section.title) ?? '';
  const discussion = asObject(section.discussion);
  return joinBlocks([
    title === '' ? '' : `### ${escapeText(title)}`,
    renderInline(section.abstract, ctx).trim(),
    discussion === undefined ? '' : renderBlocks(discussion.content, ctx, 2),
    items.join('\n'),
  ]);
}
