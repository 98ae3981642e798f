// After sending (issue 25), in fi, sv and en, with and without JavaScript: the case handler
// (the simulator) starts processing and asks for two documents by a date; the applicant sees
// the task on the sent page and on the list, is e-mailed that there is something new (no link,
// nothing personal), answers with text and both files; the simulator has the reply with both
// files fetched and their SHA-256 matching, and the request's page shows the receipt. Then the
// simulator makes a decision: the applicant is told, sees that a decision was made (not what),
// opens it, and the simulator shows "decision served" with the time. Axe on the new pages where
// scripts run; with scripts off, axe's timed-refresh rules on the served markup.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { accountEmail, expectNoAxeViolations, expectNoTimedRefresh, type Lang } from './support';
import { SIMULATOR, completeApplication, payWithTestProvider, samplePdf, sendApplication, startApplication } from './applying';
import Ajv2020 from 'ajv/dist/2020';

/** The contract's JSON Schemas (docs/case-backend/). */
const schema = (name: string) => new Ajv2020({ allErrors: true }).compile(
  JSON.parse(readFileSync(`../docs/case-backend/${name}.schema.json`, 'utf8')),
);
const validateReply = schema('reply');
const validateEvent = schema('event');
const validateReport = schema('decision-report');

const WORDS: Record<Lang, Record<string, string>> = {
  fi: { task: 'Vastaa lisätietopyyntöön', listed: 'Lisätietoja pyydetty', processing: 'Käsittelyssä', news: 'Sinulle on uutta tietoa',
        upload: 'Lataa', reply: 'Vastauksesi', send: 'Lähetä vastaus', sent: 'Vastauksesi lähetettiin', answered: 'Vastasit',
        received: 'vastaanotti vastauksesi', decided: 'Hakemukseesi on tehty päätös', waiting: 'Päätös avattavissa',
        open: 'Avaa päätös', served: 'annettiin sinulle tiedoksi', more: 'Kirjoita viesti' },
  sv: { task: 'Svara på begäran om mer information', listed: 'Mer information begärd', processing: 'Under behandling',
        news: 'Det finns något nytt för dig', upload: 'Ladda upp', reply: 'Ditt svar', send: 'Skicka svaret',
        sent: 'Ditt svar skickades', answered: 'Du svarade', received: 'tog emot ditt svar',
        decided: 'Ett beslut har fattats', waiting: 'Beslut att öppna', open: 'Öppna beslutet', served: 'delgavs dig',
        more: 'Skriv ett meddelande' },
  en: { task: 'Answer the request for more information', listed: 'More information asked for', processing: 'In processing',
        news: 'There is something new for you', upload: 'Upload', reply: 'Your reply', send: 'Send the reply',
        sent: 'Your reply was sent', answered: 'You answered on', received: 'received your reply',
        decided: 'A decision has been made', waiting: 'Decision ready to open', open: 'Open the decision',
        served: 'served to you on', more: 'Write a message' },
};

