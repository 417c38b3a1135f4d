// Tables for the article and symbol renderers (spec §4.10 "Tables"): a header row only when
// `header` is "row", cells flattened to one line with <br>, `|` escaped, no spans or alignment.
import { arrayOf, stringOf } from '../bundle/json.ts';
import type { JsonObject } from '../render-profile.ts';
import { swiftTrim } from '../../text.ts';

export function renderTable(block: JsonObject, renderCell: (cell: unknown) => string[]): string[] {
  const rows = (arrayOf(block.rows) ?? []).map((row) => (arrayOf(row) ?? []).map((cell) => cellText(renderCell(cell))));
  const [first] = rows;
  if (!first) return [];
  const headerIsRow = (stringOf(block.header) ?? '').toLowerCase() === 'row';
  const header = headerIsRow ? first : first.map(() => '');
  const body = headerIsRow ? rows.slice(1) : rows;
  const width = header.length;
  const lines = [tableLine(header), tableLine(header.map(() => '---'))];
  for (const row of body) {
    const cells = Array.from({ length: width }, (_, index) => row[index] ?? '');
    lines.push(tableLine(cells));
  }
  return lines;
}

function cellText(entries: string[]): string {
  const text = swiftTrim(entries.join(' ')).replaceAll('\n\n', '\n').replaceAll('\n', '<br>');
  return text === '' ? '_' : text;
}

function tableLine(cells: string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}
