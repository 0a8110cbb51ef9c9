// Builds GC Lab with electron-vite, pointed at our folders:
//   out/main:     main.cjs (Electron main), lab-worker.cjs (the lab service's worker), web.cjs (browser host)
//   out/preload:  preload.cjs (one sandboxed CommonJS bundle)
//   out/renderer: the Svelte app
// Main and preload are .cjs because package.json says "type": "module" and a sandboxed preload must be CommonJS.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Runtime dependencies (ws, zod, @lezer/*) stay in node_modules; electron-builder packs them.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          main: resolve(root, 'src-main/electron/main.ts'),
          'lab-worker': resolve(root, 'src-main/worker/lab-worker.ts'),
          web: resolve(root, 'src-main/web/main.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require() packages: bundle everything it uses.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [svelte()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
