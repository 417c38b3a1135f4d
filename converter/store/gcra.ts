// GCRA (generic cell rate algorithm): a token bucket kept as one number per client, the
// "theoretical arrival time" (TAT). Pure; the memory backend calls it and redis-scripts.ts runs
// the same arithmetic in Lua so replicas share one atomic limiter. Chosen over a library
// (rate-limiter-flexible): one key and one round trip per request, no dependency, and the very
// same arithmetic runs in memory for the per-pod fallback, so both pass one test suite.
import type { RateLimitDecision, RateLimitRule } from './types.ts';

export interface GcraStep {
  decision: RateLimitDecision;
  /** The new TAT to store (with a TTL of `tatMs - nowMs`), or undefined when refused. */
  tatMs?: number;
}

// Guards floor() against binary rounding (e.g. 2.9999999 requests left for a window/3 interval).
const EPSILON = 1e-9;

export function gcraStep(storedTatMs: number | undefined, nowMs: number, rule: RateLimitRule): GcraStep {
  const interval = rule.windowMs / rule.limit;
  const tat = storedTatMs === undefined || storedTatMs < nowMs ? nowMs : storedTatMs;
  const newTat = tat + interval;
  const allowAt = newTat - rule.windowMs;
  if (nowMs < allowAt) {
    return { decision: decision(rule, { allowed: false, remaining: 0, resetMs: tat - nowMs, retryMs: allowAt - nowMs }) };
  }
  const remaining = Math.floor((nowMs - allowAt) / interval + EPSILON);
  return { decision: decision(rule, { allowed: true, remaining, resetMs: newTat - nowMs, retryMs: 0 }), tatMs: newTat };
}

interface RawDecision {
  allowed: boolean;
  remaining: number;
  resetMs: number;
  retryMs: number;
}

/** Converts the script's millisecond answer into header-ready whole seconds. */
export function decision(rule: RateLimitRule, raw: RawDecision): RateLimitDecision {
  return {
    allowed: raw.allowed,
    limit: rule.limit,
    remaining: Math.max(0, raw.remaining),
    resetSeconds: Math.max(0, Math.ceil(raw.resetMs / 1000)),
    retryAfterSeconds: raw.allowed ? 0 : Math.max(1, Math.ceil(raw.retryMs / 1000)),
  };
}
