// axe on every page in every language: once hydrated, and once exactly as served to a browser
// without JavaScript (the bundle blocked, so the server's HTML stays as it is). axe itself
// needs JavaScript to run, hence this file runs in the `js` project only.
import { test, expect } from '@playwright/test';
import { LANGS, PAGES, REGISTER_WORDS, SECURITY_WORDS, WORDS, accountEmail, expectNoAxeViolations, logIn, turnOnTwoStepLogin, scriptsReady } from './support';
import type { Page } from '@playwright/test';
import { APPLY_WORDS, ATTACH_WORDS, SAMPLE_PNG, answerStep, startApplication } from './applying';

for (const path of Object.keys(PAGES)) {
  for (const lang of LANGS) {
    test(`${path} in ${lang}: no axe violations, hydrated or as served`, async ({ page }) => {
      await page.goto(`${path}?lang=${lang}`);
      await scriptsReady(page);
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
      await scriptsReady(page);
      await expectNoAxeViolations(page);

      await logIn(page, lang, accountEmail(`axe-${lang}`));
      await expect(page.locator('h1')).toHaveText(WORDS[lang].account);
      await scriptsReady(page);
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
    await scriptsReady(page);
    await expectNoAxeViolations(page);
    await page.getByLabel(w.email).fill('not an address');
    await page.getByRole('button', { name: w.create }).click();
    await expect(page.locator('.pt-error-summary')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(w.forMyself).check();
    await page.getByLabel(w.email).fill(`axe-${lang}-${Date.now()}@example.fi`);
    await page.getByLabel(w.password).fill('kolme sanaa peräkkäin');
    await page.getByRole('button', { name: w.create }).click();
    await expect(page.locator('h1')).toHaveText(w.check);
    await scriptsReady(page);
    await expectNoAxeViolations(page);
  });
}

/** Opens `path` (or stays, when it is null), waits for hydration and checks with axe; with
 * `submit`, first sends the page's form empty so its errors show. */
async function checkPage(page: Page, path: string | null, submit?: string) {
  if (path) await page.goto(path);
  if (submit) {
    await page.getByRole('button', { name: submit }).first().click();
    await expect(page.locator('.pt-error-summary')).toBeVisible();
  }
  await scriptsReady(page);
  await expectNoAxeViolations(page);
}

for (const lang of LANGS) {
  test(`every account settings page in ${lang}: no axe violations`, async ({ page }) => {
    test.setTimeout(90_000);
    const w = SECURITY_WORDS[lang];
    const email = accountEmail(`axe-settings-${lang}`);
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, email);
    await expect(page).toHaveURL(/\/account$/);
    await checkPage(page, null);
    await checkPage(page, '/account/password', w.changePassword);
    await checkPage(page, '/account/email', w.sendCode);
    await checkPage(page, '/account/email/code');
    await checkPage(page, '/account/language');
    await checkPage(page, '/account/delete', w.deleteAccount);
    await checkPage(page, '/session-warning');
    await checkPage(page, '/account/two-factor', w.turnOn);
    await turnOnTwoStepLogin(page, lang);
    await checkPage(page, null);
    await checkPage(page, '/account/two-factor');
    await checkPage(page, '/account/two-factor/recovery-codes');

    await page.goto('/account');
    await page.getByRole('button', { name: WORDS[lang].logOut }).click();
    await page.goto('/login');
    await logIn(page, lang, email);
    await expect(page).toHaveURL(/\/login\/code$/);
    await checkPage(page, null, w.continue);
    await checkPage(page, '/password-reset', w.sendCode);
    await checkPage(page, '/password-reset/code');
    await checkPage(page, '/session-ended');
    await checkPage(page, '/account-deleted');
  });
}

test('the staff pages: no axe violations', async ({ page }) => {
  await page.goto('/login?lang=en');
  await logIn(page, 'en', accountEmail('staff-axe'));
  await checkPage(page, null);
  await turnOnTwoStepLogin(page, 'en');
  await checkPage(page, '/staff');
  // The operations page in each language (its tables fill as the other tests send).
  for (const lang of LANGS) await checkPage(page, `/staff/operations?lang=${lang}`);
});

test('the timeout warning comes before the idle limit and lets the user stay', async ({ page }) => {
  await page.clock.install();
  await page.goto('/login?lang=en');
  await logIn(page, 'en', accountEmail('timeout-en'));
  await expect(page).toHaveURL(/\/account$/);
  await scriptsReady(page);
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toHaveCount(0);
  await page.clock.fastForward('24:00');
  await expect(dialog).toHaveCount(0);
  await page.clock.fastForward('01:01');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Stay logged in' }).click();
  await expect(dialog).toHaveCount(0);
  // The limit counts from the last "stay": nothing happens at the old one.
  await page.clock.fastForward('10:00');
  await expect(page).toHaveURL(/\/account$/);
  await page.clock.fastForward('20:01');
  await expect(page).toHaveURL(/\/session-ended$/);
});

for (const lang of LANGS) {
  test(`every application page type in ${lang}: no axe violations, hydrated or as served`, async ({ page }) => {
    test.setTimeout(120_000);
    const w = APPLY_WORDS[lang];
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, accountEmail(`axe-apply-${lang}`));
    await checkPage(page, '/applications');
    await checkPage(page, '/apply/first-work');
    await page.getByRole('button', { name: w.start, exact: true }).click();
    const base = page.url().replace(/\/steps\/names$/, '');
    await checkPage(page, null, w.save);
    await page.route('**/pkg/*.{js,wasm}', (route) => route.abort());
    await page.goto(`${base}/steps/birth`);
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await expect(page.locator('.pt-error-summary')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.unroute('**/pkg/*.{js,wasm}');
    await checkPage(page, `${base}/steps/children-question`);
    await page.getByRole('radio', { name: lang === 'fi' ? 'Kyllä' : lang === 'sv' ? 'Ja' : 'Yes' }).check();
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await expect(page).toHaveURL(/\/steps\/children$/);
    await page.getByRole('button', { name: w.addChild, exact: true }).click();
    await checkPage(page, null);
    await checkPage(page, `${base}/steps/work-type`);
    await answerStep(page, true);
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await checkPage(page, `${base}/steps/salary`);
    await page.locator('input[name="monthly-salary"]').fill('900');
    await page.locator('input[name="weekly-hours"]').fill('10');
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await expect(page).toHaveURL(/\/steps\/salary-low$/);
    await checkPage(page, null);
    await checkPage(page, base);
    await checkPage(page, `${base}/check`);
    await checkPage(page, `${base}/attachments`);
    await checkPage(page, `${base}/declaration`);
    await checkPage(page, `${base}/payment`);
    await checkPage(page, `${base}/delete`);
    // The start page with a draft of its kind offers that draft.
    await checkPage(page, '/apply/first-work');
  });
}

test('the staff preview and flow map pages: no axe violations', async ({ page }) => {
  await page.goto('/login?lang=en');
  await logIn(page, 'en', accountEmail('preview-axe'));
  await turnOnTwoStepLogin(page, 'en');
  await checkPage(page, '/staff/preview');
  await checkPage(page, '/staff/preview/first-family');
  await checkPage(page, '/staff/preview/first-family/steps/sponsor', APPLY_WORDS.en.save);
  await checkPage(page, '/staff/forms/permanent');
});

for (const lang of LANGS) {
  test(`the attachments page with files and with a refusal in ${lang}: no axe violations`, async ({ page }) => {
    const w = ATTACH_WORDS[lang];
    const base = await startApplication(page, lang, `axe-attach-${lang}`, 'first-work');
    await page.goto(`${base}/attachments`);
    await expectNoAxeViolations(page);
    const passport = page.locator('form[action$="/attachments/passport-copy"]');
    await passport.locator('input[type=file]').setInputFiles({ name: 'kuva.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await passport.getByRole('button', { name: w.upload }).click();
    await expect(page.locator('.pt-notification-banner--success')).toBeVisible();
    // The progress list of the upload stays on the page; the file's replace form is opened.
    await expect(page.locator('.pt-upload-progress__file')).toHaveCount(1);
    await page.locator('.pt-attachment summary').first().click();
    await expectNoAxeViolations(page);
    await passport.locator('input[type=file]').setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('x') });
    await passport.getByRole('button', { name: w.upload }).click();
    await expect(page.locator('.pt-error-summary')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
