// Node side of session files (main process and web host). The app-data folder is always passed in:
// Electron uses app.getPath('userData'), the web host its own folder; nothing here chooses one.
//
// Wiring, one call each:
//   Open:      const r = await openSessionFile(path, (s) => ({ scratch, run }), { appVersion });
//              r.ok ? swap in r.scratch : show r.error.message (the open session was never touched).
//              (loadSessionFile = load + validate only; openSession in shared/ = the same for bytes in hand.)
//   Save/As:   await saveSessionFile(path, session); await recent.add(path)   (atomic; gzip when large)
//   Export:    serializeSession(session) for the .gclab text; encodeSession(session) for the bytes.
//   Startup:   const offers = await findRecoverableAutosaves(dataDir);  // crashed instances, newest first
//              const autosave = new Autosave(dataDir); await autosave.start();
//              autosave.schedule(settings.autosaveSeconds ?? 30, () => dirty ? { session, sourcePath } : null, log);
//              offer offers[0]: loadSessionFile(offer.autosavePath); then discardAutosave(offer)
//   Quit:      await autosave.cleanExit()   (only after unsaved work was saved or discarded)
//   Settings:  const settings = await SettingsStore.load(dataDir, { autosaveSeconds: flag }); settings.set({...})
//   Recent:    const recent = new RecentFiles(dataDir); await recent.list() / add(path) / remove(path) / prune()
//   After a crash mid-save, leftover temp files beside a document: removeStaleTempFiles(path).

export { saveSessionFile, loadSessionFile, openSessionFile, type SaveOptions } from './session-file';
export { encodeSession, encodeSessionAsync, decodeSession, decodeSessionAsync, gunzipBounded, GZIP_THRESHOLD_BYTES, type Compression } from './codec';
export { writeFileAtomic, staleTempFiles, removeStaleTempFiles, type AtomicWriteOptions } from './atomic-write';
export { Autosave, findRecoverableAutosaves, discardAutosave, autosaveFolder, type RecoverableAutosave } from './autosave';
export { RecentFiles, RECENT_FILES_MAX } from './recent-files';
export { SettingsStore, DEFAULT_SETTINGS } from './settings';
