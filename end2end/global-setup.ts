// Before the browser tests: an account to log in with, made the way administrators make one.
import { execFileSync } from 'node:child_process';
import { STAFF } from './tests/support';

export default function globalSetup() {
  execFileSync('../target/debug/portal', ['admin', 'create-staff', STAFF.email], {
    input: `${STAFF.password}\n`,
    env: { ...process.env, PORTAL_DATA_DIR: process.env.PORTAL_E2E_DATA_DIR, PORTAL_LOG: 'warn' },
    stdio: ['pipe', 'inherit', 'inherit'],
  });
}
