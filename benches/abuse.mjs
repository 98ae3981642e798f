// Oversized anonymous logins, and the server's memory and database size as they go.
// Usage: node benches/abuse.mjs BASE_URL SERVER_PID DATA_DIR REQUESTS CONCURRENCY
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [base, pid, dataDir, requests, concurrency] = process.argv.slice(2);
const headers = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: base };
const body = new URLSearchParams({ email: 'a'.repeat(1_500_000), password: 'x' }).toString();

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const database = () =>
  readdirSync(dataDir).filter((f) => f.startsWith('portal.db')).reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0) /
  1024 / 1024;
const report = (label) => console.log(`${label.padEnd(24)} RSS ${rss().toFixed(1).padStart(6)} MiB   database ${database().toFixed(1).padStart(6)} MiB`);

let sent = 0;
const statuses = new Map();
async function worker(until) {
  while (sent < until) {
    sent++;
    let answer;
    try {
      const response = await fetch(`${base}/login`, { method: 'POST', headers, body, redirect: 'manual' });
      await response.arrayBuffer();
      answer = `HTTP ${response.status}`;
    } catch {
      // The server answers 413 and closes the connection while the body is still coming.
      answer = 'closed while sending';
    }
    statuses.set(answer, (statuses.get(answer) ?? 0) + 1);
  }
}

report('idle after start');
const total = Number(requests);
for (const until of [Math.round(total / 3), Math.round((2 * total) / 3), total]) {
  await Promise.all(Array.from({ length: Number(concurrency) }, () => worker(until)));
  report(`after ${until} requests`);
}
console.log(`answers: ${[...statuses].map(([answer, n]) => `${n} × ${answer}`).join(', ')}`);
