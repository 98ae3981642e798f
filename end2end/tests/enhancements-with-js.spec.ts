// With JavaScript, a step reveals conditional questions as the user answers and checks each
// answer as the user leaves its field, with the same rules the server applies, in the same
// markup, and without moving anything under the pointer.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { scriptsReady } from './support';
import { APPLY_WORDS, startApplication } from './applying';

async function openStep(page: Page, base: string, step: string) {
  await page.goto(`${base}/steps/${step}`);
  await scriptsReady(page);
}

/** A question's markup as it matters: elements, ids, classes and ARIA, not the typed value. */
function markup(question: Locator): Promise<string> {
  return question.evaluate((root) => {
    const walk = (el: Element): string => {
      const attrs = ['id', 'for', 'aria-invalid', 'aria-describedby']
        .map((name) => (el.hasAttribute(name) ? ` ${name}="${el.getAttribute(name)}"` : ''))
        .join('');
      const classes = [...el.classList].sort().join(' ');
      const text = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent!.trim())
        .join('');
      return `<${el.tagName.toLowerCase()} class="${classes}"${attrs}>${text}${[...el.children].map(walk).join('')}`;
    };
    return walk(root);
  });
}

test('conditional questions appear as the user answers, and answers are checked on leaving', async ({ page }) => {
  const base = await startApplication(page, 'en', 'enhance-js', 'first-work');
  await openStep(page, base, 'names');
  const surname = page.getByLabel('Surname');
  await surname.fill('Müller');
  await surname.blur();
  const error = page.locator('#surname-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText("Surname: write it as in your passport's machine-readable zone");
  await expect(page.locator('#pt-step-announcer')).toContainText('Surname');
  // Put right, the error goes as the user types.
  await surname.fill('MUELLER');
  await expect(error).toHaveCount(0);
  await expect(surname).not.toHaveAttribute('aria-invalid', 'true');

  await openStep(page, base, 'identity-code');
  const code = page.getByLabel('Finnish personal identity code', { exact: true });
  await expect(code).toBeHidden();
  await page.getByRole('radio', { name: 'Yes' }).check();
  await expect(code).toBeVisible();
  await code.fill('131052-308U');
  await code.blur();
  await expect(page.locator('#identity-code-error')).toContainText('enter the personal identity code in the correct form');
  await page.getByRole('radio', { name: 'No' }).check();
  await expect(code).toBeHidden();
});

test('an error shown on leaving a field has the markup of the server’s', async ({ page }) => {
  const base = await startApplication(page, 'en', 'markup-js', 'first-work');
  await openStep(page, base, 'names');
  const question = page.locator('.pt-question[data-question="surname"]');
  await page.getByLabel('Surname').fill('Müller');
  await page.getByLabel('Surname').blur();
  await expect(page.locator('#surname-error')).toBeVisible();
  const live = await markup(question);
  await page.getByRole('button', { name: APPLY_WORDS.en.save, exact: true }).click();
  await expect(page.locator('.pt-error-summary')).toBeVisible();
  expect(await markup(question)).toBe(live);
  expect(live).toContain('pt-form-group--error');
  expect(live).toContain('pt-input--error');
  expect(live).toContain('aria-describedby="surname-hint surname-error"');
});

test('a corrected field never costs the click that follows', async ({ page }) => {
  const w = APPLY_WORDS.fi;
  const base = await startApplication(page, 'fi', 'click-js', 'first-work');
  await openStep(page, base, 'identity-code');
  await page.getByRole('radio', { name: 'Kyllä' }).check();
  const code = page.getByLabel('Suomalainen henkilötunnus', { exact: true });
  await code.fill('131052-308U');
  await page.getByRole('button', { name: w.save, exact: true }).click();
  await expect(page.locator('#identity-code-error')).toBeVisible();
  await expect(page.locator('.pt-error-summary li')).toHaveCount(1);
  // The page the server answered with its error is live again before the fix is typed.
  await scriptsReady(page);

  // Fixed, the error and its line in the summary go; the first click on the button sends.
  await code.fill('131052-308T');
  await expect(page.locator('.pt-error-summary')).toHaveCount(0);
  await expect(page).not.toHaveTitle(/^Virhe:/);
  await page.getByRole('button', { name: w.save, exact: true }).click();
  await expect(page).not.toHaveURL(/\/steps\/identity-code/);
});

test('an error found on leaving a field waits until the click below it has landed', async ({ page }) => {
  const base = await startApplication(page, 'en', 'press-js', 'first-family');
  await openStep(page, base, 'sponsor');
  await page.locator('input[name="sponsor-identity-code"]').fill('131052-308U');
  // The press moves the focus out of the code; the error it finds must not push the radio
  // away before the release.
  const radio = page.getByRole('radio', { name: 'Permanent residence permit' });
  await radio.click();
  await expect(radio).toBeChecked();
  await expect(page.locator('#sponsor-identity-code-error')).toBeVisible();
});
