// Filling in applications as an applicant would: every step through its visible controls.
import { expect, type Page } from '@playwright/test';
import { scriptsReady, type Lang } from './support';

export const APPLY_WORDS: Record<Lang, Record<string, string>> = {
  fi: { start: 'Aloita', save: 'Tallenna ja jatka', later: 'Tallenna ja jatka myöhemmin', check: 'Tarkista vastauksesi', toDeclaration: 'Jatka vakuutukseen', confirm: 'Vakuutan, että antamani tiedot ovat totta ja täydellisiä', declare: 'Vahvista ja jatka maksamiseen', payment: 'Maksa käsittelymaksu', addChild: 'Lisää toinen lapsi' },
  sv: { start: 'Börja', save: 'Spara och fortsätt', later: 'Spara och fortsätt senare', check: 'Kontrollera dina svar', toDeclaration: 'Fortsätt till försäkran', confirm: 'Jag försäkrar att uppgifterna jag har lämnat är sanna och fullständiga', declare: 'Bekräfta och fortsätt till betalningen', payment: 'Betala behandlingsavgiften', addChild: 'Lägg till ett barn till' },
  en: { start: 'Start now', save: 'Save and continue', later: 'Save and come back later', check: 'Check your answers', toDeclaration: 'Continue to the declaration', confirm: 'I declare that the information I have given is true and complete', declare: 'Confirm and continue to payment', payment: 'Pay the processing fee', addChild: 'Add another child' },
};

/** Dates that must come after another date of the form; the rest are in the past or near now. */
const LATER_DATES = new Set(['passport-expires', 'stay-to', 'studies-end', 'abroad-to']);
const CURRENT_DATES = new Set(['work-start', 'studies-start', 'permit-expires']);
/** Dates of birth that the identity codes below hold (13 October 1952). */
const BIRTH_DATES = new Set(['birth-date', 'sponsor-birth-date']);
/** Answers that keep an application on its way (others take the first option, or "No"). */
const CHOICES: Record<string, string> = { 'same-grounds': 'yes' };
const EUROS = new Set(['monthly-salary', 'monthly-income', 'funds-amount', 'tuition-amount', 'annual-income']);

/** Answers every visible question of the step page with a valid answer. With scripts, it
 * first waits for the page's island to be live, as the enhancements hide and show questions. */
export async function answerStep(page: Page, scripts = false) {
  if (scripts) await scriptsReady(page);
  const questions = page.locator('.pt-question:visible');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const id = (await question.getAttribute('data-question'))!;
    const radios = question.locator('input[type=radio]');
    if (await radios.count()) {
      const wanted = CHOICES[id] ?? ((await radios.first().getAttribute('value')) === 'yes' ? 'no' : null);
      await (wanted ? question.locator(`input[type=radio][value="${wanted}"]`) : radios.first()).check();
      continue;
    }
    const boxes = question.locator('input[type=checkbox]');
    if (await boxes.count()) {
      await boxes.first().check();
      continue;
    }
    const select = question.locator('select');
    if (await select.count()) {
      await select.selectOption('FI');
      continue;
    }
    const day = question.locator('input[name$="-day"]');
    if (await day.count()) {
      const [d, m, y] = LATER_DATES.has(id)
        ? ['1', '1', '2041']
        : CURRENT_DATES.has(id)
          ? ['1', '6', '2026']
          : BIRTH_DATES.has(id)
            ? ['13', '10', '1952']
            : ['1', '1', '1990'];
      await day.fill(d);
      await question.locator('input[name$="-month"]').fill(m);
      await question.locator('input[name$="-year"]').fill(y);
      continue;
    }
    const area = question.locator('textarea');
    if (await area.count()) {
      await area.fill('Testi');
      continue;
    }
    const input = question.locator('input');
    const value = /identity-code/.test(id)
      ? '131052-308T'
      : /business-id/.test(id)
        ? '2077474-0'
        : id === 'email'
          ? 'maria@example.fi'
          : id === 'phone'
            ? '+358 40 123 4567'
            : id.startsWith('postal-code')
              ? '00100'
              : EUROS.has(id)
                ? '50000'
                : (await input.getAttribute('inputmode')) === 'numeric'
                  ? '9'
                  : 'VIRTANEN';
    await input.fill(value);
  }
}

/** From the first step of a new application, answers every step up to the payment page. */
export async function completeApplication(page: Page, lang: Lang, scripts: boolean) {
  const w = APPLY_WORDS[lang];
  for (let steps = 0; steps < 60; steps++) {
    if (/\/steps\//.test(page.url())) {
      await answerStep(page, scripts);
      await page.getByRole('button', { name: w.save, exact: true }).click();
      await expect(page.locator('.pt-error-summary')).toHaveCount(0);
      continue;
    }
    const resume = page.locator('#resume');
    if (await resume.count()) {
      await resume.click();
      continue;
    }
    break;
  }
  await page.locator('.pt-task-list a[href$="/check"]').click();
  await expect(page.locator('h1')).toHaveText(w.check);
  await page.getByRole('link', { name: w.toDeclaration }).click();
  await page.getByLabel(w.confirm).check();
  await page.getByRole('button', { name: w.declare }).click();
  await expect(page.locator('h1')).toHaveText(w.payment);
  await expect(page.locator('.pt-reference')).toHaveText(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
}
