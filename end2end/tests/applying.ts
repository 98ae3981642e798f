// Filling in applications as an applicant would: every step through its visible controls.
import { expect, type Page } from '@playwright/test';
import { accountEmail, logIn, scriptsReady, type Lang } from './support';

export const APPLY_WORDS: Record<Lang, Record<string, string>> = {
  fi: { start: 'Aloita', save: 'Tallenna ja jatka', later: 'Tallenna ja jatka myöhemmin', check: 'Tarkista vastauksesi', toDeclaration: 'Jatka vakuutukseen', confirm: 'Vakuutan, että antamani tiedot ovat totta ja täydellisiä', declare: 'Vahvista ja jatka maksamiseen', payment: 'Maksa käsittelymaksu', addChild: 'Lisää toinen lapsi' },
  sv: { start: 'Börja', save: 'Spara och fortsätt', later: 'Spara och fortsätt senare', check: 'Kontrollera dina svar', toDeclaration: 'Fortsätt till försäkran', confirm: 'Jag försäkrar att uppgifterna jag har lämnat är sanna och fullständiga', declare: 'Bekräfta och fortsätt till betalningen', payment: 'Betala behandlingsavgiften', addChild: 'Lägg till ett barn till' },
  en: { start: 'Start now', save: 'Save and continue', later: 'Save and come back later', check: 'Check your answers', toDeclaration: 'Continue to the declaration', confirm: 'I declare that the information I have given is true and complete', declare: 'Confirm and continue to payment', payment: 'Pay the processing fee', addChild: 'Add another child' },
};

/** Dates that must come after another date of the form; the rest are in the past or near now. */
const LATER_DATES = new Set(['passport-expires', 'stay-to', 'studies-end', 'abroad-to', 'period-to']);
const CURRENT_DATES = new Set(['work-start', 'studies-start', 'permit-expires']);
/** Dates of birth that the identity codes below hold (13 October 1952). */
const BIRTH_DATES = new Set(['birth-date', 'sponsor-birth-date']);
/** Answers that keep an application on its way (others take the first option, or "No"). */
const CHOICES: Record<string, string> = { 'same-grounds': 'yes' };
const EUROS = new Set(['monthly-salary', 'monthly-income', 'funds-amount', 'tuition-amount', 'annual-income']);
/** The option chosen from a list: a country, or an occupation group (ISCO-08). */
const SELECTED: Record<string, string> = { 'occupation-group': '25' };

/** Answers given instead of the usual ones, by question id (`employer-consent: yes`). */
export type Answers = Record<string, string>;

/** Answers every visible question of the step page with a valid answer. With scripts, it
 * first waits for the page's island to be live, as the enhancements hide and show questions. */
export async function answerStep(page: Page, scripts = false, given: Answers = {}) {
  if (scripts) await scriptsReady(page);
  // Answered again while a choice shows none checked (at most three times): on a busy machine
  // a choice made the moment the page's scripts said they were ready was once seen unchecked
  // at the save (noted in issue 25's note for a closer look).
  for (let pass = 0; pass < 3; pass++) {
    await answerVisible(page, given);
    const unchosen = await page
      .locator('.pt-question:visible')
      .evaluateAll((questions) => questions.filter((q) => q.querySelector('input[type=radio]') && !q.querySelector('input[type=radio]:checked')).length);
    if (unchosen === 0) return;
  }
}

/** Answers every question the step shows now. */
async function answerVisible(page: Page, given: Answers) {
  // The step's page whole: a save's next page may have its address before its content (once,
  // every question of a step was found missing and the step sent empty).
  await page.waitForLoadState('load');
  const questions = page.locator('.pt-question:visible');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const id = (await question.getAttribute('data-question'))!;
    const radios = question.locator('input[type=radio]');
    if (await radios.count()) {
      const wanted = given[id] ?? CHOICES[id] ?? ((await radios.first().getAttribute('value')) === 'yes' ? 'no' : null);
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
      await select.selectOption(given[id] ?? SELECTED[id] ?? 'FI');
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
    const value = given[id] ?? (/identity-code/.test(id)
      ? '131052-308T'
      : /business-id/.test(id)
        ? '2077474-0'
        : /email/.test(id)
          ? 'maria@example.fi'
          : /phone/.test(id)
            ? '+358 40 123 4567'
            : /postal-code/.test(id)
              ? '00100'
              : EUROS.has(id)
                ? '50000'
                : (await input.getAttribute('inputmode')) === 'numeric'
                  ? '9'
                  : (await input.getAttribute('inputmode')) === 'decimal'
                    ? '37,5'
                    : 'VIRTANEN');
    await input.fill(value);
  }
}

