// The names of the rendering profiles, apart from their code, so that the command's help and
// argument checks load without the engine (start-up time: docs/adr/0001).
import type { Profile as ProfileName } from '../../common/contract/conversion-job.ts';

/** Every profile (profiles.ts), in the order the help lists them. */
export const PROFILE_NAMES: readonly ProfileName[] = ['swift-compat', 'rich'];

// Stays swift-compat while the CLI's parity tests (same arguments, same output as the Swift CLI)
// run without --profile; switching the default to rich is the coordinator's call (issue 3).
export const DEFAULT_PROFILE: ProfileName = 'swift-compat';

export function availableProfiles(): ProfileName[] {
  return [...PROFILE_NAMES];
}
