// Trust (issue 27), in every language, with and without JavaScript: the code of a real message
// checks as genuine with its day and kind, a made-up one does not; a report of a suspicious call
// is filed from the safe-use page and a member of staff finds and handles it. With scripts, axe
// checks the three new pages in each state.
import { test, expect, type Page } from '@playwright/test';
import {
  LANGS, REGISTER_WORDS, accountEmail, expectNoAxeViolations, logIn, mailedMessageCode, turnOnTwoStepLogin, type Lang,
} from './support';

const W: Record<Lang, Record<string, string>> = {
  fi: {
    check: 'Onko viesti meiltä?', code: 'Viestitunnus', checkIt: 'Tarkista tunnus', genuine: 'Kyllä: viesti tunnuksella',
    sent: 'Lähetimme sen', verifyKind: 'koodi sähköpostiosoitteesi vahvistamiseen', unknown: 'Ei: emme ole lähettäneet viestiä tunnuksella',
    format: 'Syötä viestitunnus niin kuin se on viestissä', report: 'Ilmoita epäilyttävästä viestistä tai puhelusta',
    happened: 'Milloin se tapahtui?', phone: 'Puhelu', passport: 'Passin numero tai kopio passista', english: 'Englanti',
    claimedName: 'Nimi, jonka he kertoivat (vapaaehtoinen)', details: 'Mitä tapahtui?', send: 'Lähetä ilmoitus',
    thanks: 'Kiitos: ilmoituksesi on vastaanotettu', missing: 'Kerro, mitä tapahtui', reports: 'Ilmoitukset epäilyttävistä viesteistä ja puheluista',
    markHandled: 'Merkitse ilmoitus', marked: 'Ilmoitus merkittiin käsitellyksi.', handled: 'Käsitelty', safeUse: 'Turvallinen asiointi',
  },
  sv: {
    check: 'Är meddelandet från oss?', code: 'Meddelandekod', checkIt: 'Kontrollera koden', genuine: 'Ja: meddelandet med koden',
    sent: 'Vi skickade det', verifyKind: 'en kod för att bekräfta din e-postadress', unknown: 'Nej: vi har inte skickat något meddelande med koden',
    format: 'Ange meddelandekoden så som den står i meddelandet', report: 'Anmäl ett misstänkt meddelande eller samtal',
    happened: 'När hände det?', phone: 'Telefonsamtal', passport: 'Passnummer eller en kopia av passet', english: 'Engelska',
    claimedName: 'Namnet de uppgav (frivilligt)', details: 'Vad hände?', send: 'Skicka anmälan',
    thanks: 'Tack: din anmälan har tagits emot', missing: 'Berätta vad som hände', reports: 'Anmälningar om misstänkta meddelanden och samtal',
    markHandled: 'Markera anmälan', marked: 'Anmälan markerades som behandlad.', handled: 'Behandlad', safeUse: 'Trygg användning av e-tjänster',
  },
  en: {
    check: 'Is this message from us?', code: 'Message code', checkIt: 'Check the code', genuine: 'Yes: the message with the code',
    sent: 'We sent it on', verifyKind: 'a code for confirming your e-mail address', unknown: 'No: we have not sent a message with the code',
    format: 'Enter the message code as it is in the message', report: 'Report a suspicious message or call',
    happened: 'When did it happen?', phone: 'Phone call', passport: 'Passport number or a copy of the passport', english: 'English',
    claimedName: 'The name they gave (optional)', details: 'What happened?', send: 'Send the report',
    thanks: 'Thank you: your report was received', missing: 'Tell us what happened', reports: 'Reports of suspicious messages and calls',
    markHandled: 'Mark report', marked: 'The report was marked handled.', handled: 'Handled', safeUse: 'Safe use of online services',
  },
};

/** Today as the portal writes a day (UTC): `7.12.2026`. */
function today(): string {
  const now = new Date();
  return `${now.getUTCDate()}.${now.getUTCMonth() + 1}.${now.getUTCFullYear()}`;
}

/** Registers a new account at `address`, which mails it a code (and that message's code). */
async function register(page: Page, lang: Lang, address: string) {
  const r = REGISTER_WORDS[lang];
  await page.goto(`/register?lang=${lang}`);
  await page.getByLabel(r.forMyself).check();
  await page.getByLabel(r.email).fill(address);
  await page.getByLabel(r.password).fill('kolme sanaa peräkkäin');
  await page.getByRole('button', { name: r.create }).click();
  await expect(page).toHaveURL(/\/verify$/);
}

