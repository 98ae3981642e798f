// Each application completed up to payment, with and without JavaScript, in all three
// languages across the suite.
import { test, expect } from '@playwright/test';
import { LANGUAGE_NAMES, accountEmail, expectNoAxeViolations, logIn, type Lang, scriptsReady } from './support';
import { APPLY_WORDS, PAY_WORDS, SEND_WORDS, SIMULATOR, answerStep, completeApplication, sendApplication } from './applying';
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';

/** The contract's JSON Schemas of the application document and of an event (docs/case-backend/). */
const schema = (name: string) => JSON.parse(readFileSync(`../docs/case-backend/${name}.schema.json`, 'utf8'));
const validateDocument = new Ajv2020({ allErrors: true }).compile(schema('application'));
const validateEvent = new Ajv2020({ allErrors: true }).compile(schema('event'));

/** What the sent page's timeline says once the case handler has asked for the identity visit
 * and started processing. */
const TIMELINE_WORDS: Record<Lang, { visit: string; processing: string; now: string }> = {
  fi: { visit: '1.3.2027', processing: 'on ollut käsittelyssä', now: 'Nyt' },
  sv: { visit: '1.3.2027', processing: 'har behandlats sedan', now: 'Nu' },
  en: { visit: '1.3.2027', processing: 'has been in processing since', now: 'Now' },
};

const FLOWS: [string, Lang][] = [
  ['first-work', 'fi'],
  ['first-studies', 'sv'],
  ['first-family', 'en'],
  ['extended', 'en'],
  ['permanent', 'fi'],
  ['citizenship', 'sv'],
];

FLOWS.forEach(([kind, lang], n) => {
  test(`${kind} completed, paid and sent in ${lang}`, async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    // The other project takes the next language round, so each flow runs in two languages.
    const langs: Lang[] = ['fi', 'sv', 'en'];
    const used = testInfo.project.name === 'js' ? lang : langs[(langs.indexOf(lang) + 1) % 3];
    await page.goto(`/login?lang=${used}`);
    await logIn(page, used, accountEmail(`apply-${testInfo.project.name}-${n}`));
    await page.goto(`/apply/${kind}`);
    await page.getByRole('button', { name: APPLY_WORDS[used].start, exact: true }).click();
    await expect(page).toHaveURL(/\/steps\/names$/);
    await completeApplication(page, used, testInfo.project.name === 'js');
    const scripts = testInfo.project.name === 'js';
    // The fee with its legal basis, then paid with the test provider (axe on both sides).
    await expect(page.locator('#fee')).toBeVisible();
    await expect(page.locator('#fee-basis')).toBeVisible();
    if (scripts) await expectNoAxeViolations(page);
    const w = PAY_WORDS[used];
    await page.getByRole('button', { name: new RegExp(`^${w.pay}.*\\d`) }).click();
    await expect(page.locator('h1')).toHaveText(w.provider);
    if (scripts) await expectNoAxeViolations(page);
    await page.getByRole('button', { name: w.ok, exact: true }).click();
    await expect(page.locator('.pt-notification-banner--success')).toContainText(w.paid);
    await expect(page.locator('#payment-paid')).toContainText(w.paidOn);
    await expect(page.locator('main')).toContainText(w.next);
    if (scripts) await expectNoAxeViolations(page);
    // The receipt, to print.
    const paymentPage = page.url();
    await page.locator('a[href$="/receipt"]').click();
    await expect(page.locator('#receipt')).toBeVisible();
    if (scripts) await expectNoAxeViolations(page);
    await page.goto(paymentPage);
    // Confirmed, its pages are read-only: checked with axe where scripts run.
    const base = page.url().replace(/\/payment$/, '');
    for (const path of ['', '/check', '/declaration', '/steps/names']) {
      await page.goto(`${base}${path}`);
      await expect(page.locator('#ready-banner')).toBeVisible();
      if (testInfo.project.name === 'js') await expectNoAxeViolations(page);
    }
    // Sent: the simulator stores it with every attachment fetched and matching, and the
    // document is what the contract's schema says.
    await page.goto(paymentPage);
    await sendApplication(page, used, scripts, async (page) => {
      if (scripts) await expectNoAxeViolations(page);
    });
    const id = base.split('/').pop();
    const cases = await (await request.get(`${SIMULATOR}/cases.json`)).json();
    const stored = cases.filter((c: { idempotency_key: string }) => c.idempotency_key === id);
    expect(stored).toHaveLength(1);
    const document = stored[0].document;
    expect(validateDocument(document), JSON.stringify(validateDocument.errors)).toBe(true);
    expect(document.type).toBe(kind);
    expect(document.language).toBe(used);
    expect(document.attachments.length).toBeGreaterThan(0);
    expect(Object.values(stored[0].attachments_verified)).toEqual(document.attachments.map(() => true));
    await page.goto('/applications');
    await expect(page.locator('.pt-application-list__item', { hasText: document.reference })).toContainText(
      SEND_WORDS[used].receivedState,
    );
    if (scripts) await expectNoAxeViolations(page);

    // The case handler asks for the identity visit and starts processing (the simulator sends
    // each event, signed, to the portal, and keeps the portal's answer): the sent page's
    // timeline shows both, processing as the step for now; each event is what the schema says.
    const caseId = stored[0].case_id;
    const report = async (form: Record<string, string>) => {
      const answer = await request.post(`${SIMULATOR}/control/cases/${caseId}/events`, { form });
      expect(answer.ok()).toBe(true);
      const { status, event } = await answer.json();
      expect(status).toBe(200);
      expect(validateEvent(event), JSON.stringify(validateEvent.errors)).toBe(true);
    };
    await report({ type: 'identity-visit-needed', by: '2027-03-01' });
    await report({ type: 'in-processing' });
    await page.goto(`${base}/sent`);
    const t = TIMELINE_WORDS[used];
    await expect(page.locator('#sent-visit')).toContainText(t.visit);
    await expect(page.locator('#sent-processing')).toContainText(t.processing);
    await expect(page.locator('#sent-processing')).toContainText(t.now);
    if (scripts) await expectNoAxeViolations(page);
  });
});