/** The attachments page's words. */
export const ATTACH_WORDS: Record<Lang, Record<string, string>> = {
  fi: { title: 'Liitteet', upload: 'Lataa', done: 'Takaisin hakemukseen', added: 'Tiedostot lisättiin.', deleted: 'Tiedosto poistettiin.', delete: 'Poista', missing: 'Puuttuu', type: 'Tiedoston on oltava PDF-, JPG- tai PNG-tiedosto.', replace: 'Korvaa', replaced: 'Tiedosto korvattiin.', fileAdded: 'lisätty.', fileFailed: 'ei lisätty.', stillMissing: 'Liitteitä puuttuu vielä.' },
  sv: { title: 'Bilagor', upload: 'Ladda upp', done: 'Tillbaka till ansökan', added: 'Filerna lades till.', deleted: 'Filen raderades.', delete: 'Radera', missing: 'Saknas', type: 'Filen måste vara en PDF-, JPG- eller PNG-fil.', replace: 'Ersätt', replaced: 'Filen ersattes.', fileAdded: 'tillagd.', fileFailed: 'inte tillagd.', stillMissing: 'Det saknas ännu bilagor.' },
  en: { title: 'Attachments', upload: 'Upload', done: 'Back to the application', added: 'The files were added.', deleted: 'The file was deleted.', delete: 'Delete', missing: 'Missing', type: 'The file must be a PDF, JPG or PNG file.', replace: 'Replace', replaced: 'The file was replaced.', fileAdded: 'added.', fileFailed: 'not added.', stillMissing: 'Some attachments are still missing.' },
};

export const PAY_WORDS: Record<Lang, Record<string, string>> = {
  fi: { pay: 'Maksa ', ok: 'Maksa', later: 'Maksa myöhemmin (vahvistuu muutaman sekunnin kuluttua)', fail: 'Maksu epäonnistuu', cancel: 'Peruuta', paid: 'Maksu on maksettu.', paidOn: 'maksettiin', failed: 'Maksu peruttiin tai se ei onnistunut.', pending: 'Maksusi on aloitettu.', confirming: 'Odotamme, että maksunvälittäjä vahvistaa maksusi.', continue: 'Jatka maksamista', next: 'Hakemuksesi lähetettiin Maahanmuuttovirastoon, kun maksu oli maksettu', provider: 'Testimaksu' },
  sv: { pay: 'Betala ', ok: 'Betala', later: 'Betala senare (bekräftas efter några sekunder)', fail: 'Betalningen misslyckas', cancel: 'Avbryt', paid: 'Avgiften är betald.', paidOn: 'betalades', failed: 'Betalningen avbröts eller gick inte igenom.', pending: 'Din betalning har påbörjats.', confirming: 'Vi väntar på att betalningsförmedlaren bekräftar din betalning.', continue: 'Fortsätt betalningen', next: 'Din ansökan skickades till Migrationsverket när avgiften hade betalats', provider: 'Testbetalning' },
  en: { pay: 'Pay ', ok: 'Pay', later: 'Pay later (confirmed after a few seconds)', fail: 'The payment fails', cancel: 'Cancel', paid: 'The fee has been paid.', paidOn: 'was paid on', failed: 'The payment was cancelled or did not go through.', pending: 'Your payment has been started.', confirming: 'We are waiting for the payment provider to confirm your payment.', continue: 'Continue the payment', next: 'Your application was sent to the Finnish Immigration Service when the fee was paid', provider: 'Test payment' },
};

/** On the payment page: "Pay €…", then `choice` (ok, later, fail, cancel) on the test
 * provider's page; back on the payment page. */
