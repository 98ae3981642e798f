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
    // Each language is offered by its own name, marked as that language.
    const link = page.locator(`a[href="/staff/preview/citizenship?lang=${lang}"]`);
    await expect(link).toHaveText(native);
    await expect(link).toHaveAttribute('lang', lang);
    await link.click();
    await expect(page.locator('.pt-preview-banner')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('h1')).toHaveText(new RegExp(heading, 'i'));
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
