// On a pod with the Swift binary, swift-compat requests go to the Swift CLI and rich requests to
// the builtin engine (the CLI cannot write rich output), so a request's bytes never depend on the
// pod it lands on. Both runners keep their own bounded capacity.
import { engineForProfile, resolveOptions } from '../../common/contract/conversion-job.ts';
import type { ConversionOptions, EngineName } from '../../common/contract/conversion-job.ts';
import type { ConversionRunner, RunInputKind, RunnerStats, RunRequest, RunResult } from './types.ts';

export interface ProfileRouterParts {
  swift: ConversionRunner;
  builtin: ConversionRunner;
}

export function createProfileRouter(parts: ProfileRouterParts): ConversionRunner {
  const pick = (options: ConversionOptions): ConversionRunner =>
    engineForProfile(resolveOptions(options).profile, 'swift') === 'swift' ? parts.swift : parts.builtin;
  return {
    engine: 'swift' satisfies EngineName,
    inputKind: (options: ConversionOptions): RunInputKind => pick(options).inputKind(options),
    run: (request: RunRequest): Promise<RunResult> => pick(request.options).run(request),
    stats: (): RunnerStats => sumStats(parts.swift.stats(), parts.builtin.stats()),
    close: async (graceMs?: number): Promise<void> => {
      await Promise.all([parts.swift.close(graceMs), parts.builtin.close(graceMs)]);
    },
  };
}

function sumStats(a: RunnerStats, b: RunnerStats): RunnerStats {
  return {
    inFlight: a.inFlight + b.inFlight,
    queued: a.queued + b.queued,
    capacity: a.capacity + b.capacity,
    queueLimit: a.queueLimit + b.queueLimit,
  };
}
