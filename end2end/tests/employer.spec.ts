// An employer chooses to act for an organisation through Suomi.fi e-Authorizations (the
// built-in test server of its protocol), in fi, sv and en, with and without JavaScript:
// logging in acts for nobody; a disallowed answer leaves it so; an allowed one acts for the
// organisation by the service's name; and acting as oneself again. Axe on the employer's page
// in each state where scripts run; with scripts off, axe's timed-refresh rules.
import { test, expect } from '@playwright/test';
import { LANGS, accountEmail, expectNoAxeViolations, expectNoTimedRefresh, logIn } from './support';

const WORDS = {
  fi: { choose: 'Valitse organisaatio, jonka puolesta asioit', self: 'Asioit omana itsenäsi',
        disallowed: 'Et voi asioida tämän organisaation puolesta', acting: 'Asioit organisaation Demo Oy (2077474-0) puolesta',
        asSelf: 'Asioi omana itsenäsi' },
  sv: { choose: 'Välj en organisation att företräda', self: 'Du uträttar ärenden som dig själv',
        disallowed: 'Du får inte företräda den organisationen', acting: 'Du företräder Demo Oy (2077474-0)',
        asSelf: 'Uträtta ärenden som dig själv' },
  en: { choose: 'Choose an organisation to act for', self: 'You are acting as yourself',
        disallowed: 'You may not act for that organisation', acting: 'You are acting for Demo Oy (2077474-0)',
        asSelf: 'Act as yourself' },
};

for (const lang of LANGS) {
  test(`an employer acts for an organisation only when allowed, in ${lang}`, async ({ page }, testInfo) => {
    const scripts = testInfo.project.name === 'js';
    const w = WORDS[lang];
    const check = async () => { if (scripts) await expectNoAxeViolations(page); else await expectNoTimedRefresh(page); };
    await page.goto(`/login?lang=${lang}`);
    await logIn(page, lang, accountEmail(`employer-${testInfo.project.name}-${lang}`));
    await page.goto('/employer');
    await expect(page.locator('#acting-for')).toContainText(w.self);
    await check();

    // The service answers DISALLOWED: the session acts for nobody.
    const choose = async (outcome: string) => {
      await page.getByRole('button', { name: w.choose, exact: true }).click();
      await expect(page).toHaveURL(/\/test-mandates\/oauth\/authorize/);
      await page.getByLabel('Demo Oy').check();
      await page.getByLabel(outcome, { exact: true }).check();
      await page.getByRole('button', { name: 'Continue to the service' }).click();
      await expect(page).toHaveURL(/\/employer$/);
    };
    await choose('disallowed');
    await expect(page.locator('main')).toContainText(w.disallowed);
    await expect(page.locator('#acting-for')).toContainText(w.self);
    await check();

    // ALLOWED: acting for the organisation, by the name the service gave.
    await choose('allowed');
    await expect(page.locator('#acting-for')).toContainText(w.acting);
    await check();

    await page.getByRole('button', { name: w.asSelf, exact: true }).click();
    await expect(page.locator('#acting-for')).toContainText(w.self);
  });
}
