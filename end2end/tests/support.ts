// What the browser tests share: the pages and their headings in each language, and the axe check.
import { expect, type Page } from '@playwright/test';
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

/** The account global-setup.ts makes before the tests. */
export const STAFF = { email: 'e2e-staff@example.fi', password: 'tuulinen lokakuun aamu' };

/** The words of the account pages, to find fields and buttons as users do: by their labels. */
export const WORDS: Record<Lang, Record<string, string>> = {
  fi: { email: 'Sähköpostiosoite', password: 'Salasana', logIn: 'Kirjaudu sisään', account: 'Käyttäjätilisi', logOut: 'Kirjaudu ulos', loggedOut: 'Olet kirjautunut ulos', wrong: 'Sähköpostiosoite tai salasana on väärin' },
  sv: { email: 'E-postadress', password: 'Lösenord', logIn: 'Logga in', account: 'Ditt konto', logOut: 'Logga ut', loggedOut: 'Du har loggat ut', wrong: 'E-postadressen eller lösenordet är fel' },
  en: { email: 'E-mail address', password: 'Password', logIn: 'Log in', account: 'Your account', logOut: 'Log out', loggedOut: 'You have logged out', wrong: 'The e-mail address or the password is wrong' },
};

/** Fills in the login form and sends it. */
export async function logIn(page: Page, lang: Lang, password = STAFF.password) {
  const w = WORDS[lang];
  await page.getByLabel(w.email).fill(STAFF.email);
  await page.getByLabel(w.password).fill(password);
  await page.getByRole('button', { name: w.logIn }).click();
}