const ITEM_WORDS: Record<'fi' | 'en', Record<string, string>> = {
  fi: { yes: 'Kyllä', child1: 'Lapsi 1', child2: 'Lapsi 2', remove1: 'Poista lapsi 1' },
  en: { yes: 'Yes', child1: 'Child 1', child2: 'Child 2', remove1: 'Remove child 1' },
};

test('repeating items: Enter saves, items are named, and focus stays where the user acted', async ({ page }, testInfo) => {
  const scripts = testInfo.project.name === 'js';
  const lang = scripts ? 'en' : 'fi';
  const [w, words] = [APPLY_WORDS[lang], ITEM_WORDS[lang]];
  await page.goto(`/login?lang=${lang}`);
  await logIn(page, lang, accountEmail(`apply-${testInfo.project.name}-repeat`));
  await page.goto('/apply/first-work');
  await page.getByRole('button', { name: w.start, exact: true }).click();
  const base = page.url().replace(/\/steps\/names$/, '');
  await page.goto(`${base}/steps/children-question`);
  await page.getByRole('radio', { name: words.yes }).check();
  await page.getByRole('button', { name: w.save, exact: true }).click();
  await expect(page).toHaveURL(/\/steps\/children$/);
  await expect(page.getByRole('group', { name: words.child1 })).toBeVisible();

  // Enter in a text box saves and goes on, as the button says.
  await answerStep(page, scripts);
  await page.locator('input[name="child-given-names--0"]').press('Enter');
  await expect(page).not.toHaveURL(/\/steps\/children/);
  await page.goto(`${base}/steps/children`);
  await expect(page.locator('input[name="child-surname--0"]')).toHaveValue('VIRTANEN');

  // Adding an item moves focus to it.
  await page.getByRole('button', { name: w.addChild, exact: true }).click();
  await expect(page).toHaveURL(/#item-2$/);
  await expect(page.getByRole('group', { name: words.child2 })).toBeFocused();

  // Enter in the second item saves too (never "Remove child 1"); its error names the child.
  await page.locator('input[name="child-surname--1"]').fill('Müller');
  await page.locator('input[name="child-surname--1"]').press('Enter');
  await expect(page.locator('.pt-error-summary')).toContainText(`${words.child2} – `);
  await expect(page.locator('#child-surname--1-error')).toContainText(`${words.child2} – `);
  await expect(page.locator('input[name="child-surname--0"]')).toHaveValue('VIRTANEN');

  // Removing the first child leaves focus on the item now in its place.
  await page.getByRole('button', { name: words.remove1, exact: true }).click();
  await expect(page).toHaveURL(/#item-1$/);
  await expect(page.getByRole('group', { name: words.child1 })).toBeFocused();
  await expect(page.locator('input[name="child-surname--0"]')).toHaveValue('Müller');
});

const DRAFT_WORDS: Record<'sv' | 'en', Record<string, string>> = {
  sv: { continue: 'Fortsätt med utkastet', delete: 'Radera det här utkastet', yes: 'Ja, radera utkastet', deleted: 'Utkastet har raderats.' },
  en: { continue: 'Continue your draft', delete: 'Delete this draft', yes: 'Yes, delete the draft', deleted: 'The draft has been deleted.' },
};

test('one draft of a kind goes on, and a draft can be deleted', async ({ page }, testInfo) => {
  const lang = testInfo.project.name === 'js' ? 'sv' : 'en';
  const [w, words] = [APPLY_WORDS[lang], DRAFT_WORDS[lang]];
  await page.goto(`/login?lang=${lang}`);
  await logIn(page, lang, accountEmail(`apply-${testInfo.project.name}-delete`));
  await page.goto('/apply/first-studies');
  await page.getByRole('button', { name: w.start, exact: true }).click();
  const base = page.url().replace(/\/steps\/names$/, '');

  // The start page now offers the draft, not a second one.
  await page.goto('/apply/first-studies');
  await expect(page.getByRole('button', { name: w.start, exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: words.continue }).click();
  await expect(page).toHaveURL(base);

  await page.getByRole('link', { name: words.delete }).click();
  await page.getByRole('button', { name: words.yes }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await expect(page.locator('.pt-notification-banner')).toContainText(words.deleted);
  await expect(page.locator(`a[href="${new URL(base).pathname}"]`)).toHaveCount(0);
});

test('switching the language in the middle of a step keeps what was typed', async ({ page }, testInfo) => {
  const [from, to] = testInfo.project.name === 'js' ? (['en', 'fi'] as const) : (['fi', 'sv'] as const);
  await page.goto(`/login?lang=${from}`);
  await logIn(page, from, accountEmail(`apply-${testInfo.project.name}-language`));
  await page.goto('/apply/first-work');
  await page.getByRole('button', { name: APPLY_WORDS[from].start, exact: true }).click();
  await expect(page).toHaveURL(/\/steps\/names$/);
  if (testInfo.project.name === 'js') await scriptsReady(page);
  await page.locator('input[name="surname"]').fill('VIRTANEN');
  await page.locator('input[name="given-names"]').fill('Maria Ilona');
  await page.getByRole('navigation', { name: /Kieli|Språk|Language/ }).getByRole('button', { name: LANGUAGE_NAMES[to] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', to);
  await expect(page).toHaveURL(/\/steps\/names$/);
  await expect(page.locator('input[name="surname"]')).toHaveValue('VIRTANEN');
  await expect(page.locator('input[name="given-names"]')).toHaveValue('Maria Ilona');
  await expect(page.getByRole('button', { name: APPLY_WORDS[to].save, exact: true })).toBeVisible();
  // Enter still saves and goes on: the switch's buttons in the header are not the form's first.
  await page.locator('input[name="surname"]').press('Enter');
  await expect(page).toHaveURL(/\/steps\/birth$/);
});
