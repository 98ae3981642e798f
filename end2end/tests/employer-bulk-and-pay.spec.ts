// The employer service's other two journeys (issue 26), with and without JavaScript (a
// language each): identical terms of employment for three employees, filled in once and sent
// as three documents (the simulator holds one per application, schema-checked, the file
// fetched and matching); and an employer paying the fee of an application whose applicant
// asked it to, through the test payment provider, after which the application is sent and the
// applicant sees that the employer paid. Axe on the employer's pages where scripts run; with
// scripts off, axe's timed-refresh rules.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { LANGS, WORDS, accountEmail, expectNoAxeViolations, expectNoTimedRefresh, logIn, type Lang } from './support';
import {
  APPLY_WORDS, PAY_WORDS, SIMULATOR, addAttachments, answerEveryStep, completeApplication, payWithTestProvider,
  sendApplication, startApplication,
} from './applying';

const validateTerms = new Ajv2020({ allErrors: true }).compile(
  JSON.parse(readFileSync('../docs/case-backend/employment-terms.schema.json', 'utf8')),
);

const W: Record<Lang, Record<string, string>> = {
  fi: { choose: 'Valitse organisaatio, jonka puolesta asioit', bulk: 'Täytä samat ehdot valituille', declare: 'Vahvista ja lähetä',
        sent: 'Työsuhteen ehdot on lähetetty', askEmployer: 'Pyydä työnantajaani maksamaan', asked: 'Työnantajaasi pyydettiin maksamaan',
        payFee: 'Maksa käsittelymaksu', needed: 'Tarvitaan', paidByEmployer: 'Työnantajasi maksoi maksun.' },
  sv: { choose: 'Välj en organisation att företräda', bulk: 'Fyll i samma villkor för de valda', declare: 'Bekräfta och skicka',
        sent: 'Anställningsvillkoren har skickats', askEmployer: 'Be min arbetsgivare betala', asked: 'Din arbetsgivare ombads betala',
        payFee: 'Betala avgiften', needed: 'Behövs', paidByEmployer: 'Din arbetsgivare betalade avgiften.' },
  en: { choose: 'Choose an organisation to act for', bulk: 'Fill in the same terms for those chosen', declare: 'Confirm and send',
        sent: 'The terms of employment have been sent', askEmployer: 'Ask my employer to pay', asked: 'Your employer was asked to pay',
        payFee: 'Pay the fee', needed: 'Needed', paidByEmployer: 'Your employer paid the fee.' },
};

async function logOut(page: Page, lang: Lang) {
  await page.getByRole('button', { name: WORDS[lang].logOut }).click();
  await expect(page).toHaveURL(/\/logged-out/);
}

