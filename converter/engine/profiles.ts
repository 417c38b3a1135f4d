// The rendering profiles this engine knows. A profile is added here and nowhere else.
import type { Profile as ProfileName } from '../../common/contract/conversion-job.ts';
import { EngineError } from './api.ts';
import type { RenderProfile } from './profile.ts';
import { swiftCompatProfile } from './swift-compat/profile.ts';

const PROFILES: Partial<Record<ProfileName, RenderProfile>> = {
  'swift-compat': swiftCompatProfile,
};

export const DEFAULT_PROFILE: ProfileName = 'swift-compat';

export function availableProfiles(): ProfileName[] {
  return Object.keys(PROFILES) as ProfileName[];
}

export function profileNamed(name: string): RenderProfile {
  const profile = PROFILES[name as ProfileName];
  if (!profile) {
    throw new EngineError(`Unsupported profile '${name}'. Supported values: ${availableProfiles().join(', ')}.`);
  }
  return profile;
}
