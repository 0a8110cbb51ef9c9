// Electron main: one window per session, the lab service in a worker, every IPC call checked.
import { BrowserWindow, Menu, app, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toErrorShape, type CommandId, type LabEvents } from '../../shared/api';
import { parseCall } from '../../shared/rpc';
import { startLabWorker, type LabWorker } from '../worker/host';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply, type EventMessage } from './channels';
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
    webPreferences: {
      preload: path.join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
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

async function handleCall(e: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<CallReply> {
  try {
    const lab = labs.get(e.sender.id);
    // The sender must be one of our windows, showing our page, in its main frame.
    if (!lab || !e.senderFrame || e.senderFrame !== e.sender.mainFrame || !isOwnUrl(e.senderFrame.url)) {
      return { ok: false, error: { name: 'Forbidden', message: 'this frame may not call GC Lab' } };
    }
    const call = parseCall(method, args);
    return { ok: true, value: await lab.call(call.method, call.args) };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
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
    ipcMain.handle(CALL_CHANNEL, handleCall);
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