for (const lang of LANGS) {
  test(`a real message's code checks as genuine and a made-up one does not, in ${lang}`, async ({ page }, testInfo) => {
    const w = W[lang];
    const scripts = testInfo.project.name === 'js';
    const address = `trust-${lang}-${testInfo.project.name}-${Date.now()}@example.fi`;
    await register(page, lang, address);
    const code = await mailedMessageCode(address);

    // Anyone who has the message: the footer of every page leads to the check.
    const anyone = page;
    await anyone.goto(`/?lang=${lang}`);
    await anyone.locator('footer').getByRole('link', { name: w.check }).click();
    await expect(anyone.locator('h1')).toHaveText(w.check);
    if (scripts) await expectNoAxeViolations(anyone);

    // Typed as read off a phone: lower case, with spaces.
    await anyone.getByLabel(w.code).fill(code.toLowerCase().replaceAll('-', ' '));
    await anyone.getByRole('button', { name: w.checkIt }).click();
    const answer = anyone.locator('#answer');
    await expect(answer).toContainText(`${w.genuine} ${code}`);
    await expect(answer).toContainText(`${w.sent} ${today()}`);
    await expect(answer).toContainText(w.verifyKind);
    await expect(answer).not.toContainText(address);
    if (scripts) await expectNoAxeViolations(anyone);

    await anyone.getByLabel(w.code).fill('ACEF-HKMN-PRTW');
    await anyone.getByRole('button', { name: w.checkIt }).click();
    await expect(anyone.locator('#answer')).toContainText(`${w.unknown} ACEF-HKMN-PRTW`);
    await expect(anyone.locator('#answer').getByRole('link', { name: /./ })).toHaveAttribute('href', '/report-suspicious');
    if (scripts) await expectNoAxeViolations(anyone);

    // Not a code at all: said so at the field, with what was typed kept.
    await anyone.getByLabel(w.code).fill('K7MX-43RN-CWP0');
    await anyone.getByRole('button', { name: w.checkIt }).click();
    await expect(anyone.locator('.pt-error-summary')).toContainText(w.format);
    await expect(anyone.getByLabel(w.code)).toHaveValue('K7MX-43RN-CWP0');
    if (scripts) await expectNoAxeViolations(anyone);
  });

  test(`a suspicious call is reported and staff handle the report, in ${lang}`, async ({ page }, testInfo) => {
    const w = W[lang];
    const scripts = testInfo.project.name === 'js';
    const marker = `Soittaja ${lang}-${testInfo.project.name}-${Date.now()}`;
    await page.goto(`/safe-use?lang=${lang}`);
    await page.getByRole('link', { name: w.report }).first().click();
    await expect(page.locator('h1')).toHaveText(w.report);
    if (scripts) await expectNoAxeViolations(page);

    // Sent without what happened: the error, and what was typed kept.
    await page.getByLabel(w.happened).fill('3.12.2026 14.30');
    await page.getByLabel(w.phone, { exact: true }).check();
    await page.getByLabel(w.passport).check();
    await page.getByLabel(w.english, { exact: true }).check();
    await page.getByLabel(w.claimedName).fill('Officer Smith');
    await page.getByRole('button', { name: w.send }).click();
    await expect(page.locator('.pt-error-summary')).toContainText(w.missing);
    await expect(page.getByLabel(w.happened)).toHaveValue('3.12.2026 14.30');
    await expect(page.getByLabel(w.phone, { exact: true })).toBeChecked();
    await expect(page.getByLabel(w.passport)).toBeChecked();
    if (scripts) await expectNoAxeViolations(page);

    await page.getByLabel(w.details).fill(`${marker} asked for my passport number and a fine.`);
    await page.getByRole('button', { name: w.send }).click();
    await expect(page).toHaveURL(/\/report-suspicious\/sent$/);
    await expect(page.locator('h1')).toHaveText(w.thanks);
    if (scripts) await expectNoAxeViolations(page);

    const staff = page;
    await staff.goto(`/login?lang=${lang}`);
    await logIn(staff, lang, accountEmail(`reports-${testInfo.project.name}-${lang}`));
    await expect(staff).toHaveURL(/\/account\/two-factor$/);
    await turnOnTwoStepLogin(staff, lang);
    await staff.goto(`/staff/reports?lang=${lang}`);
    await expect(staff.locator('h1')).toHaveText(w.reports);
    const report = staff.locator('.pt-report', { hasText: marker });
    await expect(report).toContainText('Officer Smith');
    await expect(report).toContainText(w.passport);
    if (scripts) await expectNoAxeViolations(staff);
    await report.getByRole('button', { name: w.markHandled }).click();
    await expect(staff.locator('.pt-notification-banner')).toContainText(w.marked);
    await expect(staff.locator('.pt-report', { hasText: marker })).toContainText(w.handled);
  });
}
