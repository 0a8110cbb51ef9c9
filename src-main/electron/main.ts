// Electron main: one window per session, the lab service in a worker, every IPC call checked.
import { BrowserWindow, Menu, app, dialog, ipcMain, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandId, LabEvents } from '../../shared/api';
import { startLabWorker, type LabWorker } from '../worker/host';
import { CALL_CHANNEL, EVENT_CHANNEL, type EventMessage } from './channels';
import { createCallHandler } from './ipc';
import { secureWebPreferences } from './window-options';
import { buildMenu } from './menu';
import { gclabArg } from './open-file';
import { harden } from './security';
import { RecoveryStore, hostSessions, type HostSessions } from '../lab/host-sessions';
import { RecentFiles, SettingsStore } from '../files';
import { windowFiles, type WindowFiles } from './save-file';

const here = __dirname; // out/main
const devUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev`
const rendererFile = path.join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).href;

/** Only our own page may call the lab or be navigated to. */
function isOwnUrl(url: string): boolean {
  if (devUrl) return url.startsWith(devUrl);
  return url.split(/[?#]/)[0] === rendererUrl;
}

const labs = new Map<number, WindowFiles>(); // webContents id -> its lab (saves, autosave once ready)
let pendingOpen: string | null = null;
let recovery: Promise<RecoveryStore> | null = null;
let settings: Promise<SettingsStore> | null = null;

const recentFiles = () => new RecentFiles(app.getPath('userData'));
let refreshMenu: () => Promise<void> = async () => undefined;

/**
 * A .gclab from Open…, Open Recent, the command line, a second instance or the OS: opened in the window's lab
 * (asking first over unsaved work; save-file.ts openFile), then shown.
 */
async function openInWindow(win: BrowserWindow, file: string): Promise<void> {
  const lab = labs.get(win.webContents.id);
  if (!lab) return;
  try {
    const opened = await lab.openFile(file);
    if (opened) send(win, 'open', { path: file, opened });
  } catch (err) {
    send(win, 'open', { path: file, error: err instanceof Error ? err.message : String(err) });
  }
}

function send<E extends keyof LabEvents>(win: BrowserWindow, event: E, payload: LabEvents[E]) {
  if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { event, payload } as EventMessage);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'GC Lab',
    show: false,
    webPreferences: secureWebPreferences(path.join(here, '../preload/preload.cjs')),
  });
  const id = win.webContents.id;
  const lab = startLabWorker({ entry: path.join(here, 'lab-worker.cjs'), host: 'electron', appVersion: app.getVersion() });
  let target: LabWorker | HostSessions = lab;
  const files = windowFiles({
    lab: () => target,
    chooseSavePath: async (defaultPath) => {
      const r = await dialog.showSaveDialog(win, { defaultPath, filters: [{ name: 'GC Lab session', extensions: ['gclab'] }] });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    addRecent: async (file) => {
      app.addRecentDocument(file);
      await recentFiles().add(file);
      void refreshMenu();
    },
    defaultDir: () => app.getPath('documents'),
    chooseOpenPath: async () => {
      const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: [{ name: 'GC Lab session', extensions: ['gclab'] }] });
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
    },
    confirmDiscard: async (name) => {
      const r = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Discard Changes', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'This session has unsaved changes.',
        detail: `Open ${name} and lose them?`,
      });
      return r.response === 0;
    },
  });
  labs.set(id, files);
  const dataDir = app.getPath('userData');
  const sessions = Promise.all([(recovery ??= RecoveryStore.find(dataDir)), (settings ??= SettingsStore.load(dataDir))]).then(([store, prefs]) =>
    hostSessions(lab, { dataDir, recovery: store, settings: prefs, sourcePath: () => files.path }),
  );
  sessions.then((s) => void (target = s), () => undefined);
  lab.on('changed', (payload) => send(win, 'changed', payload));
  // The page refuses to unload with unsaved work (beforeunload); Electron shows nothing by itself, so ask.
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Discard Changes', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'This session has unsaved changes.',
      detail: 'Close the window and lose them?',
    });
    if (choice === 0) e.preventDefault();
  });
  win.on('closed', () => {
    labs.delete(id);
    void sessions
      .then((s) => s.close())
      .catch(() => undefined)
      .finally(() => void lab.terminate());
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => {
    if (pendingOpen) void openInWindow(win, pendingOpen);
    pendingOpen = null;
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererFile);
  return win;
}

function focused(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  pendingOpen = gclabArg(process.argv, process.cwd());
  app.on('second-instance', (_e, argv, cwd) => {
    const win = focused();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
    const file = gclabArg(argv, cwd);
    if (file) void openInWindow(win, file);
  });
  // macOS hands files over by event, before or after ready.
  app.on('open-file', (e, file) => {
    e.preventDefault();
    const win = focused();
    if (win) void openInWindow(win, file);
    else pendingOpen = file;
  });

  void app.whenReady().then(() => {
    harden(isOwnUrl);
    ipcMain.handle(CALL_CHANNEL, createCallHandler((id) => labs.get(id), isOwnUrl));
    const sendCommand = (id: CommandId) => {
      const win = focused();
      if (!win) return;
      // Open… goes to the page like every command: there it calls openFile (the native dialog, in main).
      send(win, 'command', { id });
    };
    const about = () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'About GC Lab',
        message: `GC Lab ${app.getVersion()}`,
        detail: "A laboratory for CPython's memory manager: reference counting, the cycle collector and pymalloc, version by version.",
      });
    refreshMenu = async () => {
      const recent = await recentFiles().prune().catch(() => [] as string[]);
      Menu.setApplicationMenu(
        buildMenu(sendCommand, about, {
          recent,
          openRecent: (file) => {
            const win = focused();
            if (win) void openInWindow(win, file);
          },
          clearRecent: () => {
            app.clearRecentDocuments();
            void recentFiles().clear().then(() => refreshMenu());
          },
        }),
      );
    };
    Menu.setApplicationMenu(buildMenu(sendCommand, about));
    void refreshMenu();
    // Sessions are saved by main (saveFile: native dialog + atomic write); exports are downloads of the page.
    session.defaultSession.on('will-download', (_e, item) => {
      const ext = item.getFilename().split('.').pop() ?? '';
      item.setSaveDialogOptions({ filters: [{ name: ext === 'gclab' ? 'GC Lab session' : ext.toUpperCase(), extensions: [ext] }] });
    });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
