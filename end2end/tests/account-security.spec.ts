// Resetting a forgotten password, two-step login and changing the password, in every language,
// run both with JavaScript and without it.
import { test, expect } from '@playwright/test';
import { LANGS, PASSWORD, SECURITY_WORDS, WORDS, accountEmail, logIn, mailedCode, turnOnTwoStepLogin } from './support';

const NEW_PASSWORD = 'sateinen marraskuun ilta';

for (const lang of LANGS) {
  test(`reset a forgotten password with a mailed code in ${lang}`, async ({ page }, testInfo) => {
    const w = SECURITY_WORDS[lang];
    const email = accountEmail(`reset-${testInfo.project.name}-${lang}`);
    await page.goto(`/login?lang=${lang}`);
    await page.getByRole('link', { name: w.forgot }).click();
    await page.getByLabel(WORDS[lang].email).fill(email);
    await page.getByRole('button', { name: w.sendCode }).click();
    await expect(page).toHaveURL(/\/password-reset\/code$/);
    await expect(page.getByText(email)).toBeVisible();

    await page.getByLabel(w.loginCode, { exact: true }).fill(await mailedCode(email));
    await page.getByLabel(w.newPassword).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: w.changePassword }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator('.pt-notification-banner')).toContainText(w.resetDone);

    await logIn(page, lang, email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator('h1')).toHaveText(WORDS[lang].account);
  });

  test(`turn on two-step login and log in with a recovery code in ${lang}`, async ({ page }, testInfo) => {
    const w = SECURITY_WORDS[lang];
    const email = accountEmail(`twofa-${testInfo.project.name}-${lang}`);
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, email);
    await expect(page).toHaveURL(/\/account$/);
    await page.getByRole('link', { name: new RegExp(w.twoFactor) }).click();
    await expect(page).toHaveURL(/\/account\/two-factor$/);
    await expect(page.locator('.pt-qr svg')).toBeVisible();
    const codes = await turnOnTwoStepLogin(page, lang);
    expect(codes).toHaveLength(10);
    await page.getByRole('link', { name: w.saved }).click();
    await expect(page.locator('h1')).toHaveText(WORDS[lang].account);
    await expect(page.locator('.pt-summary-list')).toContainText(w.on);

    await page.getByRole('button', { name: WORDS[lang].logOut }).click();
    await expect(page).toHaveURL(/\/logged-out\?lang=\w+$/);
    await page.goto('/login');
    await logIn(page, lang, email);
    await expect(page).toHaveURL(/\/login\/code$/);
    await page.getByLabel(w.loginCode, { exact: true }).fill('000 000');
    await page.getByRole('button', { name: w.continue }).click();
    await expect(page.locator('.pt-error-summary')).toBeVisible();
    await page.getByLabel(w.loginCode, { exact: true }).fill(codes[0]);
    await page.getByRole('button', { name: w.continue }).click();
    await expect(page).toHaveURL(/\/account$/);
  });

  test(`change the password on the account page in ${lang}`, async ({ page }, testInfo) => {
    const w = SECURITY_WORDS[lang];
    const email = accountEmail(`settings-${testInfo.project.name}-${lang}`);
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, email);
    await page.goto('/account/password');
    await page.getByLabel(w.current).fill('not the password');
    await page.getByLabel(w.newPassword).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: w.changePassword }).click();
    await expect(page.locator('.pt-error-summary')).toContainText(w.wrongCurrent);
    await page.getByLabel(w.current).fill(PASSWORD);
    await page.getByLabel(w.newPassword).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: w.changePassword }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator('.pt-notification-banner')).toContainText(w.changed);
  });
}

test('staff set up two-step login before anything else', async ({ page }, testInfo) => {
  const w = SECURITY_WORDS.en;
  await page.goto('/login?lang=en');
  await logIn(page, 'en', accountEmail(`staff-${testInfo.project.name}`));
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByText(w.staffRequired)).toBeVisible();
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await turnOnTwoStepLogin(page, 'en');
  await page.goto('/staff');
  await expect(page.locator('h1')).toHaveText(w.staffTools);
  await expect(page.getByRole('table', { name: 'Account events' })).toContainText('Two-step login turned on');
});
