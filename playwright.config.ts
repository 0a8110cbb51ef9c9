// End-to-end tests. Project "web" drives the browser host in Chromium; project "electron" runs the same specs
// against the desktop app when an Electron binary exists, and skips them with the reason otherwise.
import { defineConfig } from '@playwright/test';
import type { HostOptions } from './e2e/fixtures/app';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export default defineConfig<HostOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/fixtures/global-setup.ts',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1, // two cores, shared with other engineers' builds
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: isRoot ? ['--no-sandbox'] : [],
    },
    viewport: { width: 1280, height: 800 },
    trace: 'off',
  },
  projects: [
    { name: 'web', use: { hostKind: 'web' } },
    { name: 'electron', use: { hostKind: 'electron' }, testIgnore: /web-only/ },
  ],
});
