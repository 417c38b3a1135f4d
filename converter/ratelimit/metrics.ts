// The rate limiter's metric on the app's own registry.
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

export function createRateLimitedCounter(registry: Registry): Counter<'scope'> {
  return new Counter({
    name: 'docc2context_rate_limited_requests_total',
    help: 'Requests refused with 429 by the per-client rate limit, by scope (convert, conversions).',
    labelNames: ['scope'],
    registers: [registry],
  });
}
