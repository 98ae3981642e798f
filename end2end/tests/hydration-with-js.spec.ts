// With JavaScript: plain pages load no script at all; a signed-in page's island (the session
// timeout dialog) hydrates under the strict CSP, and links stay plain links.
import { test, expect, type Page } from '@playwright/test';
import { accountEmail, logIn } from './support';

/** The requests of the browser bundle while `visit` runs. */
async function bundleRequests(page: Page, visit: () => Promise<unknown>): Promise<string[]> {
  const requested: string[] = [];
  const listener = (request: { url(): string }) => {
    if (/\/pkg\/.*\.(js|wasm)$/.test(request.url())) requested.push(request.url());
  };
  page.on('request', listener);
  await visit();
  await page.waitForLoadState('networkidle');
  page.off('request', listener);
  return requested;
}

test('a page without an island loads no script', async ({ page }) => {
  expect(await bundleRequests(page, () => page.goto('/?lang=en'))).toEqual([]);
  await expect(page.locator('leptos-island')).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
});

test('a signed-in page hydrates its island without errors or CSP violations', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/login?lang=en');
  const loaded = await bundleRequests(page, () => logIn(page, 'en', accountEmail('hydration')));
  await expect(page.locator('h1')).toHaveText('Your account');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  expect(loaded.some((url) => url.endsWith('.wasm'))).toBe(true);
  expect(problems).toEqual([]);
});

test('links load the page from the server', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.evaluate(() => ((window as any).sameDocument = true));
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.locator('h1')).toHaveText('Accessibility statement');
  await expect(page).toHaveTitle('Accessibility statement – Immigration online service');
  expect(await page.evaluate(() => (window as any).sameDocument)).toBeUndefined();
});

test('in-page links stay in the page and move focus', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.evaluate(() => ((window as any).sameDocument = true));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
});

test('the language switch loads the page in the new language', async ({ page }) => {
  await page.goto('/privacy?lang=fi');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('h1')).toHaveText('Privacy');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
