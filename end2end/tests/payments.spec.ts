// Paying the fee with the built-in test provider, with and without JavaScript: a cancelled
// payment says so and can be tried again; a tab closed during payment finds the payment's
// true state when the applicant comes back; a failed payment says so; a payment confirmed only
// later ("pay later") shows as pending, then paid. Axe on the failed and pending pages.
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, type Lang } from './support';
import { PAY_WORDS, completeApplication, payWithTestProvider, startApplication } from './applying';

test('cancel, try again, close the tab while paying, and come back to the true state', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const scripts = testInfo.project.name === 'js';
  const lang: Lang = scripts ? 'sv' : 'en';
  const w = PAY_WORDS[lang];
  await startApplication(page, lang, `apply-${testInfo.project.name}-pay`, 'first-work');
  await completeApplication(page, lang, scripts);
  const payment = page.url();

  // Cancelled at the provider: the page says what happened and offers to pay again.
  await payWithTestProvider(page, lang, 'cancel');
  await expect(page.locator('#payment-outcome')).toContainText(w.failed);
  if (scripts) await expectNoAxeViolations(page);

  // Paid at the provider, but the tab is closed before the browser comes back.
  await page.getByRole('button', { name: new RegExp(`^${w.pay}.*\\d`) }).click();
  // Paid at the provider, which sends the browser back; the tab is closed before it gets
  // there: the choice reaches the provider, the return never reaches the portal. (A route
  // does not see the redirected return itself, so the choice's answer is taken here.)
  let cut!: () => void;
  const returned = new Promise<void>((resolve) => (cut = resolve));
  await page.route('**/test-provider/pay/*', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const answer = await route.fetch({ maxRedirects: 0 });
    expect(answer.status()).toBe(303);
    expect(answer.headers()['location']).toContain('/return');
    await route.abort();
    cut();
  });
  await page.getByRole('button', { name: w.ok, exact: true }).click();
  await returned;
  await page.unroute('**/test-provider/pay/*');
  // Back later: the portal asks the provider, and the payment shows as paid.
  await page.goto(payment);
  await expect(page.locator('#payment-paid')).toContainText(w.paidOn);
  await expect(page.getByRole('button', { name: new RegExp(`^${w.pay}.*\\d`) })).toHaveCount(0);
});

test('a failed payment, then one confirmed later, shown pending, then paid', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const scripts = testInfo.project.name === 'js';
  const lang: Lang = scripts ? 'fi' : 'sv';
  const w = PAY_WORDS[lang];
  await startApplication(page, lang, `apply-${testInfo.project.name}-pay-later`, 'extended');
  await completeApplication(page, lang, scripts);
  const payment = page.url();
  // A failed payment first: said so, and paid again.
  await payWithTestProvider(page, lang, 'fail');
  await expect(page.locator('#payment-outcome')).toContainText(w.failed);
  await payWithTestProvider(page, lang, 'later');
  await expect(page.locator('#payment-pending')).toContainText(w.confirming);
  if (scripts) await expectNoAxeViolations(page);
  // The provider's callback comes a few seconds after; the page shows it once reloaded.
  await expect(async () => {
    await page.goto(payment);
    await expect(page.locator('#payment-paid')).toContainText(w.paidOn, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});
