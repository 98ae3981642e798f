// From payment to received, as applicants misuse it (issue 30), with and without JavaScript,
// in two languages per test across the projects: a payment still being confirmed says not to
// pay again, and once confirmed the application is sent with no further click, and its sent
// page follows receipt (B21, B22, B25); a second payment from an old tab is said to be
// refunded (B22); a step sent after the session ended is kept across logging in again, and the
// login page says why it was needed (B23, B34); a file over the limit gets the attachments
// page with the limit (B24). Axe where scripts run; with scripts off, axe's timed-refresh rules
// on the served markup.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoTimedRefresh, logIn, accountEmail, type Lang } from './support';
import {
  ATTACH_WORDS,
  APPLY_WORDS,
  PAY_WORDS,
  SIMULATOR,
  completeApplication,
  payWithTestProvider,
  sendApplication,
  startApplication,
} from './applying';

/** The words of these journeys. */
const WORDS: Record<Lang, Record<string, string>> = {
  fi: {
    noRepeat: 'Älä maksa uudelleen.',
    completed: 'Valmis', sentState: 'Lähetetty', waiting: 'ei ole vielä vahvistanut', refunded: 'toinen maksu palautetaan',
    anew: 'Aloita uusi maksu', ended: 'Sinut on kirjattu ulos', resumed: 'Säilytimme kirjoittamasi',
    tooLarge: 'Tiedosto on suurempi kuin 20 Mt', surname: 'Sukunimi', givenNames: 'Etunimet', awaiting: 'Odottaa maksua',
  },
  sv: {
    noRepeat: 'Betala inte på nytt.',
    completed: 'Klar', sentState: 'Skickad', waiting: 'har ännu inte bekräftat', refunded: 'andra betalningen återbetalas',
    anew: 'Påbörja en ny betalning', ended: 'Du har loggats ut', resumed: 'Vi behöll det du skrev',
    tooLarge: 'Filen är större än 20 MB', surname: 'Efternamn', givenNames: 'Förnamn', awaiting: 'Väntar på betalning',
  },
  en: {
    noRepeat: 'Do not pay again.',
    completed: 'Completed', sentState: 'Sent', waiting: 'has not yet confirmed', refunded: 'second payment will be refunded',
    anew: 'Start a new payment', ended: 'You have been logged out', resumed: 'We kept what you typed',
    tooLarge: 'The file is larger than 20 MB', surname: 'Surname', givenNames: 'Given names', awaiting: 'Waiting for payment',
  },
};

/** With scripts, the WCAG 2.1 A/AA checks (the timed-refresh check among them); without, the
 * timed-refresh check on the markup as served. */
async function checkPage(page: Page, scripts: boolean) {
  await (scripts ? expectNoAxeViolations(page) : expectNoTimedRefresh(page));
}

/** Sets the case-backend simulator's fault mode (`slow`: each delivery answered 10 s late). */
async function simulatorFault(mode: string) {
  const response = await fetch(`${SIMULATOR}/control/fault`, { method: 'POST', body: new URLSearchParams({ mode }), redirect: 'manual' });
  expect(response.status).toBe(303);
}

