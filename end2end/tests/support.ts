// What the browser tests share: the pages and their headings in each language, and the axe check.
import { expect, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';

export const LANGS = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Every page and its <h1> in Finnish, Swedish and English. */
export const PAGES: Record<string, Record<Lang, string>> = {
  '/': {
    fi: 'Hae oleskelulupaa tai Suomen kansalaisuutta',
    sv: 'Ansök om uppehållstillstånd eller finskt medborgarskap',
    en: 'Apply for a residence permit or Finnish citizenship',
  },
  '/safe-use': { fi: 'Turvallinen asiointi', sv: 'Trygg användning av e-tjänster', en: 'Safe use of online services' },
  '/accessibility': { fi: 'Saavutettavuusseloste', sv: 'Tillgänglighetsutlåtande', en: 'Accessibility statement' },
  '/privacy': { fi: 'Tietosuoja', sv: 'Dataskydd', en: 'Privacy' },
  '/contact': { fi: 'Yhteystiedot', sv: 'Kontakt', en: 'Contact' },
  '/check-message': { fi: 'Onko viesti meiltä?', sv: 'Är meddelandet från oss?', en: 'Is this message from us?' },
  '/report-suspicious': {
    fi: 'Ilmoita epäilyttävästä viestistä tai puhelusta',
    sv: 'Anmäl ett misstänkt meddelande eller samtal',
    en: 'Report a suspicious message or call',
  },
  '/report-suspicious/sent': {
    fi: 'Kiitos: ilmoituksesi on vastaanotettu',
    sv: 'Tack: din anmälan har tagits emot',
    en: 'Thank you: your report was received',
  },
  '/pre-check': { fi: 'Mikä hakemus minulle sopii?', sv: 'Vilken ansökan behöver jag?', en: 'Which application do I need?' },
  '/calculators/citizenship': {
    fi: 'Kansalaisuus: milloin asumisaikani riittää?',
    sv: 'Medborgarskap: när räcker min vistelsetid?',
    en: 'Citizenship: when is my residence time enough?',
  },
  '/calculators/permanent': {
    fi: 'Pysyvä oleskelulupa: milloin asumisaikani riittää?',
    sv: 'Permanent uppehållstillstånd: när räcker min vistelsetid?',
    en: 'Permanent residence permit: when is my residence time enough?',
  },
  '/design-system': { fi: 'Suunnittelujärjestelmä', sv: 'Designsystem', en: 'Design system' },
  '/no-such-page': { fi: 'Sivua ei löytynyt', sv: 'Sidan hittades inte', en: 'Page not found' },
};

export const LANGUAGE_NAMES: Record<Lang, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** Fails with the rule, the element and the help text of every WCAG 2.1 A/AA violation. */
/** Waits until the page's island is live, with scripts on: a page that has one (signed in, or
 * a step's form) says so on `<html data-hydrated>`; a page without one loads no script. */
export async function scriptsReady(page: Page) {
  if ((await page.locator('leptos-island').count()) > 0) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' | ')})`);
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
  await expectNoTimedRefresh(page);
}

/** Axe's timed-refresh rules' violations in `markup`. Axe runs in a page, so the markup is
 * checked in a page of its own with scripts on, its own scripts taken out and `<noscript>`
 * opened up: as a browser without scripts reads it, where a `<noscript>` refresh is live (with
 * scripts on, axe sees `<noscript>` as text and would miss it). */
async function timedRefreshes(page: Page, markup: string): Promise<string[]> {
  const opened = markup.replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<\/?noscript>/g, '');
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.setContent(opened);
    const results = await new AxeBuilder({ page: copy }).withRules(['meta-refresh', 'meta-refresh-no-exceptions']).analyze();
    return results.violations.map((v) => v.id);
  } finally {
    await context.close();
  }
}

/** No page may refresh or redirect itself after a time, with scripts or without (WCAG 2.2.1):
 * checked on the page's markup as served. The check is first shown to find one, once per
 * worker, so that it cannot pass by accident. */
let refreshCheckShown = false;
export async function expectNoTimedRefresh(page: Page) {
  if (!refreshCheckShown) {
    const timed = '<html lang="en"><head><title>t</title></head><body><noscript><meta http-equiv="refresh" content="1500;url=/login"></noscript></body></html>';
    expect(await timedRefreshes(page, timed), 'the check finds a timed refresh').not.toEqual([]);
    refreshCheckShown = true;
  }
  expect(await timedRefreshes(page, await page.content()), `a timed refresh on ${page.url()}`).toEqual([]);
}

/** The applicants' accounts global-setup.ts makes before the tests: one per test that logs in,
 * since tries against one address are rate-limited, and tests change their accounts. */
const PER_PROJECT = ['', 'reset-', 'twofa-', 'settings-'].flatMap((kind) =>
  ['js', 'no-js'].flatMap((project) => LANGS.map((lang) => `${kind}${project}-${lang}`)),
);
const APPLYING = ['js', 'no-js'].flatMap((project) => [0, 1, 2, 3, 4, 5, 'repeat', 'delete', 'language', 'attach', 'pay', 'pay-later', 'confirming', 'pay-twice', 'ended', 'big'].map((n) => `apply-${project}-${n}`));
/** The journeys after sending (after-sending.spec.ts): one per project and language. */
const AFTER_SENDING = ['js', 'no-js'].flatMap((project) =>
  LANGS.flatMap((lang) => [`after-sending-${project}-${lang}`, `visit-${project}-${lang}`, `pre-check-${project}-${lang}`]),
);
/** The applicants whose application an employer gives the terms of (employer-part.spec.ts). */
const SHARING = ['js', 'no-js'].flatMap((project) => [
  ...LANGS.map((lang) => `terms-${project}-${lang}`),
  ...[1, 2, 3].map((n) => `bulk-${project}-${n}`),
  `pays-${project}`,
]);
export const ACCOUNT_KEYS = [
  ...PER_PROJECT,
  ...APPLYING,
  ...AFTER_SENDING,
  ...SHARING,
  ...LANGS.flatMap((lang) => [`axe-${lang}`, `axe-settings-${lang}`, `timeout-${lang}`, `axe-apply-${lang}`, `axe-attach-${lang}`]),
  'enhance-js', 'markup-js', 'click-js', 'press-js', 'hydration', 'weight-js',
];
/** Employers' accounts, each with the identity code the test e-Authorizations server gives
 * the demonstration organisation: one per project and language. */
export const EMPLOYER_KEYS = ['js', 'no-js'].flatMap((project) => [
  ...LANGS.flatMap((lang) => [`employer-${project}-${lang}`, `employer-terms-${project}-${lang}`]),
  `employer-bulk-${project}`,
  `employer-pays-${project}`,
]);
export const EMPLOYER_IDENTITY = '131052-308T';
/** Staff accounts: one per project, and one for the accessibility checks. */
export const STAFF_KEYS = [
  'staff-js', 'staff-no-js', 'staff-axe', 'preview-js', 'preview-no-js', 'preview-axe',
  // The staff who read the reports of trust.spec.ts: one per project and language.
  ...['js', 'no-js'].flatMap((project) => LANGS.map((lang) => `reports-${project}-${lang}`)),
];
export const PASSWORD = 'tuulinen lokakuun aamu';
export const accountEmail = (key: string) => `e2e-${key}@example.fi`;

/** The words of the account pages, to find fields and buttons as users do: by their labels. */
export const WORDS: Record<Lang, Record<string, string>> = {
  fi: { email: 'Sähköpostiosoite', password: 'Salasana', logIn: 'Kirjaudu sisään', account: 'Käyttäjätilisi', logOut: 'Kirjaudu ulos', loggedOut: 'Olet kirjautunut ulos', wrong: 'Sähköpostiosoite tai salasana on väärin' },
  sv: { email: 'E-postadress', password: 'Lösenord', logIn: 'Logga in', account: 'Ditt konto', logOut: 'Logga ut', loggedOut: 'Du har loggat ut', wrong: 'E-postadressen eller lösenordet är fel' },
  en: { email: 'E-mail address', password: 'Password', logIn: 'Log in', account: 'Your account', logOut: 'Log out', loggedOut: 'You have logged out', wrong: 'The e-mail address or the password is wrong' },
};

/** Fills in the login form and sends it. */
export async function logIn(page: Page, lang: Lang, email: string, password = PASSWORD) {
  const w = WORDS[lang];
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill(password);
  await page.getByRole('button', { name: w.logIn }).click();
}


/** What `find` finds in the messages mailed to `address` (read from the portal's mail
 * directory). Mail goes out through the portal's job queue a moment after the request that
 * caused it, so this waits (at most five seconds) for the message. */
async function mailed(address: string, find: (text: string) => string | undefined): Promise<string> {
  const dir = join(process.env.PORTAL_E2E_DATA_DIR!, 'mail');
  for (let tries = 0; tries < 50; tries++) {
    const mails = existsSync(dir)
      ? readdirSync(dir)
          .map((name) => readFileSync(join(dir, name), 'utf8').replace(/=\r?\n/g, ''))
          .filter((text) => text.includes(`To: ${address}`))
      : [];
    const found = mails.map(find).find(Boolean);
    if (found) return found;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`nothing found in the mail to ${address}`);
}

/** The one-time code mailed to `address`. */
export const mailedCode = (address: string) => mailed(address, (text) => /^\s*(\d{6})\s*$/m.exec(text)?.[1]);

/** The message code at the end of a message mailed to `address` (`K7MX-43RN-CWPA`). */
export const mailedMessageCode = (address: string) =>
  mailed(address, (text) => /\b([ACEFHKMNPRTWXY34679]{4}-[ACEFHKMNPRTWXY34679]{4}-[ACEFHKMNPRTWXY34679]{4})\b/.exec(text)?.[1]);

export const REGISTER_WORDS: Record<Lang, Record<string, string>> = {
  fi: { create: 'Luo tili', email: 'Sähköpostiosoite', password: 'Salasana', common: 'yksi yleisimmistä', check: 'Tarkista sähköpostisi', code: 'Koodi', confirm: 'Vahvista', created: 'Käyttäjätilisi on luotu', forMyself: 'Itselleni, hakeakseni lupaa tai kansalaisuutta' },
  sv: { create: 'Skapa konto', email: 'E-postadress', password: 'Lösenord', common: 'ett av de vanligaste', check: 'Kontrollera din e-post', code: 'Kod', confirm: 'Bekräfta', created: 'Ditt konto har skapats', forMyself: 'För mig själv, för att ansöka om tillstånd eller medborgarskap' },
  en: { create: 'Create account', email: 'E-mail address', password: 'Password', common: 'one of the most common', check: 'Check your e-mail', code: 'Code', confirm: 'Confirm', created: 'Your account has been created', forMyself: 'For myself, to apply for a permit or citizenship' },
};

/** The words of password reset, two-step login and the account settings. */
export const SECURITY_WORDS: Record<Lang, Record<string, string>> = {
  fi: {
    forgot: 'Unohditko salasanasi?', sendCode: 'Lähetä koodi', newPassword: 'Uusi salasana', changePassword: 'Vaihda salasana',
    resetDone: 'Salasanasi on vaihdettu', appCode: 'Sovelluksen koodi', turnOn: 'Ota kaksivaiheinen kirjautuminen käyttöön',
    recoveryTitle: 'Varakoodisi', saved: 'Olen tallentanut koodit', loginCode: 'Koodi', continue: 'Jatka',
    twoFactor: 'Kaksivaiheinen kirjautuminen', on: 'Käytössä', current: 'Nykyinen salasana', wrongCurrent: 'Nykyinen salasana on väärin',
    changed: 'Salasanasi on vaihdettu.', staffRequired: 'Virkailijoiden tileillä', staffTools: 'Virkailijan työkalut', deleteAccount: 'Poista tili',
  },
  sv: {
    forgot: 'Har du glömt ditt lösenord?', sendCode: 'Skicka kod', newPassword: 'Nytt lösenord', changePassword: 'Byt lösenord',
    resetDone: 'Ditt lösenord har bytts', appCode: 'Kod från appen', turnOn: 'Slå på tvåstegsinloggning',
    recoveryTitle: 'Dina reservkoder', saved: 'Jag har sparat mina koder', loginCode: 'Kod', continue: 'Fortsätt',
    twoFactor: 'Tvåstegsinloggning', on: 'På', current: 'Nuvarande lösenord', wrongCurrent: 'Det nuvarande lösenordet är fel',
    changed: 'Ditt lösenord har bytts.', staffRequired: 'Konton för personal', staffTools: 'Personalens verktyg', deleteAccount: 'Radera kontot',
  },
  en: {
    forgot: 'Forgot your password?', sendCode: 'Send code', newPassword: 'New password', changePassword: 'Change password',
    resetDone: 'Your password has been changed', appCode: 'Code from the app', turnOn: 'Turn on two-step login',
    recoveryTitle: 'Your recovery codes', saved: 'I have saved my codes', loginCode: 'Code', continue: 'Continue',
    twoFactor: 'Two-step login', on: 'On', current: 'Current password', wrongCurrent: 'The current password is wrong',
    changed: 'Your password has been changed.', staffRequired: 'Staff accounts must use two-step login', staffTools: 'Staff tools', deleteAccount: 'Delete account',
  },
};

/** The code an authenticator app shows for a base32 `secret` now (RFC 6238: SHA-1, 30 s, 6 digits). */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/[\s=]/g, '').toUpperCase()]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  return ((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

/** Turns on two-step login from its set-up page, and returns the recovery codes shown once. */
export async function turnOnTwoStepLogin(page: Page, lang: Lang): Promise<string[]> {
  const w = SECURITY_WORDS[lang];
  const secret = (await page.locator('#secret').textContent())!;
  await page.getByLabel(w.appCode).fill(totp(secret));
  await page.getByLabel(w.current).fill(PASSWORD);
  await page.getByRole('button', { name: w.turnOn }).click();
  await expect(page.locator('h1')).toHaveText(w.recoveryTitle);
  return page.locator('.pt-recovery-codes code').allTextContents();
}
