// Tables: GitHub-flavoured pipe tables with header row/column/both and alignments; a table with
// column or row spans (`extendedData`) becomes an HTML table, the only Markdown form that keeps them.
import { renderBlocks } from './blocks.ts';
import { escapeHtml, escapeTableCell, wrapInline } from './markdown.ts';
import { asArray, asObject, asStrings } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

interface Span {
  colspan: number;
  rowspan: number;
}

export function renderTable(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  const rows = asArray(node.rows).map((row) => asArray(row).map((cell) => renderCell(cell, ctx, headingOffset)));
  if (rows.length === 0) return '';
  const header = String(node.header ?? 'none').toLowerCase();
  const spans = spansOf(node);
  if ([...spans.values()].some((span) => span.colspan !== 1 || span.rowspan !== 1)) return htmlTable(rows, header, spans);
  return pipeTable(rows, header, asStrings(node.alignments));
}

function renderCell(cell: unknown, ctx: RenderContext, headingOffset: number): string {
  return renderBlocks(cell, ctx, headingOffset).replace(/\n+/g, '<br>');
}

function spansOf(node: JsonObject): Map<string, Span> {
  const spans = new Map<string, Span>();
  const data = asObject(node.extendedData) ?? {};
  for (const [key, value] of Object.entries(data)) {
    const span = asObject(value);
    spans.set(key, {
      colspan: typeof span?.colspan === 'number' ? span.colspan : 1,
      rowspan: typeof span?.rowspan === 'number' ? span.rowspan : 1,
    });
  }
  return spans;
}

const SEPARATORS: Record<string, string> = { left: ':---', right: '---:', center: ':---:' };

function pipeTable(rows: string[][], header: string, alignments: string[]): string {
  const width = Math.max(...rows.map((row) => row.length));
  const boldFirstColumn = header === 'column' || header === 'both';
  const cells = rows.map((row) =>
    Array.from({ length: width }, (_, col) => {
      const text = escapeTableCell(row[col] ?? '');
      return col === 0 && boldFirstColumn ? wrapInline(text, '**') : text;
    }),
  );
  const hasHeaderRow = header === 'row' || header === 'both';
  const head = hasHeaderRow ? (cells.shift() as string[]) : Array.from({ length: width }, () => '');
  if (hasHeaderRow && boldFirstColumn) head[0] = rows[0]?.[0] === undefined ? '' : escapeTableCell(rows[0][0]);
  const separator = Array.from({ length: width }, (_, col) => SEPARATORS[alignments[col] ?? ''] ?? '---');
  return [head, separator, ...cells].map((line) => `| ${line.join(' | ')} |`).join('\n');
}

function htmlTable(rows: string[][], header: string, spans: Map<string, Span>): string {
  const lines = ['<table>'];
  rows.forEach((row, r) => {
    const cells = row.flatMap((text, c) => htmlCell(text, header, { r, c }, spans));
    lines.push(`<tr>${cells.join('')}</tr>`);
  });
  lines.push('</table>');
  return lines.join('\n');
}

function htmlCell(text: string, header: string, at: { r: number; c: number }, spans: Map<string, Span>): string[] {
  const span = spans.get(`${at.r}_${at.c}`) ?? { colspan: 1, rowspan: 1 };
  if (span.colspan === 0 || span.rowspan === 0) return [];
  const tag = isHeaderCell(header, at) ? 'th' : 'td';
  return [`<${tag}${spanAttributes(span)}>${escapeHtml(text)}</${tag}>`];
}

function isHeaderCell(header: string, at: { r: number; c: number }): boolean {
  const rowHeader = (header === 'row' || header === 'both') && at.r === 0;
  return rowHeader || ((header === 'column' || header === 'both') && at.c === 0);
}

function spanAttributes(span: Span): string {
  return (span.colspan > 1 ? ` colspan="${span.colspan}"` : '') + (span.rowspan > 1 ? ` rowspan="${span.rowspan}"` : '');
}
