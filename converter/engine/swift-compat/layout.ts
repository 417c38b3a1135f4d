// Page layout helpers (spec §6): sections joined by one blank line, one final newline.
import { swiftTrim } from '../text.ts';

export function page(sections: string[]): string {
  return `${sections.join('\n\n')}\n`;
}

/** A multi-line entry, or one that already looks like Markdown structure, is kept as is. */
export function isStructuredEntry(entry: string, markers: readonly string[]): boolean {
  return entry.includes('\n') || markers.some((marker) => entry.startsWith(marker)) || /^\d+\.\s/.test(entry);
}

const STEP_MARKERS = ['```', '|', '#', '- '];

/** Numbered steps with their content indented under them (spec §6.4). */
export function stepLines(steps: { title: string; content: string[] }[]): string[] {
  const lines: string[] = [];
  steps.forEach((step, index) => {
    lines.push(`${index + 1}. **${step.title}**`);
    for (const raw of step.content) {
      const entry = swiftTrim(raw);
      if (entry === '') continue;
      if (isStructuredEntry(entry, STEP_MARKERS)) lines.push(...entry.split('\n').map((line) => `   ${line}`));
      else lines.push(`   - ${entry}`);
    }
  });
  return lines;
}

export function assessmentLines(assessments: { title: string; items: { prompt: string; choices: string[]; answer: number }[] }[]): string[] {
  const lines: string[] = [];
  assessments.forEach((assessment, index) => {
    if (index > 0) lines.push('');
    lines.push(`##### ${assessment.title}`);
    for (const item of assessment.items) {
      lines.push(`- Prompt: ${item.prompt}`);
      if (item.choices.length > 0) lines.push('- Choices:', ...item.choices.map((choice, k) => `  ${k + 1}. ${choice}`));
      lines.push(`- Answer Index: ${item.answer + 1}`);
    }
  });
  return lines;
}

/** `## Heading` then, per group, a blank line, `### title` and its lines (Topics, Chapters …). */
export function groupedSection(heading: string, groups: { title: string; lines: string[] }[]): string {
  const lines = [heading];
  for (const group of groups) lines.push('', `### ${group.title}`, ...group.lines);
  return lines.join('\n');
}

/** Abstract lines: one per item that trims non-empty (the split-abstract quirk). */
export function abstractLines(items: string[]): string[] {
  return items.map(swiftTrim).filter((item) => item !== '');
}
