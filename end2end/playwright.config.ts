// Browser tests: Debian's Chromium (never a downloaded browser) against the portal's debug
// build on a loopback port of its own, with a fresh data directory. Two projects run every
// journey: with JavaScript (hydrated) and without (server-rendered HTML only).
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = process.env.PORTAL_E2E_PORT ?? '3100';
// The case-backend simulator the portal delivers sent applications to.
const simPort = process.env.PORTAL_E2E_SIM_PORT ?? '3101';
export const simSecret = 'the browser tests share this with the simulator';
// Made once by the main process; workers inherit it, so the tests read the server's mail and
// global-setup.ts makes the test account in the server's database.
const dataDir = (process.env.PORTAL_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'portal-e2e-')));
// The server's log of the whole run, which global-teardown.ts searches for personal data.
process.env.PORTAL_E2E_LOG ??= join(dataDir, 'server.log');

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    // axe and hydration checks need scripts in the page; journeys run in both.
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: /-with-js\.spec\.ts$/ },
  ],
  webServer: [
   {
    command: 'exec ../target/debug/case-backend-sim',
    url: `http://127.0.0.1:${simPort}/stats.json`,
    reuseExistingServer: false,
    timeout: 60_000,
    // `slow` (set by a test for a moment) answers deliveries 10 s late: within the portal's
    // 15 s timeout, long enough to see a sent page wait for receipt.
    env: {
      CASE_SIM_BIND: `127.0.0.1:${simPort}`,
      CASE_SIM_SECRET: simSecret,
      CASE_SIM_SLOW_SECONDS: '10',
      // Where its case handler sends events about the cases.
      CASE_SIM_PORTAL_URL: `http://127.0.0.1:${port}`,
    },
   },
   {
    // `exec`, so that stopping the command stops the portal itself.
    command: 'exec ../target/debug/portal >> "$PORTAL_E2E_LOG" 2>&1',
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORTAL_BIND: `127.0.0.1:${port}`,
      PORTAL_DATA_DIR: dataDir,
      PORTAL_SITE_ROOT: '../target/site',
      // Every request's line, to search afterwards.
      PORTAL_LOG: 'info',
      // Every test logs in from 127.0.0.1: lift the per-client limit (the Rust tests cover it).
      PORTAL_CLIENT_ATTEMPTS_PER_MINUTE: '10000',
      // Every test comes from one address: the public forms' limits are the integration tests'.
      PORTAL_MESSAGE_CHECKS_PER_HOUR: '10000',
      PORTAL_SCAM_REPORTS_PER_HOUR: '10000',
      PORTAL_CASE_BACKEND_URL: `http://127.0.0.1:${simPort}`,
      PORTAL_CASE_BACKEND_SECRET: simSecret,
    },
   },
  ],
});
