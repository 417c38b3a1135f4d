// Page layout (spec §6): sections separated by one blank line, lines by "\n", one final "\n".
// Pages are built as one flat list of lines joined once: a 10 MB article costs one copy.
import { swiftTrim } from '../../text.ts';

export class PageBuilder {
  private readonly lines: string[] = [];

  /** Starts a section (a blank line before it unless it is the first) with `first` as its first line. */
  section(first: string): this {
    if (this.lines.length > 0) this.lines.push('');
    this.lines.push(first);
    return this;
  }

  line(text: string): this {
    this.lines.push(text);
    return this;
  }

  addLines(texts: readonly string[]): this {
    for (const text of texts) this.lines.push(text);
    return this;
  }

  /** `### title` groups, each after a blank line (Topics, Chapters, Sections …). */
  groups(groups: readonly { title: string; lines: readonly string[] }[]): this {
    for (const group of groups) this.line('').line(`### ${group.title}`).addLines(group.lines);
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** A multi-line entry, or one that already looks like Markdown structure, is kept as is. */
export function isStructuredEntry(entry: string, markers: readonly string[]): boolean {
  if (entry.includes('\n') || markers.some((marker) => entry.startsWith(marker))) return true;
  const first = entry.charCodeAt(0);
  return first >= DIGIT_0 && first <= DIGIT_9 && /^\d+\.\s/.test(entry);
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
      if (isStructuredEntry(entry, STEP_MARKERS)) for (const line of entry.split('\n')) lines.push(`   ${line}`);
      else lines.push(`   - ${entry}`);
    }
  });
  return lines;
}

export function assessmentLines(
  assessments: { title: string; items: { prompt: string; choices: string[]; answer: number }[] }[],
): string[] {
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

/** Abstract lines: one per item that trims non-empty (the split-abstract quirk). */
export function abstractLines(items: string[]): string[] {
  return items.map(swiftTrim).filter((item) => item !== '');
}
