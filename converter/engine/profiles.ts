// The profiles this engine knows. A profile is added here and named in profile-names.ts.
import type { Profile as ProfileName } from '../../common/contract/conversion-job.ts';
import { EngineError } from './api.ts';
import type { EngineProfile } from './profile.ts';
import { availableProfiles } from './profile-names.ts';
import { rich } from './rich/entry.ts';
import { swiftCompat } from './swift-compat/pipeline.ts';

export { availableProfiles, DEFAULT_PROFILE } from './profile-names.ts';

const PROFILES: Record<ProfileName, EngineProfile> = {
  'swift-compat': swiftCompat,
  rich,
};

export function profileNamed(name: string): EngineProfile {
  if (!Object.hasOwn(PROFILES, name)) {
    throw new EngineError(`Unsupported profile '${name}'. Supported values: ${availableProfiles().join(', ')}.`);
  }
  return PROFILES[name as ProfileName];
}
