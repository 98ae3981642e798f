// The page-weight budgets, on the pages the test command builds anyway (benches/footprint.sh
// prints the same figures on a release build): a signed-in question page's HTML is at most
// 30 KiB gzip, and the script, WebAssembly and stylesheet its first visit fetches at most
// 300 KiB as a browser that accepts brotli gets them. (The bundle's own budget is checked by
// scripts/test.sh on the built files.)
import { test, expect } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { startApplication } from './applying';

test('a question page and what its first visit fetches are within their budgets', async ({ page }) => {
  const base = await startApplication(page, 'fi', 'weight-js', 'first-work');
  const html = await (await page.request.get(`${base}/steps/birth`)).text();
  expect(html).toContain('<h1');
  const htmlKiB = gzipSync(html).length / 1024;
  const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)].map((m) => m[1]))];
  expect(assets.some((asset) => asset.endsWith('.wasm')) && assets.some((asset) => asset.endsWith('.css'))).toBe(true);
  let assetBytes = 0;
  for (const asset of assets) {
    const response = await page.request.get(asset, { headers: { 'accept-encoding': 'br' } });
    expect(response.headers()['content-encoding'], asset).toBe('br');
    assetBytes += Number(response.headers()['content-length']);
  }
  const assetKiB = assetBytes / 1024;
  console.log(`question page: HTML ${htmlKiB.toFixed(1)} KiB gzip; script, WebAssembly and stylesheet ${assetKiB.toFixed(1)} KiB brotli`);
  expect(htmlKiB, 'the HTML, gzip (budget 30 KiB)').toBeLessThanOrEqual(30);
  expect(assetKiB, 'the first visit\'s assets, brotli (budget 300 KiB)').toBeLessThanOrEqual(300);
});
