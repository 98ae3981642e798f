// After the tests: the server's log of the whole run must hold nothing personal: none of the
// e-mail addresses the portal mailed, none of the codes it mailed (one-time and message codes), no session id.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export default function globalTeardown() {
  const dataDir = process.env.PORTAL_E2E_DATA_DIR!;
  const log = readFileSync(process.env.PORTAL_E2E_LOG!, 'utf8');
  const requests = log.split('\n').filter((line) => line.includes('request')).length;
  if (requests < 100) throw new Error(`the server log has only ${requests} request lines: is it still written?`);
  const mailDir = join(dataDir, 'mail');
  const secrets = new Set<string>();
  for (const file of readdirSync(mailDir)) {
    const mail = readFileSync(join(mailDir, file), 'utf8');
    for (const [, address] of mail.matchAll(/^To: (?:.*<)?([^\s<>]+@[^\s<>]+)>?\s*$/gm)) secrets.add(address);
    const body = mail.split(/\r?\n\r?\n/).slice(1).join('\n');
    for (const [code] of body.matchAll(/\b\d{6}\b/g)) secrets.add(code);
    // The message code each message ends with (server::mail::codes).
    for (const [code] of body.matchAll(/\b[ACEFHKMNPRTWXY34679]{4}-[ACEFHKMNPRTWXY34679]{4}-[ACEFHKMNPRTWXY34679]{4}\b/g)) secrets.add(code);
  }
  if (secrets.size < 10) throw new Error(`only ${secrets.size} addresses and codes found in the mail: is it still written?`);
  // Whole words only: a code's digits may well occur inside a request id.
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = [...secrets].filter((secret) => new RegExp(`(?<![0-9A-Za-z])${escape(secret)}(?![0-9A-Za-z])`).test(log));
  if (/session=|__Host-session/.test(log)) found.push('a session cookie');
  if (/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+/.test(log)) found.push('an e-mail address');
  if (found.length > 0) throw new Error(`the server log holds personal data: ${found.join(', ')}`);
}
