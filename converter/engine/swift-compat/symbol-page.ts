// Symbol page (spec §6.6).
import type { CatalogInfo, TopicSection } from '../profile.ts';
import { swiftTrim } from '../text.ts';
import { groupedSection, page } from './layout.ts';
import type { SwiftSymbol } from './symbol.ts';

export function renderSymbol(symbol: SwiftSymbol, catalog: CatalogInfo): string {
  const sections = [`# ${symbol.title}`, metadataBlock(symbol, catalog)];
  const abstract = swiftTrim(symbol.abstract ?? '');
  if (abstract !== '') sections.push(`## Summary\n${abstract}`);
  const discussion = symbol.discussion.map(swiftTrim).filter((block) => block !== '');
  if (discussion.length > 0) sections.push(['## Discussion', ...discussion].join('\n\n'));
  if (symbol.declarations.length > 0) {
    const language = symbol.declarations.find((declaration) => declaration.language !== undefined)?.language ?? 'swift';
    const texts = symbol.declarations.map((declaration) => declaration.text);
    sections.push(['## Declarations', `\`\`\`${language}`, ...texts, '```'].join('\n'));
  }
  if (symbol.topicSections.length > 0) sections.push(groupedSection('## Topics', titled(symbol.topicSections, symbol)));
  if (symbol.relationshipSections.length > 0) {
    sections.push(groupedSection('## Relationships', titled(symbol.relationshipSections, symbol)));
  }
  return page(sections);
}

function metadataBlock(symbol: SwiftSymbol, catalog: CatalogInfo): string {
  const lines = ['## Symbol Metadata', `- **Identifier:** ${symbol.identifier}`];
  if (symbol.moduleName !== undefined) lines.push(`- **Module:** ${symbol.moduleName}`);
  if (symbol.symbolKind !== undefined) lines.push(`- **Symbol Kind:** ${symbol.symbolKind}`);
  if (symbol.roleHeading !== undefined) lines.push(`- **Role Heading:** ${symbol.roleHeading}`);
  if (symbol.availability.length > 0) lines.push('- **Availability:**', ...symbol.availability.map((item) => `  - ${item}`));
  if (symbol.deprecated) {
    lines.push('- **Status:** ⚠️ Deprecated');
    if (symbol.deprecatedSummary !== undefined) lines.push(`- **Deprecation Notice:** ${symbol.deprecatedSummary}`);
  }
  if (symbol.defaultImplementationCount > 0) lines.push(`- **Default Implementations:** ${symbol.defaultImplementationCount} types`);
  lines.push(`- **Catalog Identifier:** ${catalog.identifier}`, `- **Catalog Title:** ${catalog.title}`);
  return lines.join('\n');
}

function titled(sections: TopicSection[], symbol: SwiftSymbol): { title: string; lines: string[] }[] {
  return sections.map((section) => ({
    title: section.title,
    lines: section.identifiers.map((id) => `- ${symbol.referenceTitles.get(id) ?? id}`),
  }));
}
