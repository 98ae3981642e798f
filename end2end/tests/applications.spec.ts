// Each application completed up to payment, with and without JavaScript, in all three
// languages across the suite.
import { test, expect } from '@playwright/test';
import { accountEmail, logIn, type Lang } from './support';
import { APPLY_WORDS, completeApplication } from './applying';

const FLOWS: [string, Lang][] = [
  ['first-work', 'fi'],
  ['first-studies', 'sv'],
  ['first-family', 'en'],
  ['extended', 'en'],
  ['permanent', 'fi'],
  ['citizenship', 'sv'],
];

FLOWS.forEach(([kind, lang], n) => {
  test(`${kind} up to payment in ${lang}`, async ({ page }, testInfo) => {
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
  });
});
