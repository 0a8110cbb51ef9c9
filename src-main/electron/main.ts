// Electron main: one window per session, the lab service in a worker, every IPC call checked.
import { BrowserWindow, Menu, app, dialog, ipcMain } from 'electron';
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

const here = __dirname; // out/main
const devUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev`
const rendererFile = path.join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).href;

/** Only our own page may call the lab or be navigated to. */
function isOwnUrl(url: string): boolean {
  if (devUrl) return url.startsWith(devUrl);
  return url.split(/[?#]/)[0] === rendererUrl;
}

const labs = new Map<number, LabWorker>(); // webContents id -> its lab
let pendingOpen: string | null = null;

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
  labs.set(id, lab);
  lab.on('changed', (payload) => send(win, 'changed', payload));
  win.on('closed', () => {
    labs.delete(id);
    void lab.terminate();
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => {
    if (pendingOpen) send(win, 'open', { path: pendingOpen });
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
    if (file) send(win, 'open', { path: file });
  });
  // macOS hands files over by event, before or after ready.
  app.on('open-file', (e, file) => {
    e.preventDefault();
    const win = focused();
    if (win) send(win, 'open', { path: file });
    else pendingOpen = file;
  });

  void app.whenReady().then(() => {
    harden(isOwnUrl);
    ipcMain.handle(CALL_CHANNEL, createCallHandler((id) => labs.get(id), isOwnUrl));
    const sendCommand = (id: CommandId) => {
      const win = focused();
      if (win) send(win, 'command', { id });
    };
    const about = () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'About GC Lab',
        message: `GC Lab ${app.getVersion()}`,
        detail: "A laboratory for CPython's memory manager: reference counting, the cycle collector and pymalloc, version by version.",
      });
    Menu.setApplicationMenu(buildMenu(sendCommand, about));
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
