// Staff walk an application as an applicant would, marked as a preview, in any language.
import { test, expect } from '@playwright/test';
import { accountEmail, logIn, turnOnTwoStepLogin } from './support';
import { APPLY_WORDS, answerStep } from './applying';

test('staff preview a form in every language and read its flow map', async ({ page }, testInfo) => {
  await page.goto('/login?lang=en');
  await logIn(page, 'en', accountEmail(`preview-${testInfo.project.name}`));
  await turnOnTwoStepLogin(page, 'en');
  await page.goto('/staff/preview');
  for (const [lang, native, heading] of [
    ['fi', 'Suomi', 'Kansalaisuus'],
    ['sv', 'Svenska', 'Finskt medborgarskap'],
    ['en', 'English', 'Finnish citizenship'],
  ]) {
    await page.goto('/staff/preview?lang=en');
    await page.locator(`a[href="/staff/preview/citizenship?lang=${lang}"]`).click();
    await expect(page.locator('.pt-preview-banner')).toBeVisible();
    await expect(page.locator('h1')).toHaveText(new RegExp(heading, 'i'));
    expect(native).toBeTruthy();
  }
  await page.goto('/staff/preview/citizenship/steps/names?lang=en');
  await answerStep(page, testInfo.project.name === 'js');
  await page.getByRole('button', { name: APPLY_WORDS.en.save, exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/preview\/citizenship\/steps\/birth$/);
  await expect(page.locator('.pt-preview-banner')).toContainText('PREVIEW');
  await page.goto('/staff/forms/citizenship');
  await expect(page.locator('h1')).toHaveText('Finnish citizenship');
  await expect(page.getByText('exit: the application stops here').first()).toBeVisible();
});
