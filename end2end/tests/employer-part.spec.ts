// The employer's part of a work-based application (issue 26), in fi, sv and en, with and
// without JavaScript: an applicant shares a work permit application with Demo Oy and sends
// it; an employer of Demo Oy logs in, chooses to act for it (the test e-Authorizations server
// allows), sees the task with the reference, fills in the terms of employment — a salary below
// the income threshold brings the warning that names it and its date; corrected, it goes on —
// attaches what the answers call for and sends; the simulator holds the application and the
// terms linked by reference and case, the terms' file fetched and matching (schema-checked);
// the applicant sees the employer's part arrive. Axe on every employer page where scripts run;
// with scripts off, axe's timed-refresh rules.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { LANGS, WORDS, accountEmail, expectNoAxeViolations, expectNoTimedRefresh, logIn, type Lang } from './support';
import {
  APPLY_WORDS, SIMULATOR, addAttachments, answerEveryStep, answerStep, completeApplication, payWithTestProvider,
  sendApplication, startApplication,
} from './applying';

const validateTerms = new Ajv2020({ allErrors: true }).compile(
  JSON.parse(readFileSync('../docs/case-backend/employment-terms.schema.json', 'utf8')),
);

const TERMS_WORDS: Record<Lang, Record<string, string>> = {
  fi: { choose: 'Valitse organisaatio, jonka puolesta asioit', acting: 'Asioit organisaation Demo Oy (2077474-0) puolesta',
        waiting: 'Odotetaan, että työnantajasi (Y-tunnus 2077474-0)', start: 'Täytä työsuhteen ehdot',
        warning: 'Palkka on alle tulorajan', since: '1.1.2025', declare: 'Vahvista ja lähetä',
        sent: 'Työsuhteen ehdot on lähetetty', arrived: 'Työnantajasi osuus saapui Maahanmuuttovirastoon' },
  sv: { choose: 'Välj en organisation att företräda', acting: 'Du företräder Demo Oy (2077474-0)',
        waiting: 'Vi väntar på att din arbetsgivare (FO-nummer 2077474-0)', start: 'Fyll i anställningsvillkoren',
        warning: 'Lönen är under inkomstgränsen', since: '1.1.2025', declare: 'Bekräfta och skicka',
        sent: 'Anställningsvillkoren har skickats', arrived: 'Din arbetsgivares del kom till Migrationsverket' },
  en: { choose: 'Choose an organisation to act for', acting: 'You are acting for Demo Oy (2077474-0)',
        waiting: 'Waiting for your employer (Business ID 2077474-0)', start: 'Fill in the terms of employment',
        warning: 'The salary is below the income threshold', since: '1.1.2025', declare: 'Confirm and send',
        sent: 'The terms of employment have been sent', arrived: 'part arrived at the Finnish Immigration Service' },
};

async function logOut(page: Page, lang: Lang) {
  await page.getByRole('button', { name: WORDS[lang].logOut }).click();
  await expect(page).toHaveURL(/\/logged-out/);
}

