// `--technology` with the rich profile: a name that matches nothing is an argument error that
// lists what the archive has, instead of an empty result (issue 14). swift-compat keeps the Swift
// CLI's behaviour (exit 0, nothing converted) for parity.
import { EngineError } from '../api.ts';
import { compareCodePoints } from '../io/archive-reader.ts';
import type { PageSummary } from './page-summary.ts';

/** Throws when technologies were asked for and no page belongs to any of them. */
export function requireSomeTechnology(all: readonly PageSummary[], kept: readonly PageSummary[], technologies: readonly string[]): void {
  const wanted = technologies.map((value) => value.trim()).filter((value) => value !== '');
  if (wanted.length === 0 || kept.length > 0) return;
  const available = [...new Set(all.map((page) => page.module).filter((module) => module !== ''))].sort(compareCodePoints);
  const asked = wanted.map((value) => `'${value}'`).join(', ');
  const has = available.length === 0 ? 'no technology' : available.join(', ');
  throw new EngineError(`No technology matched ${asked}. The archive has: ${has}.`);
}
