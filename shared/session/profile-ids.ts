// The CPython profile ids a session may name. shared/ imports nothing from src-*, so this is a copy of
// src-main/engine/profiles/types.ts PROFILE_IDS; tests/session/profile-ids.test.ts fails if they drift apart.

export const SESSION_PROFILE_IDS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14.2', '3.14'] as const;
export type SessionProfileId = (typeof SESSION_PROFILE_IDS)[number];
export const DEFAULT_SESSION_PROFILE: SessionProfileId = '3.13';

export function isSessionProfileId(value: unknown): value is SessionProfileId {
  return typeof value === 'string' && (SESSION_PROFILE_IDS as readonly string[]).includes(value);
}
