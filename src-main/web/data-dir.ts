// The browser host's data folder (autosaves, crash markers): $GCLAB_DATA_DIR, else the OS's per-user data
// folder, the same place Electron's userData would be for "GC Lab".
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.GCLAB_DATA_DIR) return env.GCLAB_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'GC Lab');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'GC Lab');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'GC Lab');
}
