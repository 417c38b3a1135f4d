// Reference article page (spec §6.5).
import type { CatalogInfo } from '../profile.ts';
import type { ArticleSection, SwiftArticle } from './article.ts';
import { abstractLines, groupedSection, isStructuredEntry, page } from './layout.ts';

const ENTRY_MARKERS = ['```', '|', '- '];

export function renderArticle(article: SwiftArticle, catalog: CatalogInfo, context: string[] | undefined): string {
  const sections = context && context.length > 0 ? [{ title: 'Context', content: context }, ...article.sections] : article.sections;
  const metadata = [
    '## Article Metadata',
    `- **Identifier:** ${article.identifier}`,
    `- **Article Kind:** ${article.kind}`,
    `- **Catalog Identifier:** ${catalog.identifier}`,
    `- **Catalog Title:** ${catalog.title}`,
    `- **Catalog Kind:** ${catalog.kind}`,
  ];
  if (catalog.role !== null) metadata.push(`- **Catalog Role:** ${catalog.role}`);
  metadata.push(`- **Section Count:** ${sections.length}`, `- **Reference Count:** ${article.references.length}`);
  const out = [`# ${article.title}`, metadata.join('\n')];
  const abstract = abstractLines(article.abstract);
  if (abstract.length > 0) out.push(['## Abstract', ...abstract].join('\n'));
  out.push(sectionsBlock(sections));
  if (article.topics.length > 0) {
    const topics = article.topics.map((topic) => ({
      title: topic.title,
      lines: topic.identifiers.length > 0 ? topic.identifiers.map((id) => `- ${id}`) : ['_No topic identifiers available._'],
    }));
    out.push(groupedSection('## Topics', topics));
  }
  if (article.references.length > 0) {
    const references = article.references.map((reference) => ({
      title: reference.title,
      lines: [`- **Kind:** ${reference.kind}`, `- **Identifier:** ${reference.identifier}`],
    }));
    out.push(groupedSection('## References', references));
  }
  return page(out);
}

function sectionsBlock(sections: ArticleSection[]): string {
  if (sections.length === 0) return '## Sections\n_No sections available for this article._';
  return groupedSection(
    '## Sections',
    sections.map((section) => ({
      title: section.title,
      lines:
        section.content.length === 0
          ? ['_No content available for this section._']
          : section.content.map((entry) => (isStructuredEntry(entry, ENTRY_MARKERS) ? entry : `- ${entry}`)),
    })),
  );
}
