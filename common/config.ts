// Small, strict readers for environment variables. Each loadConfig() uses one EnvReader,
// collects every problem, and throws one ConfigError naming all bad variables at once.
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

interface IntRule {
  default: number;
  min?: number;
  max?: number;
}

export class EnvReader {
  private readonly env: Env;
  private readonly problems: string[] = [];

  constructor(env: Env) {
    this.env = env;
  }

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, rule: IntRule): number {
    const raw = this.raw(name);
    if (raw === undefined) return rule.default;
    if (!/^-?\d+$/.test(raw)) {
      this.problems.push(`${name} must be an integer, got "${raw}"`);
      return rule.default;
    }
    const value = Number(raw);
    if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
      this.problems.push(`${name} must be between ${rule.min ?? '-∞'} and ${rule.max ?? '∞'}, got ${value}`);
      return rule.default;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }

  /** A comma-separated list; empty items are dropped. */
  list(name: string, fallback: readonly string[]): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return [...fallback];
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  url(name: string, protocols: readonly string[] = ['http:', 'https:']): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
        return undefined;
      }
      return raw;
    } catch {
      this.problems.push(`${name} must be a URL, got "${raw}"`);
      return undefined;
    }
  }

  /** Records a problem found by a cross-field rule in the caller. */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws one ConfigError listing every problem, or returns the value frozen. */
  done<T extends object>(value: T): Readonly<T> {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
    return deepFreeze(value);
  }
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
