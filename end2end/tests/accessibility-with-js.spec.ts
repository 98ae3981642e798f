// axe on every page in every language: once hydrated, and once exactly as served to a browser
// without JavaScript (the bundle blocked, so the server's HTML stays as it is). axe itself
// needs JavaScript to run, hence this file runs in the `js` project only.
import { test, expect } from '@playwright/test';
import { LANGS, PAGES, REGISTER_WORDS, WORDS, accountEmail, expectNoAxeViolations, logIn } from './support';

for (const path of Object.keys(PAGES)) {
  for (const lang of LANGS) {
    test(`${path} in ${lang}: no axe violations, hydrated or as served`, async ({ page }) => {
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      await expect(page.locator('h1')).toHaveText(PAGES[path][lang]);
      await expectNoAxeViolations(page);

      await page.route('**/pkg/*.{js,wasm}', (route) => route.abort());
      await page.reload();
      await expect(page.locator('h1')).toHaveText(PAGES[path][lang]);
      await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
      await expectNoAxeViolations(page);
    });
  }

  test(`${path} reflows at 320 px without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${path}?lang=fi`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test.describe('account pages', () => {
  for (const lang of LANGS) {
    test(`login with errors, account and logged-out pages in ${lang}: no axe violations`, async ({ page }) => {
      await page.goto(`/login?lang=${lang}`);
      await logIn(page, lang, accountEmail(`axe-${lang}`), 'not the password at all');
      await expect(page.locator('.pt-error-summary')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      await expectNoAxeViolations(page);

      await logIn(page, lang, accountEmail(`axe-${lang}`));
      await expect(page.locator('h1')).toHaveText(WORDS[lang].account);
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: WORDS[lang].logOut }).click();
      await expect(page.locator('h1')).toHaveText(WORDS[lang].loggedOut);
      await expectNoAxeViolations(page);
    });
  }
});

for (const lang of LANGS) {
  test(`registration with errors and the code page in ${lang}: no axe violations`, async ({ page }) => {
    const w = REGISTER_WORDS[lang];
    await page.goto(`/register?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expectNoAxeViolations(page);
    await page.getByLabel(w.email).fill('not an address');
    await page.getByRole('button', { name: w.create }).click();
    await expect(page.locator('.pt-error-summary')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(w.email).fill(`axe-${lang}-${Date.now()}@example.fi`);
    await page.getByLabel(w.password).fill('kolme sanaa peräkkäin');
    await page.getByRole('button', { name: w.create }).click();
    await expect(page.locator('h1')).toHaveText(w.check);
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expectNoAxeViolations(page);
  });
}
