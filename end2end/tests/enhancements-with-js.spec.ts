// With JavaScript, a step reveals conditional questions as the user answers and checks each
// answer as the user leaves its field, with the same rules the server applies.
import { test, expect } from '@playwright/test';
import { accountEmail, logIn } from './support';

test('conditional questions appear as the user answers, and answers are checked on leaving', async ({ page }) => {
  await page.goto('/login?lang=en');
  await logIn(page, 'en', accountEmail('enhance-js'));
  await page.goto('/apply/first-work');
  await page.getByRole('button', { name: 'Start now', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  const surname = page.getByLabel('Surname');
  await surname.fill('Müller');
  await surname.blur();
  const error = page.locator('#surname-live');
  await expect(error).toBeVisible();
  await expect(error).toContainText("Surname: write it as in your passport's machine-readable zone");
  // Put right, the error goes as the user types.
  await surname.fill('MUELLER');
  await expect(error).toBeHidden();

  const url = page.url().replace(/\/steps\/names$/, '/steps/identity-code');
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const code = page.getByLabel('Finnish personal identity code', { exact: true });
  await expect(code).toBeHidden();
  await page.getByRole('radio', { name: 'Yes' }).check();
  await expect(code).toBeVisible();
  await code.fill('131052-308U');
  await code.blur();
  await expect(page.locator('#identity-code-live')).toContainText('enter the personal identity code in the correct form');
  await page.getByRole('radio', { name: 'No' }).check();
  await expect(code).toBeHidden();
});