for (const lang of LANGS) {
  test(`an employer gives the terms of an employee's application, in ${lang}`, async ({ page, request }, testInfo) => {
    test.setTimeout(240_000);
    const project = testInfo.project.name;
    const scripts = project === 'js';
    const w = TERMS_WORDS[lang];
    const check = async () => { if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page); };

    // The applicant shares the application with Demo Oy, pays and sends it.
    const applicant = `terms-${project}-${lang}`;
    const base = await startApplication(page, lang, applicant, 'first-work');
    await completeApplication(page, lang, scripts, { 'employer-consent': 'yes' });
    const reference = (await page.locator('.pt-reference').innerText()).trim();
    await payWithTestProvider(page, lang, 'ok');
    await sendApplication(page, lang, scripts, async () => {});
    await expect(page.locator('#employer-part')).toContainText(w.waiting);
    await check();
    await logOut(page, lang);

    // An employer of Demo Oy chooses to act for it, and finds the task by its reference.
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, accountEmail(`employer-terms-${project}-${lang}`));
    await page.goto('/employer');
    await page.getByRole('button', { name: w.choose, exact: true }).click();
    await page.getByLabel('Demo Oy').check();
    await page.getByLabel('allowed', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue to the service' }).click();
    await expect(page.locator('#acting-for')).toContainText(w.acting);
    const task = page.locator('#employer-tasks li', { hasText: reference });
    await expect(task).toContainText('VIRTANEN');
    await check();
    await task.getByRole('link').click();
    await expect(page).toHaveURL(/\/employer\/tasks\//);
    await expect(page.locator('main')).toContainText(reference);
    await check();

    // The terms: every step, then the salary below the threshold, then corrected.
    await page.getByRole('button', { name: w.start, exact: true }).click();
    await expect(page).toHaveURL(/\/applications\/[a-z0-9]+$/);
    const terms = page.url().replace(/\?.*$/, '');
    await check();
    await page.locator('#resume').click();
    await check();
    await page.goto(`${terms}/steps/occupation`);
    await check();
    await page.goto(`${terms}/steps/filler`);
    await answerEveryStep(page, lang, scripts, { 'young-company': 'yes' });
    await page.goto(`${terms}/steps/pay`);
    await answerStep(page, scripts, { 'monthly-salary': '1500' });
    await page.getByRole('button', { name: APPLY_WORDS[lang].save, exact: true }).click();
    await expect(page).toHaveURL(/\/steps\/terms-salary-low$/);
    await expect(page.locator('main')).toContainText(w.warning);
    await expect(page.locator('main')).toContainText(/1[\s,]?600/);
    await expect(page.locator('main')).toContainText(w.since);
    await check();
    await page.goto(`${terms}/steps/pay`);
    await answerStep(page, scripts);
    await page.getByRole('button', { name: APPLY_WORDS[lang].save, exact: true }).click();
    await expect(page).not.toHaveURL(/salary-low/);

    // The account of the young company's finances, then check, declare and send.
    await page.goto(terms);
    await addAttachments(page, lang);
    await page.locator('.pt-task-list a[href$="/check"]').click();
    await expect(page.locator('h1')).toHaveText(APPLY_WORDS[lang].check);
    await check();
    await page.getByRole('link', { name: APPLY_WORDS[lang].toDeclaration }).click();
    await check();
    await page.getByLabel(APPLY_WORDS[lang].confirm).check();
    await page.getByRole('button', { name: w.declare, exact: true }).click();
    await expect(page).toHaveURL(/\/sent$/);
    await expect(page.locator('#sent-panel h1')).toHaveText(w.sent);
    await check();

    // The simulator holds both documents, linked by reference and case; the terms' file was
    // fetched and matched.
    const kept = async () => {
      const all = await (await request.get(`${SIMULATOR}/employment-terms.json`)).json();
      return all.find((t: { document: { application_reference: string } }) => t.document.application_reference === reference);
    };
    await expect.poll(async () => Object.values((await kept())?.attachments_verified ?? {}), { timeout: 30_000 }).toEqual([true]);
    const document = (await kept()).document;
    expect(validateTerms(document), JSON.stringify(validateTerms.errors)).toBe(true);
    const cases = await (await request.get(`${SIMULATOR}/cases.json`)).json();
    const application = cases.find((c: { document: { reference: string } }) => c.document.reference === reference);
    expect(application.case_id).toBe(document.case_id);
    expect(document.organisation).toBe('2077474-0');
    await page.goto('/employer');
    await check();
    await logOut(page, lang);

    // The applicant sees the employer's part arrive.
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, accountEmail(applicant));
    await expect.poll(async () => {
      await page.goto(`${base}/sent`);
      return page.locator('#employer-part').innerText();
    }, { timeout: 30_000 }).toContain(w.arrived);
    await check();
  });
}
