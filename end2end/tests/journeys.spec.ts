// What every visitor can do, run both with JavaScript and without it.
import { test, expect } from '@playwright/test';
import { LANGS, LANGUAGE_NAMES, PAGES } from './support';

for (const lang of LANGS) {
  test(`every page exists in ${lang}`, async ({ page }) => {
    for (const [path, headings] of Object.entries(PAGES)) {
      const response = await page.goto(`${path}?lang=${lang}`);
      expect(response?.status(), path).toBe(path === '/no-such-page' ? 404 : 200);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('h1')).toHaveText(headings[lang]);
    }
  });
}

test('the language switch keeps the user on the same page', async ({ page }) => {
  await page.goto('/safe-use?lang=fi');
  await expect(page.locator('h1')).toHaveText(PAGES['/safe-use'].fi);
  for (const lang of ['sv', 'en'] as const) {
    await page.getByRole('navigation', { name: /Kieli|Språk|Language/ }).getByRole('link', { name: LANGUAGE_NAMES[lang] }).click();
    await expect(page).toHaveURL(/\/safe-use$/);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('h1')).toHaveText(PAGES['/safe-use'][lang]);
  }
  await page.getByRole('link', { name: 'Immigration online service' }).click();
  await expect(page.locator('h1')).toHaveText(PAGES['/'].en);
});

test.describe('a browser set to Swedish', () => {
  test.use({ locale: 'sv-FI' });
  test('gets Swedish pages without choosing', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.locator('h1')).toHaveText(PAGES['/'].sv);
  });
});

test('the skip link takes keyboard users to the content', async ({ page }) => {
  await page.goto('/contact?lang=en');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('the error summary takes focus and links to the fields', async ({ page }) => {
  await page.goto('/design-system?lang=en');
  const summary = page.locator('.pt-error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: /e-mail address in the correct form/ }).click();
  await expect(page.getByLabel('E-mail address')).toBeFocused();
  await expect(page.getByLabel('E-mail address')).toHaveValue('maria@');
});

test('the safe-use page names the official address and the sender of its mail', async ({ page, baseURL }) => {
  await page.goto('/safe-use?lang=en');
  await expect(page.getByText(`The official address of this service is ${baseURL}`)).toBeVisible();
  // And the one address its mail comes from, signed.
  await expect(page.locator('#mail-sender')).toContainText(/comes only from no-reply@\S+, and every message is signed/);
});

test('a plain page is served without scripts, with JavaScript on or off', async ({ page }) => {
  await page.goto('/?lang=fi');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('script[type=module]')).toHaveCount(0);
  expect(await page.locator('html').getAttribute('data-hydrated')).toBeNull();
});
