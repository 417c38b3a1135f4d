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

export const DEFAULT_PROFILE: ProfileName = 'rich';

export function availableProfiles(): ProfileName[] {
  return [...OWN_PIPELINE_PROFILES, ...(Object.keys(PROFILES) as ProfileName[])];
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
