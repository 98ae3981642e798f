// Logging in and out, in every language, run both with JavaScript and without it.
import { test, expect } from '@playwright/test';
import { LANGS, WORDS, accountEmail, logIn } from './support';

for (const lang of LANGS) {
  test(`log in, see the account and log out in ${lang}`, async ({ page }, testInfo) => {
    const w = WORDS[lang];
    const email = accountEmail(`${testInfo.project.name}-${lang}`);
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, email, 'not the password at all');
    const summary = page.locator('.pt-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(w.wrong);
    await expect(page.getByLabel(w.email)).toHaveValue(email);
    await expect(page.getByLabel(w.password)).toHaveValue('');

    await logIn(page, lang, email);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator('h1')).toHaveText(w.account);
    await expect(page.locator('main').getByText(email)).toBeVisible();

    // Every page's header says who is signed in, with the account and the way out; the front
    // page no longer offers to log in or to create an account.
    await page.goto('/');
    const header = page.locator('header');
    await expect(header).toContainText(email);
    await expect(header.getByRole('link', { name: w.account })).toHaveAttribute('href', '/account');
    await expect(page.locator('main a[href="/login"], main a[href="/register"]')).toHaveCount(0);
    await header.getByRole('button', { name: w.logOut }).click();
    await expect(page).toHaveURL(/\/logged-out\?lang=\w+$/);
    await expect(page.locator('h1')).toHaveText(w.loggedOut);
    await expect(page.locator('header')).not.toContainText(email);

    // A page that needs a login returns to itself after it.
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await logIn(page, lang, email);
    await expect(page).toHaveURL(/\/account$/);
  });
}

test('the front page leads to the login', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('link', { name: 'Log in to the service' }).click();
  await expect(page.locator('h1')).toHaveText('Log in');
});
