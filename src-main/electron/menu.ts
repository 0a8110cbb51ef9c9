// The native menu. Items send the same command ids the toolbar buttons run (shared/api.ts COMMAND_IDS).
import { Menu, app, type MenuItemConstructorOptions } from 'electron';
import type { CommandId } from '../../shared/api';

export interface FileMenu {
  /** Most recent first (src-main/files RecentFiles). */
  recent: readonly string[];
  openRecent: (file: string) => void;
  clearRecent: () => void;
}

export function buildMenu(send: (id: CommandId) => void, about: () => void, files: FileMenu = { recent: [], openRecent: () => undefined, clearRecent: () => undefined }): Menu {
  const mac = process.platform === 'darwin';
  const item = (label: string, id: CommandId, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(id),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        item('New', 'new', 'CmdOrCtrl+N'),
        item('Open…', 'open', 'CmdOrCtrl+O'),
        {
          label: 'Open Recent',
          submenu: [
            ...files.recent.map((file) => ({ label: file, click: () => files.openRecent(file) })),
            ...(files.recent.length ? [{ type: 'separator' as const }] : []),
            { label: 'Clear Recent', enabled: files.recent.length > 0, click: files.clearRecent },
          ],
        },
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        item('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        mac ? { role: 'close' } : { label: 'Quit', accelerator: 'Ctrl+Q', click: () => app.quit() },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Shown but not registered: the page handles these keys itself, so that inside a text editor they
        // undo typing and elsewhere they undo the last gesture.
        { ...item('Undo', 'undo', 'CmdOrCtrl+Z'), registerAccelerator: false },
        { ...item('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'), registerAccelerator: false },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Zoom In', 'zoomIn', 'CmdOrCtrl+='),
        item('Zoom Out', 'zoomOut', 'CmdOrCtrl+-'),
        item('Actual Size', 'zoomReset', 'CmdOrCtrl+0'),
        item('Fit Graph', 'fit', 'CmdOrCtrl+F'),
        { type: 'separator' },
        item('Switch Theme', 'theme', 'CmdOrCtrl+Shift+T'),
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'About GC Lab', click: about }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
