// Saving a step, as one signed-in applicant with one draft per worker.
// Usage: node benches/forms.mjs BASE_URL EMAIL PASSWORD [REQUESTS]
const [base, email, password, requests = '2000'] = process.argv.slice(2);
const total = Number(requests);
const WORKERS = Number(process.env.CONCURRENCY ?? 4);
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: base };

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (v) => v.toFixed(2).padStart(7);
function report(name, timings, seconds) {
  timings.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(26)} n ${String(timings.length).padStart(5)}  p50 ${ms(percentile(timings, 50))} ms  ` +
      `p99 ${ms(percentile(timings, 99))} ms  max ${ms(timings[timings.length - 1])} ms  ${(timings.length / seconds).toFixed(0)}/s`,
  );
}

async function post(path, fields, cookie) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { ...formHeaders, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return response;
}

const login = await post('/login', { email, password });
const cookie = login.headers.get('set-cookie').split(';')[0];
// One draft for each worker: an applicant saves one step at a time in each application.
async function startDraft() {
  const started = await post('/apply/first-work', {}, cookie);
  return started.headers.get('location').replace(/\/steps\/names$/, '');
}
const drafts = [];
for (let i = 0; i < WORKERS; i++) drafts.push(await startDraft());
const names = [
  ['surname', 'VIRTANEN'],
  ['given-names', 'MARIA'],
];

async function run(name, count, once) {
  const timings = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      while (next < count) {
        next += 1;
        const t = performance.now();
        await once(drafts[worker]);
        timings.push(performance.now() - t);
      }
    }),
  );
  report(name, timings, (performance.now() - t0) / 1000);
}

await run('save a step (names)', total, async (draft) => {
  const response = await post(`${draft}/steps/names`, names, cookie);
  if (response.status !== 303 || !response.headers.get('location').endsWith('/steps/birth')) {
    throw new Error(`save: HTTP ${response.status} to ${response.headers.get('location')}`);
  }
});
