// The residence-time calculators (issue 29), in every language, with and without JavaScript:
// periods and trips that reach citizenship's eight years on a known day show that day and the
// rule that decides it; a wrong date is said at its field with everything typed kept; adding a
// row keeps what was typed. With scripts, axe checks the page empty, refused and with an answer.
import { test, expect, type Page } from '@playwright/test';
import { LANGS, PAGES, expectNoAxeViolations, type Lang } from './support';

const W: Record<Lang, Record<string, string>> = {
  fi: {
    period: 'Jakso', trip: 'Matka', from: 'Ensimmäinen päivä', to: 'Viimeinen päivä', permit: 'Lupa tai oleskeluoikeus',
    left: 'Päivä, jona lähdit Suomesta', back: 'Päivä, jona palasit', addPeriod: 'Lisää jakso', addTrip: 'Lisää matka',
    calculate: 'Laske', temporary: 'Tilapäinen oleskelulupa (B)', continuous: 'Jatkuva oleskelulupa (A)',
    earliest: 'Varhaisin päivä, jona hakemuksesi voi onnistua:', years: '8 vuoden laskettava asumisaika ei ole täynnä',
    invalid: 'Kirjoita jakson ensimmäinen päivä oikeana päivämääränä', abroad: '18 (enintään 365)',
  },
  sv: {
    period: 'Period', trip: 'Resa', from: 'Första dagen', to: 'Sista dagen', permit: 'Tillstånd eller uppehållsrätt',
    left: 'Dag då du reste från Finland', back: 'Dag då du kom tillbaka', addPeriod: 'Lägg till en period',
    addTrip: 'Lägg till en resa', calculate: 'Räkna', temporary: 'Tillfälligt uppehållstillstånd (B)',
    continuous: 'Kontinuerligt uppehållstillstånd (A)', earliest: 'Den tidigaste dag då din ansökan kan lyckas:',
    years: 'de 8 åren av vistelse som räknas är inte fulla', invalid: 'Skriv periodens första dag som ett riktigt datum',
    abroad: '18 (högst 365)',
  },
  en: {
    period: 'Period', trip: 'Trip', from: 'First day', to: 'Last day', permit: 'Permit or right of residence',
    left: 'Day you left Finland', back: 'Day you came back', addPeriod: 'Add a period', addTrip: 'Add a trip',
    calculate: 'Calculate', temporary: 'Temporary residence permit (B)', continuous: 'Continuous residence permit (A)',
    earliest: 'The earliest day your application can succeed:', years: 'the 8 years of residence that count are not complete',
    invalid: 'Enter the first day of the period as a real date', abroad: '18 (at most 365)',
  },
};

/** Types a date into the three boxes of the date input `id`. */
async function typeDate(page: Page, id: string, day: string, month: string, year: string) {
  await page.locator(`#${id}-day`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}

for (const lang of LANGS) {
  test(`the citizenship calculator shows the earliest day and why, in ${lang}`, async ({ page }, testInfo) => {
    const w = W[lang];
    const scripts = testInfo.project.name === 'js';
    await page.goto(`/?lang=${lang}`);
    await page.getByRole('link', { name: PAGES['/calculators/citizenship'][lang] }).click();
    await expect(page.locator('h1')).toHaveText(PAGES['/calculators/citizenship'][lang]);
    if (scripts) await expectNoAxeViolations(page);

    // A B permit from 15.1.2024 to 14.1.2026, then an A permit that goes on; the last day of
    // the first period is mistyped at first.
    await typeDate(page, 'period-0-from', '15', '1', '2024');
    await typeDate(page, 'period-0-to', '14', '1', '2026');
    await page.locator('#period-0-status').selectOption('temporary');
    await page.getByRole('button', { name: w.addPeriod }).click();
    await expect(page.locator('#period-1')).toBeVisible();
    // What was typed came back with the new row.
    await expect(page.locator('#period-0-from-day')).toHaveValue('15');
    await expect(page.locator('#period-0-status')).toHaveValue('temporary');
    await typeDate(page, 'period-1-from', '31', '2', '2026');
    await page.locator('#period-1-status').selectOption('continuous');
    // A trip: left 1.6.2025, back 20.6.2025 (18 days abroad).
    await typeDate(page, 'trip-0-from', '1', '6', '2025');
    await typeDate(page, 'trip-0-to', '20', '6', '2025');
    await page.getByRole('button', { name: w.calculate }).click();

    // 31.2. is no day: said at the field, everything kept.
    await expect(page.locator('.pt-error-summary')).toContainText(w.invalid);
    await expect(page.locator('#period-1-from-day')).toHaveValue('31');
    await expect(page.locator('#trip-0-to-day')).toHaveValue('20');
    await expect(page.locator('#answer')).toHaveCount(0);
    if (scripts) await expectNoAxeViolations(page);

    await typeDate(page, 'period-1-from', '15', '1', '2026');
    await page.getByRole('button', { name: w.calculate }).click();
    const answer = page.locator('#answer');
    await expect(answer.locator('#earliest')).toHaveText(`${w.earliest} 15.1.2032`);
    await expect(answer.locator('#decided-by')).toContainText(w.years);
    await expect(answer).toContainText(w.abroad);
    if (scripts) await expectNoAxeViolations(page);
  });
}
