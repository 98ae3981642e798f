// With JavaScript the pages hydrate under the strict CSP, and the enhancements work.
import { test, expect } from '@playwright/test';

test('the app hydrates without errors or CSP violations', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  expect(problems).toEqual([]);
});

test('links load the page from the server, which hydrates it again', async ({ page }) => {
  // Pages get their data with their own request (the account, a form's kept errors), so the
  // browser must not render the next page by itself.
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.evaluate(() => ((window as any).sameDocument = true));
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.locator('h1')).toHaveText('Accessibility statement');
  await expect(page).toHaveTitle('Accessibility statement – Immigration online service');
  expect(await page.evaluate(() => (window as any).sameDocument)).toBeUndefined();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
});

test('in-page links stay in the page and move focus', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.evaluate(() => ((window as any).sameDocument = true));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
});

test('the language switch still loads the page in the new language', async ({ page }) => {
  await page.goto('/privacy?lang=fi');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('h1')).toHaveText('Privacy');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
});
