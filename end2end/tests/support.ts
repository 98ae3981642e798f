// What the browser tests share: the pages and their headings in each language, and the axe check.
import { expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
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
  '/design-system': { fi: 'Suunnittelujärjestelmä', sv: 'Designsystem', en: 'Design system' },
  '/no-such-page': { fi: 'Sivua ei löytynyt', sv: 'Sidan hittades inte', en: 'Page not found' },
};

export const LANGUAGE_NAMES: Record<Lang, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** Fails with the rule, the element and the help text of every WCAG 2.1 A/AA violation. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' | ')})`);
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

/** The accounts global-setup.ts makes before the tests: one per test that logs in, since
 * logins to one address are rate-limited. */
export const ACCOUNT_KEYS = ['js-fi', 'js-sv', 'js-en', 'no-js-fi', 'no-js-sv', 'no-js-en', 'axe-fi', 'axe-sv', 'axe-en'];
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


/** The newest one-time code the server mailed to `address` (read from its mail directory). */
export function mailedCode(address: string): string {
  const dir = join(process.env.PORTAL_E2E_DATA_DIR!, 'mail');
  const mails = readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8').replace(/=\r?\n/g, ''))
    .filter((text) => text.includes(`To: ${address}`));
  const code = mails.map((text) => /^\s*(\d{6})\s*$/m.exec(text)?.[1]).find(Boolean);
  if (!code) throw new Error(`no code mailed to ${address}`);
  return code;
}

export const REGISTER_WORDS: Record<Lang, Record<string, string>> = {
  fi: { create: 'Luo tili', email: 'Sähköpostiosoite', password: 'Salasana', common: 'yksi yleisimmistä', check: 'Tarkista sähköpostisi', code: 'Koodi', confirm: 'Vahvista' },
  sv: { create: 'Skapa konto', email: 'E-postadress', password: 'Lösenord', common: 'ett av de vanligaste', check: 'Kontrollera din e-post', code: 'Kod', confirm: 'Bekräfta' },
  en: { create: 'Create account', email: 'E-mail address', password: 'Password', common: 'one of the most common', check: 'Check your e-mail', code: 'Code', confirm: 'Confirm' },
};
