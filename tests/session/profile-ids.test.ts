import { describe, expect, it } from 'vitest';
import { PROFILE_IDS, DEFAULT_PROFILE } from '../../src-main/engine/profiles/types';
import { DEFAULT_SESSION_PROFILE, SESSION_PROFILE_IDS } from '../../shared/session';

describe('session profile ids', () => {
  it('lists exactly the profiles the engine simulates, in the same order', () => {
    expect([...SESSION_PROFILE_IDS]).toEqual([...PROFILE_IDS]);
  });

  it('defaults to the same profile as the engine', () => {
    expect(DEFAULT_SESSION_PROFILE).toBe(DEFAULT_PROFILE);
  });
});
