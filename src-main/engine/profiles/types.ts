// A profile is the table of everything that differs between CPython versions.
// Code asks the profile; it never compares version numbers itself.

/** The versions the lab simulates. '3.14.2' is the incremental collector of 3.14.0-3.14.4; '3.14' is 3.14.5+. */
export const PROFILE_IDS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14.2', '3.14'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];
export const DEFAULT_PROFILE: ProfileId = '3.13';

/** pymalloc's geometry and arena policy for one version (reference §5). */
export interface PymallocConfig {
  poolSize: number; // 4096 on 3.8-3.9, 16384 on 3.10+
  arenaSize: number; // 262144 on 3.8-3.9, 1048576 on 3.10+
  /** Usable pools in a new arena: 64, or 63 when mmap's address is not pool-aligned (Linux, 16 KiB pools). */
  poolsPerArena: number;
  /** bpo-37257 (3.9+): a wholly free arena is kept when it is the last of usable_arenas. */
  keepLastEmptyArena: boolean;
}
