// Tutorial pages in the legacy or render shape (spec §4.7). Render-archive tutorials keep only
// paragraphs, lists and step code; assessments exist only in the legacy shape.
import { arrayOf, identifierUrl, isObject, objectOf, stringArrayOf, stringOf } from '../bundle/json.ts';
import type { JsonObject, TutorialPage, TutorialSource } from '../render-profile.ts';
import { TutorialLoadError } from '../render-profile.ts';
import { swiftTrim } from '../../text.ts';
import type { BlockContext } from './blocks.ts';
import { renderBlocks } from './blocks.ts';
import { ReferenceTable } from './references.ts';

export interface TutorialStep {
  title: string;
  content: string[];
}

export interface AssessmentItem {
  prompt: string;
  choices: string[];
  answer: number;
}

export interface Assessment {
  title: string;
  items: AssessmentItem[];
}

export interface SwiftTutorial extends TutorialPage {
  introduction: string | null;
  steps: TutorialStep[];
  assessments: Assessment[];
}

export function decodeTutorial(json: unknown, source: TutorialSource): SwiftTutorial {
  const invalid = new TutorialLoadError(`invalidTutorialPage(${source.fileUrl})`);
  if (!isObject(json)) throw invalid;
  const identifier = stringOf(json.identifier);
  const title = stringOf(json.title);
  if (identifier !== undefined && title !== undefined) return decodeLegacy(json, identifier, title);
  const tutorial = decodeRender(json);
  if (!tutorial) throw invalid;
  return tutorial;
}

function decodeLegacy(json: JsonObject, identifier: string, title: string): SwiftTutorial {
  return {
    identifier,
    title,
    introduction: stringOf(json.introduction) ?? null,
    steps: allOrNothing(json.steps, decodeLegacyStep),
    assessments: allOrNothing(json.assessments, decodeAssessment),
  };
}

function allOrNothing<T>(value: unknown, decode: (item: unknown) => T | undefined): T[] {
  const items = arrayOf(value);
  if (!items) return [];
  const out: T[] = [];
  for (const item of items) {
    const decoded = decode(item);
    if (decoded === undefined) return [];
    out.push(decoded);
  }
  return out;
}

function decodeLegacyStep(item: unknown): TutorialStep | undefined {
  if (!isObject(item)) return undefined;
  const title = stringOf(item.title);
  const content = stringArrayOf(item.content);
  return title === undefined || content === undefined ? undefined : { title, content };
}

function decodeAssessment(item: unknown): Assessment | undefined {
  if (!isObject(item)) return undefined;
  const title = stringOf(item.title);
  const items = arrayOf(item.items);
  if (title === undefined || !items) return undefined;
  const decoded = allOrNothing(items, decodeAssessmentItem);
  return decoded.length === items.length ? { title, items: decoded } : undefined;
}

function decodeAssessmentItem(item: unknown): AssessmentItem | undefined {
  if (!isObject(item)) return undefined;
  const prompt = stringOf(item.prompt);
  const choices = stringArrayOf(item.choices);
  const answer = item.answer;
  if (prompt === undefined || choices === undefined || !Number.isInteger(answer)) return undefined;
  return { prompt, choices, answer: answer as number };
}

function decodeRender(json: JsonObject): SwiftTutorial | undefined {
  const identifier = identifierUrl(json);
  const metadata = objectOf(json.metadata);
  if (identifier === undefined || typeof json.kind !== 'string' || !metadata) return undefined;
  if (json.kind !== 'project') return undefined;
  const references = new ReferenceTable(json.references);
  const context: BlockContext = { flavor: 'tutorial', references, headingOffset: 0 };
  const sections = allOrNothing(json.sections, (item) => (isObject(item) && typeof item.kind === 'string' ? item : undefined));
  const hero = sections.find((section) => section.kind === 'hero');
  const introductionBlocks = hero ? renderBlocks(hero.content, context).filter((entry) => entry !== '') : [];
  const tasks = sections.find((section) => section.kind === 'tasks');
  const steps = (arrayOf(tasks?.tasks) ?? []).filter(isObject).map((task) => decodeTask(task, identifier, context));
  return {
    identifier,
    title: stringOf(metadata.title) ?? 'Tutorial',
    introduction: introductionBlocks.length > 0 ? introductionBlocks.join('\n\n') : null,
    steps: dropEchoedContent(steps, firstHeroParagraph(hero, context)),
    assessments: [],
  };
}

function decodeTask(task: JsonObject, pageIdentifier: string, context: BlockContext): TutorialStep {
  const content: string[] = [];
  for (const section of arrayOf(task.contentSection) ?? []) {
    if (isObject(section)) content.push(...renderBlocks(section.content, context));
  }
  (arrayOf(task.stepsSection) ?? []).forEach((step, index) => {
    if (!isObject(step)) return;
    const blocks = renderBlocks(step.content, context);
    if (blocks.length > 0) content.push(`##### Step ${index + 1}`, ...blocks);
    content.push(...stepCode(step, context.references));
  });
  if (content.length === 0) content.push(...anchorFallback(task, pageIdentifier, context.references));
  const title = swiftTrim(stringOf(task.title) ?? '');
  return { title: title === '' ? 'Step' : title, content };
}

function stepCode(step: JsonObject, references: ReferenceTable): string[] {
  const code = stringOf(step.code);
  const file = code === undefined ? undefined : references.entry(code);
  const lines = stringArrayOf(file?.content);
  if (!file || !lines || lines.length === 0) return [];
  const out: string[] = [];
  const fileName = swiftTrim(stringOf(file.fileName) ?? '');
  if (fileName !== '') out.push(`**${fileName}**`);
  const syntax = swiftTrim(stringOf(file.syntax) ?? 'swift');
  out.push(`\`\`\`${syntax}\n${swiftTrim(lines.join('\n'))}\n\`\`\``);
  return out;
}

function anchorFallback(task: JsonObject, pageIdentifier: string, references: ReferenceTable): string[] {
  const anchor = stringOf(task.anchor) ?? '';
  if (anchor === '') return [];
  const items = arrayOf(references.entry(`${pageIdentifier}#${anchor}`)?.abstract) ?? [];
  return items
    .filter(isObject)
    .map(abstractEntry)
    .filter((entry) => entry !== '');
}

function abstractEntry(item: JsonObject): string {
  const code = stringOf(item.code);
  if (item.type === 'codeVoice' && code !== undefined) return `\`${code}\``;
  return swiftTrim(stringOf(item.text) ?? '');
}

function firstHeroParagraph(hero: JsonObject | undefined, context: BlockContext): string | undefined {
  const paragraph = (arrayOf(hero?.content) ?? []).find((block) => isObject(block) && block.type === 'paragraph');
  if (!paragraph) return undefined;
  return renderBlocks([paragraph], context)[0];
}

/** (quirk) When every step says only the hero's first paragraph, the steps lose their content. */
function dropEchoedContent(steps: TutorialStep[], heroParagraph: string | undefined): TutorialStep[] {
  const distinct = new Set(steps.flatMap((step) => step.content));
  if (distinct.size !== 1 || heroParagraph === undefined) return steps;
  const [only] = [...distinct];
  if (only !== swiftTrim(heroParagraph)) return steps;
  return steps.map((step) => ({ ...step, content: [] }));
}