export async function payWithTestProvider(page: Page, lang: Lang, choice: 'ok' | 'later' | 'fail' | 'cancel') {
  const w = PAY_WORDS[lang];
  await page.getByRole('button', { name: new RegExp(`^${w.pay}.*\\d`) }).click();
  await expect(page.locator('h1')).toHaveText(w.provider);
  await page.getByRole('button', { name: w[choice], exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/[a-z0-9]+\/payment$/);
}

/** A one-page PDF, made here: nothing is downloaded. */
export function samplePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1 × 1 PNG. */
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** From the task list: adds a PDF to every attachment the application asks for, through each
 * attachment's own upload form, and goes back to the task list. */
export async function addAttachments(page: Page, lang: Lang) {
  const w = ATTACH_WORDS[lang];
  await page.locator('.pt-task-list a[href$="/attachments"]').click();
  await expect(page.locator('h1')).toHaveText(w.title);
  const count = await page.locator('section.pt-attachment-requirement').count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    // Found again each time: with scripts, an upload replaces the page's content.
    const section = page.locator('section.pt-attachment-requirement').nth(i);
    const form = section.locator('form.pt-attachment__upload');
    await form.locator('input[type=file]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await form.getByRole('button', { name: w.upload }).click();
    await expect(section.locator('.pt-attachment')).toHaveCount(1);
  }
  await expect(page.locator('.pt-tag', { hasText: w.missing })).toHaveCount(0);
  await page.getByRole('link', { name: w.done }).click();
}

/** From a step, answers every step (with the answers `given` where asked) until the task
 * list has no unfinished one. */
export async function answerEveryStep(page: Page, lang: Lang, scripts: boolean, given: Answers = {}) {
  const w = APPLY_WORDS[lang];
  for (let steps = 0; steps < 60; steps++) {
    if (/\/steps\//.test(page.url())) {
      await answerStep(page, scripts, given);
      const step = page.url();
      await page.getByRole('button', { name: w.save, exact: true }).click();
      // On to the next page before the next answers: a busy machine may still show this one.
      await expect(page.locator('.pt-error-summary')).toHaveCount(0);
      await page.waitForURL((url) => url.href !== step);
      continue;
    }
    const resume = page.locator('#resume');
    if (await resume.count()) {
      await resume.click();
      continue;
    }
    break;
  }
}

/** From the first step of a new application, answers every step (with the answers `given`
 * where asked) up to the payment page. */
export async function completeApplication(page: Page, lang: Lang, scripts: boolean, given: Answers = {}) {
  const w = APPLY_WORDS[lang];
  await answerEveryStep(page, lang, scripts, given);
  // Every answer given, no attachment yet: check your answers says so, and offers no way on to
  // the declaration.
  await page.locator('.pt-task-list a[href$="/check"]').click();
  await expect(page.locator('main')).toContainText(ATTACH_WORDS[lang].stillMissing);
  await expect(page.getByRole('link', { name: w.toDeclaration })).toHaveCount(0);
  await page.goBack();
  await addAttachments(page, lang);
  await page.locator('.pt-task-list a[href$="/check"]').click();
  await expect(page.locator('h1')).toHaveText(w.check);
  await page.getByRole('link', { name: w.toDeclaration }).click();
  await page.getByLabel(w.confirm).check();
  await page.getByRole('button', { name: w.declare }).click();
  await expect(page.locator('h1')).toHaveText(w.payment);
  await expect(page.locator('.pt-reference')).toHaveText(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
}

/** Logs in and starts an application of `kind`; returns the new application's base URL. */
export async function startApplication(page: Page, lang: Lang, account: string, kind: string): Promise<string> {
  await page.goto(`/login?lang=${lang}`);
  await logIn(page, lang, accountEmail(account));
  await page.goto(`/apply/${kind}`);
  await page.getByRole('button', { name: APPLY_WORDS[lang].start, exact: true }).click();
  await expect(page).toHaveURL(/\/steps\//);
  return page.url().replace(/\/steps\/.*$/, '');
}

export const SEND_WORDS: Record<Lang, Record<string, string>> = {
  fi: { toSent: 'Katso vahvistus', sent: 'Hakemus lähetetty', received: 'vastaanotti sen', receivedState: 'Vastaanotettu' },
  sv: { toSent: 'Se bekräftelsen', sent: 'Ansökan skickad', received: 'tog emot den den', receivedState: 'Mottagen' },
  en: { toSent: 'See the confirmation', sent: 'Application sent', received: 'received it on', receivedState: 'Received' },
};

/** The case-backend simulator the browser tests' portal delivers to (playwright.config.ts). */
export const SIMULATOR = `http://127.0.0.1:${process.env.PORTAL_E2E_SIM_PORT ?? '3101'}`;

/** On the paid payment page (paid means sent: no button to press): on to the confirmation;
 * then waits until it says the case backend received it (B25): with scripts, the page puts
 * the new status in place by itself, without a reload; without, the applicant follows its
 * link to ask again. `onSentPage` runs on the sent page as it first comes. Returns the
 * application's base URL. */
export async function sendApplication(page: Page, lang: Lang, scripts: boolean, onSentPage: (page: Page) => Promise<void>): Promise<string> {
  const w = SEND_WORDS[lang];
  await page.getByRole('link', { name: w.toSent, exact: true }).click();
  await expect(page).toHaveURL(/\/sent$/);
  await expect(page.locator('#sent-panel h1')).toHaveText(w.sent);
  await expect(page.locator('#sent-visit')).toBeVisible();
  await onSentPage(page);
  if (scripts) {
    // Marked, to show the page was never reloaded: the mark would be gone.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await expect(page.locator('#sent-status')).toContainText(w.received, { timeout: 30_000 });
    await expect(page.locator('#sent-status')).toContainText(w.receivedState);
    await expect(page.locator('#sent-check-again')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    return page.url().replace(/\/sent$/, '');
  }
  // Until received, the page offers a link to ask again (it never reloads itself): followed
  // as the applicant would, a bounded number of times.
  for (let tries = 0; tries < 40; tries++) {
    if ((await page.locator('#sent-status').innerText()).includes(w.received)) break;
    await page.waitForTimeout(500);
    await page.locator('#sent-check-again').click();
    await expect(page).toHaveURL(/\/sent$/);
  }
  await expect(page.locator('#sent-status')).toContainText(w.received);
  await expect(page.locator('#sent-check-again')).toHaveCount(0);
  return page.url().replace(/\/sent$/, '');
}
