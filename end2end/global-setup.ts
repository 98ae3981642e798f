// Before the tests: accounts to log in with, made the way administrators make them.
import { execFileSync } from 'node:child_process';
import { ACCOUNT_KEYS, EMPLOYER_IDENTITY, EMPLOYER_KEYS, PASSWORD, STAFF_KEYS, accountEmail } from './tests/support';

function portalAdmin(args: string[]) {
  execFileSync('../target/debug/portal', ['admin', ...args], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, PORTAL_DATA_DIR: process.env.PORTAL_E2E_DATA_DIR, PORTAL_LOG: 'warn' },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

export default function globalSetup() {
  for (const key of ACCOUNT_KEYS) portalAdmin(['create-account', 'applicant', accountEmail(key)]);
  for (const key of STAFF_KEYS) portalAdmin(['create-staff', accountEmail(key)]);
  for (const key of EMPLOYER_KEYS) {
    portalAdmin(['create-account', 'employer', accountEmail(key)]);
    portalAdmin(['set-identity-code', accountEmail(key), EMPLOYER_IDENTITY]);
  }
}
