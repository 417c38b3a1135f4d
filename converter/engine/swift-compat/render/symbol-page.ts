// Symbol page (spec §6.6).
import type { CatalogInfo, TopicSection } from '../render-profile.ts';
import { swiftTrim } from '../../text.ts';
import { PageBuilder } from './layout.ts';
import type { SwiftSymbol } from './symbol.ts';

export function renderSymbol(symbol: SwiftSymbol, catalog: CatalogInfo): string {
  const page = new PageBuilder().section(`# ${symbol.title}`);
  metadataBlock(page, symbol, catalog);
  const abstract = swiftTrim(symbol.abstract ?? '');
  if (abstract !== '') page.section('## Summary').line(abstract);
  const discussion = symbol.discussion.map(swiftTrim).filter((block) => block !== '');
  if (discussion.length > 0) {
    page.section('## Discussion');
    for (const block of discussion) page.line('').line(block);
  }
  if (symbol.declarations.length > 0) {
    const language = symbol.declarations.find((declaration) => declaration.language !== undefined)?.language ?? 'swift';
    page.section('## Declarations').line(`\`\`\`${language}`);
    page.addLines(symbol.declarations.map((declaration) => declaration.text)).line('```');
  }
  if (symbol.topicSections.length > 0) page.section('## Topics').groups(titled(symbol.topicSections, symbol));
  if (symbol.relationshipSections.length > 0) page.section('## Relationships').groups(titled(symbol.relationshipSections, symbol));
  return page.toString();
}

function metadataBlock(page: PageBuilder, symbol: SwiftSymbol, catalog: CatalogInfo): void {
  page.section('## Symbol Metadata').line(`- **Identifier:** ${symbol.identifier}`);
  if (symbol.moduleName !== undefined) page.line(`- **Module:** ${symbol.moduleName}`);
  if (symbol.symbolKind !== undefined) page.line(`- **Symbol Kind:** ${symbol.symbolKind}`);
  if (symbol.roleHeading !== undefined) page.line(`- **Role Heading:** ${symbol.roleHeading}`);
  if (symbol.availability.length > 0) page.line('- **Availability:**').addLines(symbol.availability.map((item) => `  - ${item}`));
  if (symbol.deprecated) {
    page.line('- **Status:** ⚠️ Deprecated');
    if (symbol.deprecatedSummary !== undefined) page.line(`- **Deprecation Notice:** ${symbol.deprecatedSummary}`);
  }
  if (symbol.defaultImplementationCount > 0) page.line(`- **Default Implementations:** ${symbol.defaultImplementationCount} types`);
  page.line(`- **Catalog Identifier:** ${catalog.identifier}`).line(`- **Catalog Title:** ${catalog.title}`);
}

function titled(sections: TopicSection[], symbol: SwiftSymbol): { title: string; lines: string[] }[] {
  return sections.map((section) => ({
    title: section.title,
    lines: section.identifiers.map((id) => `- ${symbol.referenceTitles.get(id) ?? id}`),
  }));
}
