// Creating an account with the code from the mail, in every language, with and without JavaScript.
import { test, expect } from '@playwright/test';
import { LANGS, REGISTER_WORDS, WORDS, mailedCode } from './support';

for (const lang of LANGS) {
  test(`register and verify the address in ${lang}`, async ({ page }, testInfo) => {
    const w = REGISTER_WORDS[lang];
    const address = `new-${lang}-${testInfo.project.name}-${Date.now()}@example.fi`;
    await page.goto(`/register?lang=${lang}`);
    await page.getByLabel(w.forMyself).check();
    await page.getByLabel(w.email).fill(address);
    await page.getByLabel(w.password).fill('salasana');
    await page.getByRole('button', { name: w.create }).click();
    await expect(page.locator('.pt-error-summary')).toBeFocused();
    await expect(page.locator('.pt-error-summary')).toContainText(w.common);
    await expect(page.getByLabel(w.email)).toHaveValue(address);
    await expect(page.getByLabel(w.forMyself)).toBeChecked();

    await page.getByLabel(w.password).fill('kolme sanaa peräkkäin');
    await page.getByRole('button', { name: w.create }).click();
    await expect(page).toHaveURL(/\/verify$/);
    await expect(page.locator('h1')).toHaveText(w.check);
    await expect(page.getByText(address)).toBeVisible();

    await page.getByLabel(w.code, { exact: true }).fill(await mailedCode(address));
    await page.getByRole('button', { name: w.confirm }).click();
    // Told that it worked, and on to the applications.
    await expect(page).toHaveURL(/\/applications$/);
    await expect(page.locator('.pt-notification-banner')).toContainText(w.created);
    await expect(page.locator('header')).toContainText(address);
  });
}