/** The messages mailed to `address` (the mail directory of the browser tests' portal), decoded. */
function mailTo(address: string): string[] {
  const dir = join(process.env.PORTAL_E2E_DATA_DIR!, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8').replace(/=\r?\n/g, ''))
    .filter((text) => text.includes(`To: ${address}`));
}

for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
  test(`a request for two documents is answered, and the decision opened and served, in ${lang}`, async ({ page, request }, testInfo) => {
    test.setTimeout(180_000);
    const scripts = testInfo.project.name === 'js';
    const w = WORDS[lang];
    const account = `after-sending-${testInfo.project.name}-${lang}`;
    const base = await startApplication(page, lang, account, 'first-work');
    await completeApplication(page, lang, scripts);
    await payWithTestProvider(page, lang, 'ok');
    await sendApplication(page, lang, scripts, async () => {});
    const id = base.split('/').pop();
    const cases = await (await request.get(`${SIMULATOR}/cases.json`)).json();
    const caseId = cases.find((c: { idempotency_key: string }) => c.idempotency_key === id).case_id;
    const report = async (form: Record<string, string>) => {
      const answer = await request.post(`${SIMULATOR}/control/cases/${caseId}/events`, { form });
      expect((await answer.json()).status).toBe(200);
    };
    const mailsBefore = mailTo(accountEmail(account)).length;
    await report({ type: 'in-processing' });
    await report({
      type: 'additional-information-requested', text: 'Send your new passport and your employment contract.',
      documents: 'passport-copy,employment-contract', due: '2099-01-31',
    });

    // The task, on the sent page and on the list; the message says only that there is news.
    await page.goto(`${base}/sent`);
    await expect(page.locator('#requests')).toContainText('31.1.2099');
    await expect(page.locator('#sent-status')).toContainText(w.processing);
    if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page);
    await page.goto('/applications');
    await expect(page.locator('.pt-application-list__item').first()).toContainText(w.listed);
    await expect.poll(() => mailTo(accountEmail(account)).length, { timeout: 10_000 }).toBe(mailsBefore + 1);
    const news = mailTo(accountEmail(account)).at(-1)!;
    expect(news).not.toMatch(/https?:|<a /);
    expect(news).not.toContain(base.split('/').pop()!);

    // Both documents, then the reply.
    await page.goto(`${base}/sent`);
    await page.getByRole('link', { name: w.task }).click();
    await expect(page).toHaveURL(/\/requests\//);
    await expect(page.locator('#request-questions')).toContainText('new passport');
    if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page);
    const sections = page.locator('#request-documents section');
    await expect(sections).toHaveCount(2);
    for (const [n, name] of [[0, 'uusi passi.pdf'], [1, 'työsopimus.pdf']] as [number, string][]) {
      const section = sections.nth(n);
      await section.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: samplePdf() });
      await section.getByRole('button', { name: w.upload, exact: true }).click();
      await expect(page.locator('#request-documents')).toContainText(name);
    }
    await page.getByLabel(w.reply, { exact: true }).fill('Here are my new passport and my employment contract.');
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await expect(page.locator('main')).toContainText(w.sent);
    await expect(page.locator('#reply-sent')).toContainText(w.answered);
    if (scripts) await expectNoAxeViolations(page);

    // The simulator has the reply, both files fetched and matching, as the schema says.
    const reply = async () => {
      const replies = await (await request.get(`${SIMULATOR}/replies.json`)).json();
      return replies.find((r: { document: { case_id: string } }) => r.document.case_id === caseId);
    };
    await expect.poll(async () => Object.values((await reply())?.attachments_verified ?? {}), { timeout: 30_000 })
      .toEqual([true, true]);
    const document = (await reply()).document;
    expect(validateReply(document), JSON.stringify(validateReply.errors)).toBe(true);
    expect(document.late).toBe(false);
    // The receipt: the request's page says the reply was received (the page asks on a reload).
    const requestPage = page.url();
    await expect.poll(async () => {
      await page.goto(requestPage);
      return page.locator('#reply-received').innerText();
    }, { timeout: 30_000 }).toContain(w.received);

    // Information sent unasked has a page of its own (a request's, with no question).
    await page.goto(`${base}/sent`);
    await page.getByRole('button', { name: w.more, exact: true }).click();
    await expect(page.locator('#more-intro')).toBeVisible();
    if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page);

    // The decision: the portal fetches it, tells the applicant, and shows that it was made,
    // not what it says, until it is opened.
    const mailsBeforeDecision = mailTo(accountEmail(account)).length;
    await report({ type: 'decision-made', text: 'The residence permit is granted.' });
    const events = await (await request.get(`${SIMULATOR}/events.json`)).json();
    const decided = events.filter((e: { case_id: string }) => e.case_id === caseId).at(-1).event;
    expect(validateEvent(decided), JSON.stringify(validateEvent.errors)).toBe(true);
    await expect.poll(async () => {
      await page.goto(`${base}/sent`);
      return page.locator('#decision').count();
    }, { timeout: 30_000 }).toBe(1);
    await expect(page.locator('#decision')).toContainText(w.decided);
    await expect(page.locator('main')).not.toContainText('granted');
    if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page);
    await expect.poll(() => mailTo(accountEmail(account)).length, { timeout: 10_000 }).toBeGreaterThan(mailsBeforeDecision);
    expect(mailTo(accountEmail(account)).at(-1)!).not.toMatch(/https?:|<a /);
    await page.goto('/applications');
    await expect(page.locator('.pt-application-list__item').first()).toContainText(w.waiting);

    // The applicant opens it: served now, the appeal's last day given, the document theirs.
    await page.goto(`${base}/sent`);
    await page.locator('#decision-link').click();
    await expect(page).toHaveURL(/\/decision$/);
    if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page);
    await page.getByRole('button', { name: w.open, exact: true }).click();
    await expect(page.locator('#decision-opened')).toContainText(w.served);
    await expect(page.locator('#decision-appeal')).toBeVisible();
    if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page);
    const pdf = await page.request.get(`${base}/decision/document`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The simulator has the report "decision served", with the time, as the schema says.
    const served = async () => {
      const reports = await (await request.get(`${SIMULATOR}/decision-reports.json`)).json();
      return reports.find((r: { report: { case_id: string } }) => r.report.case_id === caseId)?.report;
    };
    await expect.poll(async () => (await served())?.outcome, { timeout: 30_000 }).toBe('served');
    const servedReport = await served();
    expect(validateReport(servedReport), JSON.stringify(validateReport.errors)).toBe(true);
    await page.goto(SIMULATOR);
    const row = page.locator('#reports tr', { hasText: caseId });
    await expect(row).toContainText('decision served');
    await expect(row).toContainText(servedReport.at);
  });
}
