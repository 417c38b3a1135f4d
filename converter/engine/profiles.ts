// The rendering profiles this engine knows. A profile is added here and nowhere else.
import type { Profile as ProfileName } from '../../common/contract/conversion-job.ts';
import { EngineError } from './api.ts';
import type { RenderProfile } from './profile.ts';
import { swiftCompatProfile } from './swift-compat/profile.ts';

const PROFILES: Partial<Record<ProfileName, RenderProfile>> = {
  'swift-compat': swiftCompatProfile,
};

/** Profiles that run a pipeline of their own instead of a RenderProfile (rich/entry.ts). */
export const OWN_PIPELINE_PROFILES: readonly ProfileName[] = ['rich'];

// Stays swift-compat while the CLI's parity tests (same arguments, same output as the Swift CLI)
// run without --profile; switching the default to rich is the coordinator's call (issue 3).
export const DEFAULT_PROFILE: ProfileName = 'swift-compat';

export function availableProfiles(): ProfileName[] {
  return [...(Object.keys(PROFILES) as ProfileName[]), ...OWN_PIPELINE_PROFILES];
}

export function hasOwnPipeline(name: string): boolean {
  return OWN_PIPELINE_PROFILES.includes(name as ProfileName);
}

export function profileNamed(name: string): RenderProfile {
  const profile = PROFILES[name as ProfileName];
  if (!profile) {
    throw new EngineError(`Unsupported profile '${name}'. Supported values: ${availableProfiles().join(', ')}.`);
  }
  return profile;
}
