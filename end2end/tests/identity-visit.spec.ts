// The identity-visit pack (issue 29), in every language, with and without JavaScript: after a
// family application with two attachments is sent, its pack names the service point and the
// last day, lists the originals to bring (the passport, and the marriage certificate attached),
// carries the reference as text and as a QR code, and prints on at most two A4 pages. With
// scripts, axe checks it.
import { test, expect } from '@playwright/test';
import { completeApplication, payWithTestProvider, sendApplication, startApplication } from './applying';
import { LANGS, expectNoAxeViolations, type Lang } from './support';

const W: Record<Lang, Record<string, string>> = {
  fi: {
    title: 'Tunnistautumiskäynti: mitä ottaa mukaan', passport: 'Passisi',
    certificate: 'Alkuperäinen asiakirja: Vihkitodistus tai todistus rekisteröidystä parisuhteesta', visit: 'Käy siellä viimeistään',
  },
  sv: {
    title: 'Identifieringsbesök: vad du ska ta med', passport: 'Ditt pass',
    certificate: 'Originalet av: Vigselbevis eller intyg om registrerat partnerskap', visit: 'Besök det senast den',
  },
  en: {
    title: 'Identity visit: what to bring', passport: 'Your passport',
    certificate: 'The original of: Marriage or partnership certificate', visit: 'Visit it by',
  },
};

/** The number of pages of a PDF as Chromium writes it: its page objects. */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

for (const lang of LANGS) {
  test(`the identity-visit pack lists the originals and prints on two pages at most, in ${lang}`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const scripts = testInfo.project.name === 'js';
    const w = W[lang];
    await startApplication(page, lang, `visit-${testInfo.project.name}-${lang}`, 'first-family');
    await completeApplication(page, lang, scripts);
    await payWithTestProvider(page, lang, 'ok');
    await sendApplication(page, lang, scripts, async () => {});

    await page.locator('#visit-pack-link').click();
    await expect(page.locator('h1')).toHaveText(w.title);
    const reference = await page.locator('#visit-reference').innerText();
    expect(reference).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await expect(page.locator('.pt-qr svg')).toBeVisible();
    await expect(page.locator('#visit-where')).toContainText(w.visit);
    const originals = page.locator('#visit-originals li');
    await expect(originals).toHaveCount(2);
    await expect(originals.nth(0)).toContainText(w.passport);
    await expect(originals.nth(1)).toHaveText(w.certificate);
    if (scripts) await expectNoAxeViolations(page);

    // Printed as the browser prints it (the print stylesheet), on A4.
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
  });
}
