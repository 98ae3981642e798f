// Login latency, and page latency while logins hash passwords.
// Usage: node benches/logins.mjs BASE_URL ACCOUNTS PASSWORD
// Accounts bench-1@example.fi … bench-N@example.fi must exist with PASSWORD. Each is logged into
// five times (the per-account limit allows five in a row).
const [base, accounts, password] = process.argv.slice(2);
const LOGIN_WORKERS = Number(process.env.LOGIN_CONCURRENCY ?? 4);
const PAGE_WORKERS = Number(process.env.PAGE_CONCURRENCY ?? 4);
const headers = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: base };

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (v) => v.toFixed(1).padStart(7);
function report(name, timings, seconds) {
  timings.sort((a, b) => a - b);
  const p99 = percentile(timings, 99);
  console.log(
    `${name.padEnd(28)} n ${String(timings.length).padStart(5)}  p50 ${ms(percentile(timings, 50))} ms  ` +
      `p99 ${ms(p99)} ms  max ${ms(timings[timings.length - 1])} ms  ${(timings.length / seconds).toFixed(1)}/s`,
  );
  return p99;
}

let busy = 0;
async function login(email) {
  const body = new URLSearchParams({ email, password });
  const t0 = performance.now();
  const response = await fetch(`${base}/login`, { method: 'POST', headers, body, redirect: 'manual' });
  await response.arrayBuffer();
  // "Busy, try again" (more hashes waiting than the server takes): counted, and tried again.
  if (response.status === 503) {
    busy += 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return login(email);
  }
  if (response.status !== 303 || response.headers.get('location') !== '/account') {
    throw new Error(`login of ${email}: HTTP ${response.status} to ${response.headers.get('location')}`);
  }
  return performance.now() - t0;
}

async function page() {
  const t0 = performance.now();
  const response = await fetch(`${base}/`, { headers: { 'accept-language': 'fi' } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`page: HTTP ${response.status}`);
  return performance.now() - t0;
}

/** Loads the page with PAGE_WORKERS at a time until `done()`, or `count` times. */
async function loadPages(done, count = Infinity) {
  const timings = [];
  const worker = async () => {
    while (!done() && timings.length < count) timings.push(await page());
  };
  await Promise.all(Array.from({ length: PAGE_WORKERS }, worker));
  return timings;
}

// Warm-up, then the page alone, for comparison.
await loadPages(() => false, 200);
let started = performance.now();
const alone = report('page alone', await loadPages(() => false, 2000), (performance.now() - started) / 1000);

const queue = [];
for (let round = 0; round < 5; round++) for (let n = 1; n <= Number(accounts); n++) queue.push(`bench-${n}@example.fi`);
const loginTimings = [];
let loginsDone = false;
started = performance.now();
const pages = loadPages(() => loginsDone);
await Promise.all(
  Array.from({ length: LOGIN_WORKERS }, async () => {
    while (queue.length) loginTimings.push(await login(queue.shift()));
  }),
);
const loginSeconds = (performance.now() - started) / 1000;
loginsDone = true;
const pageTimings = await pages;
report(`login (${LOGIN_WORKERS} at a time)`, loginTimings, loginSeconds);
const during = report(`page during logins (${PAGE_WORKERS})`, pageTimings, loginSeconds);
console.log(`page p99 during logins / alone: ${(during / alone).toFixed(2)}  (logins answered "busy": ${busy})`);
