// Attachments as an applicant adds them, with and without JavaScript: several files for one
// attachment at once, the list and an image's preview, deleting one and adding another in its
// place, and a refused file explained (axe on the page: accessibility-with-js.spec.ts).
import { test, expect } from '@playwright/test';
import { type Lang } from './support';
import { ATTACH_WORDS, SAMPLE_PNG, samplePdf, startApplication } from './applying';

test('several files for one attachment, a preview, a delete and a replacement', async ({ page }, testInfo) => {
  const lang: Lang = testInfo.project.name === 'js' ? 'en' : 'fi';
  const w = ATTACH_WORDS[lang];
  const base = await startApplication(page, lang, `apply-${testInfo.project.name}-attach`, 'first-work');
  await page.goto(base);
  await page.locator('.pt-task-list a[href$="/attachments"]').click();
  await expect(page.locator('h1')).toHaveText(w.title);
  // The limits are said before anything is uploaded.
  await expect(page.locator('#attachment-limits')).toContainText('20');

  const passport = page.locator('form[action$="/attachments/passport-copy"]');
  await passport.locator('input[type=file]').setInputFiles([
    { name: 'sivu 1.png', mimeType: 'image/png', buffer: SAMPLE_PNG },
    { name: 'sivu 2.pdf', mimeType: 'application/pdf', buffer: samplePdf() },
  ]);
  await passport.getByRole('button', { name: w.upload }).click();
  await expect(page.locator('.pt-notification-banner--success')).toContainText(w.added);
  const section = page.locator('section[aria-labelledby="passport-copy-title"]');
  await expect(section.locator('.pt-attachment')).toHaveCount(2);
  await expect(section.getByRole('link', { name: 'sivu 1.png' })).toBeVisible();
  // The image is previewed from the server, decoded and shown.
  const preview = section.locator('img.pt-attachment__preview');
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

  // Replace the PDF: delete it, then add another.
  await section.locator('.pt-attachment', { hasText: 'sivu 2.pdf' }).getByRole('button', { name: w.delete }).click();
  await expect(page.locator('.pt-notification-banner--success')).toContainText(w.deleted);
  await expect(section.locator('.pt-attachment')).toHaveCount(1);
  await passport.locator('input[type=file]').setInputFiles({ name: 'uusi.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await passport.getByRole('button', { name: w.upload }).click();
  await expect(section.getByRole('link', { name: 'uusi.pdf' })).toBeVisible();

  // A file that is not a document is refused with its reason, at the field.
  const contract = page.locator('form[action$="/attachments/employment-contract"]');
  await contract.locator('input[type=file]').setInputFiles({ name: 'sopimus.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
  await contract.getByRole('button', { name: w.upload }).click();
  await expect(page.locator('.pt-error-summary')).toContainText(w.type);
  await expect(page.locator('#file-employment-contract-error')).toContainText(w.type);
  // Still missing: the task list says so.
  await page.goto(base);
  await expect(page.locator('.pt-task-list')).toContainText(lang === 'en' ? 'Missing:' : 'Puuttuu:');
});
