// Argument parsing with swift-argument-parser's rules (spec §1.2): long options in any order,
// `--opt value` or `--opt=value`, `--` ends options, at most one positional. Parser failures use
// the messages the Swift source declares but never prints (spec §1.3, docs/compatibility.md).

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ParsedArguments {
  input: string | undefined;
  output: string | undefined;
  force: boolean;
  format: string;
  technologies: string[];
  symbolLayout: string;
  /** Undefined when not given: the rich profile refuses it, swift-compat defaults to chapter. */
  tutorialLayout: string | undefined;
  profile: string | undefined;
  frontMatter: boolean;
}

type OptionName = 'output' | 'format' | 'technology' | 'symbol-layout' | 'tutorial-layout' | 'profile';

const OPTIONS = new Set<string>(['output', 'format', 'technology', 'symbol-layout', 'tutorial-layout', 'profile']);

/** True when help was asked for anywhere: Swift looks before parsing anything else. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--help' || arg === '-h');
}

export function parseArguments(argv: readonly string[]): ParsedArguments {
  const parsed: ParsedArguments = {
    input: undefined,
    output: undefined,
    force: false,
    format: 'markdown',
    technologies: [],
    symbolLayout: 'tree',
    tutorialLayout: undefined,
    profile: undefined,
    frontMatter: false,
  };
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (optionsEnded || !isOptionLike(arg)) {
      setPositional(parsed, arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else {
      index += applyOption(parsed, arg, argv[index + 1]);
    }
  }
  return parsed;
}

function isOptionLike(arg: string): boolean {
  return arg.startsWith('-') && arg !== '-';
}

function setPositional(parsed: ParsedArguments, value: string): void {
  if (parsed.input !== undefined) throw new CliError(`Unexpected argument '${value}'. Provide only one input path.`);
  parsed.input = value;
}

/** Applies one option; returns how many following arguments it consumed (0 or 1). */
function applyOption(parsed: ParsedArguments, arg: string, next: string | undefined): number {
  const equals = arg.indexOf('=');
  const flag = equals < 0 ? arg : arg.slice(0, equals);
  const name = flag.startsWith('--') ? flag.slice(2) : '';
  if (equals < 0 && setFlag(parsed, name)) return 0;
  if (!OPTIONS.has(name)) throw new CliError(`Unknown flag '${flag}'. Pass --help to see supported options.`);
  if (equals >= 0) {
    setOption(parsed, name as OptionName, arg.slice(equals + 1));
    return 0;
  }
  if (next === undefined || isOptionLike(next)) throw new CliError(`Flag ${flag} requires a value.`);
  setOption(parsed, name as OptionName, next);
  return 1;
}

/** Value-less flags; true when `name` is one. */
function setFlag(parsed: ParsedArguments, name: string): boolean {
  if (name === 'force') parsed.force = true;
  else if (name === 'front-matter') parsed.frontMatter = true;
  else return false;
  return true;
}

function setOption(parsed: ParsedArguments, name: OptionName, value: string): void {
  switch (name) {
    case 'output':
      parsed.output = value;
      break;
    case 'format':
      parsed.format = value;
      break;
    case 'technology':
      parsed.technologies.push(value);
      break;
    case 'symbol-layout':
      parsed.symbolLayout = value;
      break;
    case 'tutorial-layout':
      parsed.tutorialLayout = value;
      break;
    default:
      parsed.profile = value;
  }
}
