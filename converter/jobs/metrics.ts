// Metrics of the result cache and the job API, on the app's own registry.
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

export interface JobMetrics {
  cacheLookups: Counter<'result'>;
  jobs: Counter<'state' | 'code'>;
}

export function createJobMetrics(registry: Registry): JobMetrics {
  return {
    cacheLookups: new Counter({
      name: 'docc2context_cache_lookups_total',
      help: 'Result cache lookups by result (hit, miss), on POST /api/v1/convert and the job API.',
      labelNames: ['result'],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'docc2context_jobs_total',
      help: 'Jobs of the job API that finished on this pod, by state and error code ("none" on success).',
      labelNames: ['state', 'code'],
      registers: [registry],
    }),
  };
}