/** Logs in as the employer `key` and acts for Demo Oy, as the test server allows. */
async function actForDemoOy(page: Page, lang: Lang, key: string) {
  await page.goto(`/login?lang=${lang}`);
  await logIn(page, lang, accountEmail(key));
  await page.goto('/employer');
  await page.getByRole('button', { name: W[lang].choose, exact: true }).click();
  await page.getByLabel('Demo Oy').check();
  await page.getByLabel('allowed', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue to the service' }).click();
  await expect(page.locator('#acting-for')).toContainText('2077474-0');
}

test('identical terms for three employees are filled in once and sent as three documents', async ({ page, request }, testInfo) => {
  test.setTimeout(420_000);
  const project = testInfo.project.name;
  const scripts = project === 'js';
  const lang: Lang = scripts ? 'sv' : 'fi';
  const check = async () => { if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page); };

  const references: string[] = [];
  for (const n of [1, 2, 3]) {
    await startApplication(page, lang, `bulk-${project}-${n}`, 'first-work');
    await completeApplication(page, lang, scripts, { 'employer-consent': 'yes' });
    references.push((await page.locator('.pt-reference').innerText()).trim());
    await payWithTestProvider(page, lang, 'ok');
    await sendApplication(page, lang, scripts, async () => {});
    await logOut(page, lang);
  }

  await actForDemoOy(page, lang, `employer-bulk-${project}`);
  // The organisation's page with its tasks and the form for identical terms, in every language.
  for (const other of LANGS) {
    await page.goto(`/employer?lang=${other}`);
    await expect(page.locator('#bulk-title')).toBeVisible();
    await check();
  }
  await page.goto(`/employer?lang=${lang}`);
  for (const reference of references) {
    await page.locator('.pt-checkboxes__item', { hasText: reference }).locator('input').check();
  }
  await page.getByRole('button', { name: W[lang].bulk, exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/[a-z0-9]+$/);
  const terms = page.url().replace(/\?.*$/, '');
  await page.locator('#resume').click();
  await answerEveryStep(page, lang, scripts, { 'young-company': 'yes' });
  await page.goto(terms);
  await addAttachments(page, lang);
  await page.locator('.pt-task-list a[href$="/check"]').click();
  await page.getByRole('link', { name: APPLY_WORDS[lang].toDeclaration }).click();
  await page.getByLabel(APPLY_WORDS[lang].confirm).check();
  await page.getByRole('button', { name: W[lang].declare, exact: true }).click();
  await expect(page.locator('#sent-panel h1')).toHaveText(W[lang].sent);

  // Three documents, one for each application, each its own, with the same terms.
  const mine = async () => {
    const all = await (await request.get(`${SIMULATOR}/employment-terms.json`)).json();
    return all.filter((t: { document: { application_reference: string } }) => references.includes(t.document.application_reference));
  };
  await expect.poll(async () => (await mine()).length, { timeout: 60_000 }).toBe(3);
  const kept = await mine();
  for (const one of kept) {
    expect(validateTerms(one.document), JSON.stringify(validateTerms.errors)).toBe(true);
    expect(Object.values(one.attachments_verified)).toEqual([true]);
    expect(one.document.sections).toEqual(kept[0].document.sections);
  }
  expect(new Set(kept.map((one: { document: { id: string } }) => one.document.id)).size).toBe(3);
});

test('an employer pays the fee of an application it was asked to pay', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const project = testInfo.project.name;
  const scripts = project === 'js';
  const lang: Lang = scripts ? 'en' : 'sv';
  const w = W[lang];
  const check = async () => { if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page); };

  // The applicant shares the application and asks the employer to pay.
  const base = await startApplication(page, lang, `pays-${project}`, 'first-work');
  await completeApplication(page, lang, scripts, { 'employer-consent': 'yes' });
  const reference = (await page.locator('.pt-reference').innerText()).trim();
  await page.getByRole('button', { name: w.askEmployer, exact: true }).click();
  await expect(page.locator('main')).toContainText(w.asked);
  await logOut(page, lang);

  // The employer pays from the task, through the provider, and comes back to the task: the
  // application is sent, and its terms are needed now.
  await actForDemoOy(page, lang, `employer-pays-${project}`);
  await page.locator('#employer-tasks li', { hasText: reference }).getByRole('link').click();
  const task = page.url().replace(/\?.*$/, '');
  // The task with the fee to pay, in every language.
  for (const other of LANGS) {
    await page.goto(`${task}?lang=${other}`);
    await expect(page.locator('#employer-fee')).toBeVisible();
    await check();
  }
  await page.goto(`${task}?lang=${lang}`);
  await page.getByRole('button', { name: w.payFee, exact: true }).click();
  await expect(page.locator('h1')).toHaveText(PAY_WORDS[lang].provider);
  await page.getByRole('button', { name: PAY_WORDS[lang].ok, exact: true }).click();
  await expect(page).toHaveURL(/\/employer\/tasks\//);
  await expect(page.locator('main')).toContainText(w.needed);
  await check();
  await logOut(page, lang);

  // The applicant sees that the employer paid.
  await page.goto(`/login?lang=${lang}`);
  await logIn(page, lang, accountEmail(`pays-${project}`));
  await page.goto(`${base}/payment`);
  await expect(page.locator('#paid-by')).toHaveText(w.paidByEmployer);
});
