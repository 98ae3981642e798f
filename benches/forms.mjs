// Saving a step: CONCURRENCY applicants at once (8 and 32 by default), each signed in as
// themselves (EMAIL_PREFIX1@example.fi, EMAIL_PREFIX2@…) with a draft of their own, saving one
// step after another. Prints, per concurrency, the saves per second and the latency, and a
// line `saves CONCURRENCY SAVES_PER_S P50_MS P99_MS` for benches/forms.sh.
// Usage: node benches/forms.mjs BASE_URL EMAIL_PREFIX PASSWORD [REQUESTS]
const [base, prefix, password, requests = '2000'] = process.argv.slice(2);
const total = Number(requests);
const CONCURRENCY = (process.env.CONCURRENCY ?? '8 32').split(/\s+/).filter(Boolean).map(Number);
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: base };

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (v) => v.toFixed(2).padStart(7);
function report(name, workers, timings, seconds) {
  timings.sort((a, b) => a - b);
  const [p50, p99, rate] = [percentile(timings, 50), percentile(timings, 99), timings.length / seconds];
  console.log(
    `${name.padEnd(26)} n ${String(timings.length).padStart(5)}  p50 ${ms(p50)} ms  ` +
      `p99 ${ms(p99)} ms  max ${ms(timings[timings.length - 1])} ms  ${rate.toFixed(0)}/s`,
  );
  console.log(`saves ${workers} ${rate.toFixed(0)} ${p50.toFixed(2)} ${p99.toFixed(2)}`);
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

/** An applicant signed in with a draft of their own: what one worker saves steps as. */
async function applicant(n) {
  const login = await post('/login', { email: `${prefix}${n}@example.fi`, password });
  if (login.status !== 303) throw new Error(`login of applicant ${n}: HTTP ${login.status}`);
  // The session's cookie (the login also sets a marker that the browser was signed in).
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => /^(__Host-)?session=/.test(c));
  const started = await post('/apply/first-work', {}, cookie);
  return { cookie, draft: started.headers.get('location').replace(/\/steps\/names$/, '') };
}
const applicants = [];
for (let n = 1; n <= Math.max(...CONCURRENCY); n++) applicants.push(await applicant(n));
const names = [
  ['surname', 'VIRTANEN'],
  ['given-names', 'MARIA'],
];

async function save({ cookie, draft }) {
  const response = await post(`${draft}/steps/names`, names, cookie);
  if (response.status !== 303 || !response.headers.get('location').endsWith('/steps/birth')) {
    throw new Error(`save: HTTP ${response.status} to ${response.headers.get('location')}`);
  }
}

for (const workers of CONCURRENCY) {
  const timings = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    applicants.slice(0, workers).map(async (one) => {
      while (next < total) {
        next += 1;
        const t = performance.now();
        await save(one);
        timings.push(performance.now() - t);
      }
    }),
  );
  report(`save a step, ${workers} at once`, workers, timings, (performance.now() - t0) / 1000);
}
