// The names of the rendering profiles, apart from their code, so that the command's help and
// argument checks load without the engine (start-up time: docs/adr/0001).
import type { Profile as ProfileName } from '../../common/contract/conversion-job.ts';

/** Profiles rendered through a RenderProfile (profiles.ts), in the order the help lists them. */
export const RENDER_PROFILE_NAMES: readonly ProfileName[] = ['swift-compat'];

/** Profiles that run a pipeline of their own instead of a RenderProfile (rich/entry.ts). */
export const OWN_PIPELINE_PROFILES: readonly ProfileName[] = ['rich'];

// Stays swift-compat while the CLI's parity tests (same arguments, same output as the Swift CLI)
// run without --profile; switching the default to rich is the coordinator's call (issue 3).
export const DEFAULT_PROFILE: ProfileName = 'swift-compat';

export function availableProfiles(): ProfileName[] {
  return [...RENDER_PROFILE_NAMES, ...OWN_PIPELINE_PROFILES];
}
