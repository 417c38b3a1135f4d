// The rendering profiles this engine knows. A profile is added here and named in profile-names.ts.
import type { Profile as ProfileName } from '../../common/contract/conversion-job.ts';
import { EngineError } from './api.ts';
import type { RenderProfile } from './swift-compat/render-profile.ts';
import { availableProfiles, OWN_PIPELINE_PROFILES } from './profile-names.ts';
import { swiftCompatProfile } from './swift-compat/render/profile.ts';

export { availableProfiles, DEFAULT_PROFILE, OWN_PIPELINE_PROFILES } from './profile-names.ts';

const PROFILES: Partial<Record<ProfileName, RenderProfile>> = {
  'swift-compat': swiftCompatProfile,
};

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
