// "Which application do I need?" (issue 29), in every language, with and without JavaScript:
// a worker from outside the EU is offered the work permit with its fee, and the answers arrive
// in the work-permit draft started after logging in; an EU citizen is told that no permit is
// needed. With scripts, axe checks the start page, a question, the result and the exit.
import { test, expect, type Page } from '@playwright/test';
import { APPLY_WORDS } from './applying';
import { LANGS, PAGES, accountEmail, expectNoAxeViolations, logIn, scriptsReady, type Lang } from './support';

const W: Record<Lang, Record<string, string>> = {
  fi: {
    start: 'Aloita ennakkotarkistus', save: 'Tallenna ja jatka', result: 'Sinulle sopivat hakemukset', work: 'Työskennelläkseni',
    employed: 'Työntekijä', permit: 'Ensimmäinen oleskelulupa työn perusteella', noPermit: 'Et tarvitse oleskelulupaa',
  },
  sv: {
    start: 'Börja förhandskontrollen', save: 'Spara och fortsätt', result: 'De ansökningar som passar dig', work: 'För att arbeta',
    employed: 'Arbetstagare', permit: 'Första uppehållstillstånd för arbete', noPermit: 'Du behöver inget uppehållstillstånd',
  },
  en: {
    start: 'Start the pre-check', save: 'Save and continue', result: 'The applications that fit you', work: 'To work',
    employed: 'Employed person', permit: 'First residence permit for work', noPermit: 'You do not need a residence permit',
  },
};

/** Saves the step shown and waits for the next page. */
async function save(page: Page, lang: Lang) {
  const here = page.url();
  await page.getByRole('button', { name: W[lang].save, exact: true }).click();
  await page.waitForURL((url) => url.href !== here);
}

/** From the start page to the pre-check's first question. */
async function begin(page: Page, lang: Lang, scripts: boolean) {
  await page.goto(`/?lang=${lang}`);
  await page.locator('#pre-check-link').click();
  await expect(page.locator('h1')).toHaveText(PAGES['/pre-check'][lang]);
  if (scripts) await expectNoAxeViolations(page);
  await page.getByRole('link', { name: W[lang].start }).click();
  await expect(page).toHaveURL(/\/pre-check\/steps\/pre-check-citizenship$/);
  if (scripts) await scriptsReady(page);
}

for (const lang of LANGS) {
  test(`the pre-check offers a worker the work permit and carries the answers, in ${lang}`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const scripts = testInfo.project.name === 'js';
    const w = W[lang];
    await begin(page, lang, scripts);
    if (scripts) await expectNoAxeViolations(page);
    await page.locator('select#citizenship').selectOption('IN');
    await save(page, lang);
    await page.locator('#birth-date-day').fill('1');
    await page.locator('#birth-date-month').fill('5');
    await page.locator('#birth-date-year').fill('1990');
    await save(page, lang);
    await page.getByLabel(w.work).check();
    await save(page, lang);
    await page.getByLabel(w.employed).check();
    await save(page, lang);

    await expect(page).toHaveURL(/\/pre-check\/result$/);
    await expect(page.locator('h1')).toHaveText(w.result);
    const offer = page.locator('#offer-first-work');
    await expect(offer.locator('h2')).toHaveText(w.permit);
    await expect(offer).toContainText('€');
    if (scripts) await expectNoAxeViolations(page);

    // Starting it asks to log in first; the draft then has the answers.
    await offer.locator('#start-first-work').click();
    await expect(page).toHaveURL(/\/login/);
    await logIn(page, lang, accountEmail(`pre-check-${testInfo.project.name}-${lang}`));
    await page.goto('/apply/first-work');
    await page.getByRole('button', { name: APPLY_WORDS[lang].start, exact: true }).click();
    await expect(page).toHaveURL(/\/steps\/names$/);
    const draft = page.url().replace(/\/steps\/names$/, '');
    await page.goto(`${draft}/steps/birth`);
    await expect(page.locator('#birth-date-year')).toHaveValue('1990');
    await expect(page.locator('select#citizenship')).toHaveValue('IN');
    await page.goto(`${draft}/steps/work-type`);
    await expect(page.locator('input[name="work-type"][value="employed"]')).toBeChecked();
  });

  test(`the pre-check tells an EU citizen that no permit is needed, in ${lang}`, async ({ page }, testInfo) => {
    const scripts = testInfo.project.name === 'js';
    await begin(page, lang, scripts);
    await page.locator('select#citizenship').selectOption('SE');
    await save(page, lang);
    await expect(page.locator('h1')).toHaveText(W[lang].noPermit);
    if (scripts) await expectNoAxeViolations(page);
  });
}
