// Look up a version's table. Unknown ids are a programming error.
import { PROFILES } from './versions';
import { DEFAULT_PROFILE, PROFILE_IDS, type ProfileId } from './types';
import type { Profile } from './profile';

export { PROFILES, DEFAULT_PROFILE, PROFILE_IDS };
export type { ProfileId, Profile };
export type { SizeTable, FreeListTable, IncrementalTable, GcKind } from './profile';

export function getProfile(id: ProfileId = DEFAULT_PROFILE): Profile {
  const p = PROFILES[id];
  if (!p) throw new Error(`unknown profile ${String(id)}`);
  return p;
}
