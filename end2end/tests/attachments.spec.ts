// Attachments as an applicant adds them, with and without JavaScript: several files for one
// attachment at once (with scripts: a progress bar and an outcome per file, and the page
// updated without a reload), the list and an image's preview, replacing one and deleting one,
// and a refused file explained (axe on the page: accessibility-with-js.spec.ts).
import { test, expect } from '@playwright/test';
import { type Lang } from './support';
import { ATTACH_WORDS, SAMPLE_PNG, samplePdf, startApplication } from './applying';

test('several files for one attachment, a preview, a replacement and a delete', async ({ page }, testInfo) => {
  const scripts = testInfo.project.name === 'js';
  const lang: Lang = scripts ? 'en' : 'fi';
  const w = ATTACH_WORDS[lang];
  const base = await startApplication(page, lang, `apply-${testInfo.project.name}-attach`, 'first-work');
  await page.goto(base);
  await page.locator('.pt-task-list a[href$="/attachments"]').click();
  await expect(page.locator('h1')).toHaveText(w.title);
  // The limits are said before anything is uploaded.
  await expect(page.locator('#attachment-limits')).toContainText('20');

  // With scripts, the page is updated in place: this mark would not survive a reload.
  if (scripts) {
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
    await page.evaluate(() => { (window as unknown as { samePage: boolean }).samePage = true; });
  }
  const passport = page.locator('form[action$="/attachments/passport-copy"]');
  await passport.locator('input[type=file]').setInputFiles([
    { name: 'sivu 1.png', mimeType: 'image/png', buffer: SAMPLE_PNG },
    { name: 'sivu 2.pdf', mimeType: 'application/pdf', buffer: samplePdf() },
    { name: 'sivu 3.pdf', mimeType: 'application/pdf', buffer: samplePdf() },
  ]);
  await passport.getByRole('button', { name: w.upload }).click();
  await expect(page.locator('.pt-notification-banner--success')).toContainText(w.added);
  const section = page.locator('section[aria-labelledby="passport-copy-title"]');
  await expect(section.locator('.pt-attachment')).toHaveCount(3);
  if (scripts) {
    const progress = section.locator('.pt-upload-progress__file');
    await expect(progress).toHaveCount(3);
    for (const name of ['sivu 1.png', 'sivu 2.pdf', 'sivu 3.pdf']) {
      await expect(progress.filter({ hasText: name })).toContainText(w.fileAdded);
    }
    await expect(section.locator('progress')).toHaveCount(3);
    expect(await section.locator('progress').evaluateAll((bars) => bars.map((bar) => (bar as HTMLProgressElement).value))).toEqual([100, 100, 100]);
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  }
  await expect(section.getByRole('link', { name: 'sivu 1.png' })).toBeVisible();
  // The image is previewed from the server, decoded and shown.
  const preview = section.locator('img.pt-attachment__preview');
  await expect(preview).toBeVisible();
  // Loaded, not only laid out: wait for the image itself (a busy machine serves it later).
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

  // Replace one PDF in one step, from the file's own "Replace" (a details element, which works
  // without scripts), then delete another.
  const second = section.locator('.pt-attachment', { hasText: 'sivu 2.pdf' });
  await second.locator('summary').click();
  await second.locator('input[type=file]').setInputFiles({ name: 'uusi.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await second.getByRole('button', { name: w.replace, exact: true }).click();
  await expect(page.locator('.pt-notification-banner--success')).toContainText(w.replaced);
  await expect(section.getByRole('link', { name: 'uusi.pdf' })).toBeVisible();
  await expect(section.getByRole('link', { name: 'sivu 2.pdf' })).toHaveCount(0);
  await expect(section.locator('.pt-attachment')).toHaveCount(3);
  await section.locator('.pt-attachment', { hasText: 'sivu 3.pdf' }).getByRole('button', { name: w.delete }).click();
  await expect(page.locator('.pt-notification-banner--success')).toContainText(w.deleted);
  await expect(section.locator('.pt-attachment')).toHaveCount(2);

  // A file that is not a document is refused with its reason, at the field.
  const contract = page.locator('form[action$="/attachments/employment-contract"]');
  await contract.locator('input[type=file]').setInputFiles({ name: 'sopimus.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
  await contract.getByRole('button', { name: w.upload }).click();
  await expect(page.locator('.pt-error-summary')).toContainText(w.type);
  await expect(page.locator('#file-employment-contract-error')).toContainText(w.type);
  if (scripts) {
    const outcome = page.locator('section[aria-labelledby="employment-contract-title"] .pt-upload-progress__file');
    await expect(outcome).toContainText(`sopimus.pdf: ${w.fileFailed} ${w.type}`);
    await expect(page.locator('.pt-error-summary')).toBeFocused();
  }
  // Still missing: the task list says so.
  await page.goto(base);
  await expect(page.locator('.pt-task-list')).toContainText(lang === 'en' ? 'Missing:' : 'Puuttuu:');
});