test('paid later: said to be on its way, then sent with no further click, and the sent page follows receipt', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const scripts = testInfo.project.name === 'js';
  const lang: Lang = scripts ? 'en' : 'fi';
  const [w, pw] = [WORDS[lang], PAY_WORDS[lang]];
  const base = await startApplication(page, lang, `apply-${testInfo.project.name}-confirming`, 'extended');
  await completeApplication(page, lang, scripts);
  const payment = page.url();
  // The delivery after payment is answered late, so that the sent page first says it waits.
  await simulatorFault('slow');
  try {
    await payWithTestProvider(page, lang, 'later');
    await expect(page.locator('#payment-pending')).toContainText(pw.confirming);
    await expect(page.locator('main')).toContainText(w.noRepeat);
    await expect(page.getByRole('link', { name: pw.continue })).toHaveCount(0);
    await expect(page.getByRole('button', { name: new RegExp(`^${pw.pay}.*\\d`) })).toHaveCount(0);
    await checkPage(page, scripts);
    // The provider confirms a few seconds later: paid, and sent without another click (B21).
    await expect(async () => {
      await page.goto(payment);
      await expect(page.locator('#payment-paid')).toContainText(pw.paidOn, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.locator('main')).toContainText(pw.next);
    await sendApplication(page, lang, scripts, async (sent) => {
      await expect(sent.locator('#sent-status')).toContainText(w.waiting);
      await checkPage(sent, scripts);
    });
  } finally {
    await simulatorFault('none');
  }
  // The task list and the list agree: paid and sent.
  await page.goto(base);
  await expect(page.locator('.pt-task-list__item').last()).toContainText(w.completed);
  await page.goto('/applications');
  await expect(page.locator('.pt-application-list__item').first()).toContainText(w.sentState);
  await expect(page.locator('main')).not.toContainText(w.awaiting);
});

test('a second payment from an old tab is said to be refunded', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const scripts = testInfo.project.name === 'js';
  const lang: Lang = scripts ? 'sv' : 'en';
  const [w, pw] = [WORDS[lang], PAY_WORDS[lang]];
  await startApplication(page, lang, `apply-${testInfo.project.name}-pay-twice`, 'extended');
  await completeApplication(page, lang, scripts);
  const payment = page.url();
  // To the provider, then back without paying: that tab's page is kept for later.
  await page.getByRole('button', { name: new RegExp(`^${pw.pay}.*\\d`) }).click();
  await expect(page.locator('h1')).toHaveText(pw.provider);
  const oldTab = page.url();
  await page.goto(payment);
  await expect(page.locator('#payment-pending')).toContainText(pw.pending);
  // A new payment instead, paid.
  await page.getByRole('button', { name: w.anew }).click();
  await expect(page.locator('h1')).toHaveText(pw.provider);
  await page.getByRole('button', { name: pw.ok, exact: true }).click();
  await expect(page.locator('#payment-paid')).toContainText(pw.paidOn);
  // The old tab paid too: not a plain success, but what happens to the money.
  await page.goto(oldTab);
  await page.getByRole('button', { name: pw.ok, exact: true }).click();
  await expect(page).toHaveURL(/\/payment$/);
  await expect(page.locator('.pt-notification-banner')).toContainText(w.refunded);
  await checkPage(page, scripts);
});

test('a step sent after the session ended is kept across logging in again', async ({ page, context }, testInfo) => {
  test.setTimeout(90_000);
  const scripts = testInfo.project.name === 'js';
  const lang: Lang = scripts ? 'fi' : 'sv';
  const w = WORDS[lang];
  await startApplication(page, lang, `apply-${testInfo.project.name}-ended`, 'first-work');
  await expect(page).toHaveURL(/\/steps\/names$/);
  const step = page.url();
  await page.getByLabel(w.surname, { exact: true }).fill('VIRTANEN');
  await page.getByLabel(w.givenNames, { exact: true }).fill('MARIA');
  // The session ends meanwhile (as after 30 idle minutes): its cookie is gone.
  await context.clearCookies({ name: 'session' });
  await page.getByRole('button', { name: APPLY_WORDS[lang].save, exact: true }).click();
  // The login page says why (B34) …
  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.locator('#session-ended')).toContainText(w.ended);
  await checkPage(page, scripts);
  // … and after it, the step shows what was typed, not yet saved (B23).
  await logIn(page, lang, accountEmail(`apply-${testInfo.project.name}-ended`));
  await expect(page).toHaveURL(step);
  await expect(page.locator('#resumed-banner')).toContainText(w.resumed);
  await expect(page.getByLabel(w.surname, { exact: true })).toHaveValue('VIRTANEN');
  await expect(page.getByLabel(w.givenNames, { exact: true })).toHaveValue('MARIA');
  await checkPage(page, scripts);
});

test('a file over the limit gets the attachments page with the limit', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const scripts = testInfo.project.name === 'js';
  const lang: Lang = scripts ? 'en' : 'fi';
  const [w, aw] = [WORDS[lang], ATTACH_WORDS[lang]];
  const base = await startApplication(page, lang, `apply-${testInfo.project.name}-big`, 'first-work');
  await page.goto(`${base}/attachments`);
  const form = page.locator('form.pt-attachment__upload').first();
  // A refused file first: its error must not linger once the next file is refused otherwise.
  await form.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') });
  await form.getByRole('button', { name: aw.upload }).click();
  await expect(page.locator('.pt-error-summary')).toContainText(aw.type);
  // 21 MB, over the 20 MB a file may be.
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
  await page.locator('form.pt-attachment__upload').first().locator('input[type=file]').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: big });
  await page.locator('form.pt-attachment__upload').first().getByRole('button', { name: aw.upload }).click();
  await expect(page.locator('h1')).toHaveText(aw.title);
  await expect(page.locator('.pt-error-summary')).toContainText(w.tooLarge);
  await expect(page.locator('.pt-error-summary')).not.toContainText(aw.type);
  await expect(page.locator('.pt-error-message').first()).toContainText(w.tooLarge);
  await checkPage(page, scripts);
});
