// Reference article page (spec §6.5).
import type { CatalogInfo } from '../render-profile.ts';
import type { ArticleSection, SwiftArticle } from './article.ts';
import { PageBuilder, abstractLines, isStructuredEntry } from './layout.ts';

const ENTRY_MARKERS = ['```', '|', '- '];

export function renderArticle(article: SwiftArticle, catalog: CatalogInfo, context: string[] | undefined): string {
  const sections = context && context.length > 0 ? [{ title: 'Context', content: context }, ...article.sections] : article.sections;
  const page = new PageBuilder().section(`# ${article.title}`);
  page
    .section('## Article Metadata')
    .line(`- **Identifier:** ${article.identifier}`)
    .line(`- **Article Kind:** ${article.kind}`)
    .line(`- **Catalog Identifier:** ${catalog.identifier}`)
    .line(`- **Catalog Title:** ${catalog.title}`)
    .line(`- **Catalog Kind:** ${catalog.kind}`);
  if (catalog.role !== null) page.line(`- **Catalog Role:** ${catalog.role}`);
  page.line(`- **Section Count:** ${sections.length}`).line(`- **Reference Count:** ${article.references.length}`);
  const abstract = abstractLines(article.abstract);
  if (abstract.length > 0) page.section('## Abstract').addLines(abstract);
  sectionsBlock(page, sections);
  if (article.topics.length > 0) {
    page.section('## Topics').groups(
      article.topics.map((topic) => ({
        title: topic.title,
        lines: topic.identifiers.length > 0 ? topic.identifiers.map((id) => `- ${id}`) : ['_No topic identifiers available._'],
      })),
    );
  }
  if (article.references.length > 0) {
    page.section('## References').groups(
      article.references.map((reference) => ({
        title: reference.title,
        lines: [`- **Kind:** ${reference.kind}`, `- **Identifier:** ${reference.identifier}`],
      })),
    );
  }
  return page.toString();
}

function sectionsBlock(page: PageBuilder, sections: ArticleSection[]): void {
  page.section('## Sections');
  if (sections.length === 0) {
    page.line('_No sections available for this article._');
    return;
  }
  for (const section of sections) {
    page.line('').line(`### ${section.title}`);
    if (section.content.length === 0) page.line('_No content available for this section._');
    else page.line(sectionBody(section.content));
  }
}

/** Plain entries become "- entry"; one join when all are plain (large payload sections). */
function sectionBody(content: string[]): string {
  if (!content.some((entry) => isStructuredEntry(entry, ENTRY_MARKERS))) return `- ${content.join('\n- ')}`;
  return content.map((entry) => (isStructuredEntry(entry, ENTRY_MARKERS) ? entry : `- ${entry}`)).join('\n');
}
