// Conversion options from query parameters and form fields (pure). Unknown values are a 400,
// not silently ignored; `technology` may repeat.
import type { ConversionOptions, Profile, SymbolLayout, TutorialLayout } from '../../common/contract/conversion-job.ts';
import { optionConflict } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';

export const OPTION_VALUES = {
  profile: ['rich', 'swift-compat'] as const satisfies readonly Profile[],
  symbolLayout: ['tree', 'single'] as const satisfies readonly SymbolLayout[],
  tutorialLayout: ['chapter', 'single'] as const satisfies readonly TutorialLayout[],
  frontMatter: ['true', 'false'] as const,
};

export const MAX_TECHNOLOGIES = 64;
const MAX_TECHNOLOGY_LENGTH = 200;

export type RawFields = ReadonlyMap<string, readonly string[]>;

/** Query string values (strings or arrays of strings) as RawFields. */
export function fieldsFromQuery(query: Record<string, unknown>): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of Object.entries(query)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (values.length > 0) fields.set(name, values);
  }
  return fields;
}

export function addField(fields: Map<string, string[]>, name: string, value: string): void {
  const values = fields.get(name) ?? [];
  values.push(value);
  fields.set(name, values);
}

export function parseOptions(fields: RawFields): ConversionOptions {
  const options: ConversionOptions = {};
  const profile = single(fields, 'profile', OPTION_VALUES.profile);
  const symbolLayout = single(fields, 'symbolLayout', OPTION_VALUES.symbolLayout);
  const tutorialLayout = single(fields, 'tutorialLayout', OPTION_VALUES.tutorialLayout);
  if (profile) options.profile = profile;
  if (symbolLayout) options.symbolLayout = symbolLayout;
  if (tutorialLayout) options.tutorialLayout = tutorialLayout;
  const technologies = fields.get('technology') ?? [];
  if (technologies.length > MAX_TECHNOLOGIES) {
    throw new AppError('BAD_REQUEST', `At most ${MAX_TECHNOLOGIES} technology values are accepted.`);
  }
  if (technologies.some((t) => t.length > MAX_TECHNOLOGY_LENGTH)) {
    throw new AppError('BAD_REQUEST', `A technology value is longer than ${MAX_TECHNOLOGY_LENGTH} characters.`);
  }
  if (technologies.length > 0) options.technologies = [...technologies];
  const frontMatter = single(fields, 'frontMatter', OPTION_VALUES.frontMatter);
  if (frontMatter) options.frontMatter = frontMatter === 'true';
  const conflict = optionConflict(options);
  if (conflict) throw new AppError('BAD_REQUEST', conflict);
  return options;
}

function single<T extends string>(fields: RawFields, name: string, allowed: readonly T[]): T | undefined {
  const values = fields.get(name) ?? [];
  if (values.length === 0) return undefined;
  if (values.length > 1) throw new AppError('BAD_REQUEST', `Option "${name}" was given more than once.`);
  const value = values[0] ?? '';
  if (!(allowed as readonly string[]).includes(value)) {
    throw new AppError('BAD_REQUEST', `Option "${name}" must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** `<archive>-markdown.zip` from the uploaded file name or the DocC directory, made header-safe. */
export function resultFileName(candidates: ReadonlyArray<string | undefined>): string {
  for (const candidate of candidates) {
    const base = (candidate ?? '').split(/[\\/]/).pop() ?? '';
    const stem = base.replace(/\.zip$/i, '').replace(/\.(doccarchive|docc)$/i, '');
    const safe = stem
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 100);
    if (safe !== '') return `${safe}-markdown.zip`;
  }
  return 'archive-markdown.zip';
}
