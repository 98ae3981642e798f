// Before the browser tests: accounts to log in with, made the way administrators make them.
import { execFileSync } from 'node:child_process';
import { ACCOUNT_KEYS, PASSWORD, accountEmail } from './tests/support';

export default function globalSetup() {
  for (const key of ACCOUNT_KEYS) {
    execFileSync('../target/debug/portal', ['admin', 'create-staff', accountEmail(key)], {
      input: `${PASSWORD}\n`,
      env: { ...process.env, PORTAL_DATA_DIR: process.env.PORTAL_E2E_DATA_DIR, PORTAL_LOG: 'warn' },
      stdio: ['pipe', 'inherit', 'inherit'],
    });
  }
}
