// Page latency under load: REQUESTS requests per page, CONCURRENCY at a time, over keep-alive
// connections; prints p50/p99/max and throughput for each page.
// Usage: node benches/latency.mjs BASE_URL [REQUESTS] [CONCURRENCY]
const [base, requests = '2000', concurrency = '8'] = process.argv.slice(2);
const total = Number(requests);
const workers = Number(concurrency);
const pages = ['/', '/safe-use', '/design-system', '/healthz'];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(path) {
  const timings = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < total) {
      next += 1;
      const t0 = performance.now();
      const response = await fetch(base + path, { headers: { 'accept-language': 'fi' } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      timings.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
  const seconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const ms = (v) => v.toFixed(2).padStart(7);
  console.log(
    `${path.padEnd(15)} p50 ${ms(percentile(timings, 50))} ms  p99 ${ms(percentile(timings, 99))} ms  ` +
      `max ${ms(timings[timings.length - 1])} ms  ${(total / seconds).toFixed(0)} req/s`,
  );
}

console.log(`== Latency (${total} requests per page, ${workers} at a time)`);
for (const path of pages) {
  await measure(path);
}
