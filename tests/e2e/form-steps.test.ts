// The resident's form in five steps on a 360 × 740 phone, offline (issue #18 point 3): the progress
// indicator ("Langkah n dari 5", the current step marked aria-current="step"), Next stopping at a
// step's errors with an error summary whose links reach the fields, Back and the browser's history
// moving between steps without losing an answer or a photo, a reload landing on the same step, the
// documents as one block with a live checklist, the check step's change links, and the send step
// saying what happens offline. Every step passes the strict axe check and the 44 px target check.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldSteps } from '../../src/domain/forms/steps.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { documentPhoto, fillForm } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';
import { targetSizes } from '../support/targets.ts';

const SERVICE = SEED_SERVICES.find((s) => s.id === 'akta-kelahiran')!;
const STEP_OF = fieldSteps(SERVICE.form);
const KK = '3529010101200001';
const PHONE = '081234567890';

let server: InProcessServer;
let dir: string;
let context: BrowserContext;
let page: Page;
let draftPath: string;

beforeAll(async () => {
  server = await startInProcessServer();
  dir = await tempDir('nusa-steps-');
  context = await openProfile(dir, { viewport: { width: 360, height: 740 } });
  page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
  await context.setOffline(true);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The step now shown, as the progress indicator says it. */
async function expectStep(n: number, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Langkah pengisian' });
  await expect.poll(() => nav.locator('[aria-current="step"]').textContent()).toContain(name);
  expect(await nav.locator('.steps__count').textContent()).toBe(`Langkah ${n} dari 5`);
  expect(await nav.locator('ol > li').count()).toBe(5);
  expect(await nav.locator('[aria-current]').count()).toBe(1);
}

/** The strict axe check and the 44 px targets of the step on screen. */
async function checkScreen(screen: string): Promise<void> {
  await expectAccessible(page, screen);
  const sizes = await targetSizes(page);
  expect(sizes.measured).toBeGreaterThan(0);
  expect(sizes.small, screen).toEqual([]);
}

const next = () => page.getByRole('button', { name: 'Lanjut', exact: true }).click();
const back = () => page.getByRole('link', { name: 'Kembali', exact: true }).click();
const kkPhoto = () => page.locator('fieldset', { has: page.locator('#f-kkDoc') }).locator('img.thumb');

describe('the resident’s form in steps', () => {
  it('starts on step 1, the applicant, and goes on with Next', async () => {
    await page.goto(`${server.url}/permohonan/baru/${SERVICE.id}`);
    await page.getByRole('button', { name: 'Mulai mengisi' }).click();
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
    draftPath = new URL(page.url()).pathname;
    await expectStep(1, 'Pemohon');
    expect(await page.locator('h1').textContent()).toBe('Data pemohon');
    expect(await page.getByText('Permohonan ini untuk diri Anda sendiri.').count()).toBe(1);
    // Only the applicant's fields: none of the service's questions or documents.
    expect(await page.getByLabel('Nama lengkap anak').count()).toBe(0);
    expect(await page.locator('#f-kkDoc').count()).toBe(0);
    await page.getByLabel('Nomor KK').fill(KK);
    await page.getByLabel('Nomor HP/WhatsApp').fill(PHONE);
    await checkScreen('step 1, applicant');
    await next();
    await page.waitForURL(`${server.url}${draftPath}/isian`);
    await expectStep(2, 'Isian');
  });

  it('stops Next at a missing required answer with an error summary that links to the field', async () => {
    await page.getByLabel('Nama lengkap anak').fill('Siti Aminah');
    await next();
    const summary = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
    await summary.waitFor();
    // Still step 2, the summary focused, each error a link in Indonesian.
    expect(new URL(page.url()).pathname).toBe(`${draftPath}/isian`);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const sexError = summary.getByRole('link', { name: /^Jenis kelamin anak: / });
    expect(await sexError.count()).toBe(1);
    expect(await summary.getByRole('link', { name: /^NIK ibu: / }).count()).toBe(1);
    expect(await summary.getByRole('link', { name: /^Nama lengkap anak/ }).count()).toBe(0);
    await sexError.click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('childSex');
    await checkScreen('step 2, answers, with errors');
    // A resident may still go back with errors on the step.
    await back();
    await expectStep(1, 'Pemohon');
    expect(await page.getByLabel('Nomor KK').inputValue()).toBe(KK);
    await next();
    await expectStep(2, 'Isian');
    expect(await page.getByLabel('Nama lengkap anak').inputValue()).toBe('Siti Aminah');
  });

  it('fills the answers, then the documents as one block with a live checklist', async () => {
    const answersOnly = SERVICE.form.fields.filter((f) => STEP_OF.get(f.key) === 'answers' && f.key !== 'childName');
    // fillForm fills each step through the progress indicator and ends on the check step.
    await fillForm(page, { ...SERVICE.form, fields: answersOnly }, { documents: false });
    await expectStep(4, 'Periksa');
    await page
      .getByRole('navigation', { name: 'Langkah pengisian' })
      .getByRole('link', { name: /^Dokumen/ })
      .click();
    await page.waitForURL(`${server.url}${draftPath}/dokumen`);
    await expectStep(3, 'Dokumen');
    // Steps 1 and 2 are done: ticked, and said so to a screen reader.
    const nav = page.getByRole('navigation', { name: 'Langkah pengisian' });
    expect(await nav.getByRole('link', { name: 'Pemohon (selesai)' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Isian (selesai)' }).count()).toBe(1);

    const block = page.locator('section.documents-block');
    expect(await block.locator('input[type=file]').count()).toBeGreaterThanOrEqual(6);
    const kkItem = block.locator('.checklist li', { hasText: 'Kartu Keluarga' });
    expect(await kkItem.textContent()).toContain('Belum dilampirkan.');
    await page.locator('#f-kkDoc').setInputFiles({
      name: 'kk.jpg',
      mimeType: 'image/jpeg',
      buffer: await documentPhoto(page, `KARTU KELUARGA ${KK}`),
    });
    await kkPhoto().first().waitFor({ timeout: 30_000 });
    await expect.poll(() => kkItem.textContent()).toContain('Terlampir (1 berkas).');
    await checkScreen('step 3, documents');
  });

  it('keeps every answer and photo through Back, the browser’s history and Next', async () => {
    await back();
    await expectStep(2, 'Isian');
    expect(await page.getByLabel('Nama lengkap anak').inputValue()).toBe('Siti Aminah');
    expect(await page.getByRole('radio', { name: 'Perempuan' }).isChecked()).toBe(true);
    await back();
    await expectStep(1, 'Pemohon');
    expect(await page.getByLabel('Nomor HP/WhatsApp').inputValue()).toBe(PHONE);
    await page.goBack();
    await expectStep(2, 'Isian');
    await page.goBack();
    await expectStep(3, 'Dokumen');
    expect(await kkPhoto().count()).toBe(1);
    await page.goForward();
    await expectStep(2, 'Isian');
    expect(await page.getByLabel('Nama lengkap anak').inputValue()).toBe('Siti Aminah');
    await next();
    await expectStep(3, 'Dokumen');
    await kkPhoto().first().waitFor();
  });

  it('lands on step 3 again after a reload, with everything there', async () => {
    await page.reload();
    expect(new URL(page.url()).pathname).toBe(`${draftPath}/dokumen`);
    await expectStep(3, 'Dokumen');
    await kkPhoto().first().waitFor();
    expect(await page.locator('.checklist li', { hasText: 'Kartu Keluarga' }).textContent()).toContain(
      'Terlampir (1 berkas).',
    );
    // The other documents, then Next: the check step lists every answer.
    const otherDocs = SERVICE.form.fields.filter((f) => f.kind === 'document' && f.key !== 'kkDoc');
    await fillForm(page, { ...SERVICE.form, fields: otherDocs }, { documents: true });
    await page
      .getByRole('navigation', { name: 'Langkah pengisian' })
      .getByRole('link', { name: /^Dokumen/ })
      .click();
    await expectStep(3, 'Dokumen');
    await next();
    await page.waitForURL(`${server.url}${draftPath}/tinjau`);
    await expectStep(4, 'Periksa');
    const answers = page.locator('dl.answers');
    expect(await answers.textContent()).toContain('Siti Aminah');
    expect(await answers.textContent()).toContain(KK);
    expect(await answers.textContent()).toContain(PHONE);
  });

  it('links each answer on the check step back to its step', async () => {
    const row = page.locator('.answer', { hasText: 'Nama lengkap anak' });
    await row.getByRole('link', { name: 'Ubah Nama lengkap anak' }).click();
    await page.waitForURL(`${server.url}${draftPath}/isian`);
    await expectStep(2, 'Isian');
    expect(await page.getByLabel('Nama lengkap anak').inputValue()).toBe('Siti Aminah');
    await page.goBack();
    await expectStep(4, 'Periksa');
    await page.locator('.answer', { hasText: 'Nomor KK' }).getByRole('link', { name: 'Ubah Nomor KK' }).click();
    await expectStep(1, 'Pemohon');
    await page.goBack();
    await expectStep(4, 'Periksa');
    expect(await page.getByText(/perlu dilengkapi atau diperbaiki/).count()).toBe(0);
    await checkScreen('step 4, check');
  });

  it('says on the send step exactly what happens offline, and sends', async () => {
    await page.getByRole('link', { name: 'Lanjut ke pengiriman' }).click();
    await page.waitForURL(`${server.url}${draftPath}/kirim`);
    await expectStep(5, 'Kirim');
    const offline = page.locator('section.send-offline');
    const text = await offline.textContent();
    expect(text).toContain('Permohonan dan foto dokumen langsung disimpan di perangkat ini.');
    // Chromium has Background Sync: the service worker sends with the app closed.
    expect(text).toContain('terkirim otomatis satu kali saja, walaupun aplikasi sudah ditutup');
    expect(text).toContain('Nomor pelacakan dari kantor muncul setelah permohonan sampai di server.');
    const send = page.getByRole('button', { name: 'Kirim', exact: true });
    expect(await send.isDisabled()).toBe(true);
    await page.getByRole('checkbox').check();
    await checkScreen('step 5, send');
    await expect.poll(() => send.isDisabled()).toBe(false);
    await send.click();
    await expect.poll(() => page.locator('.state').first().textContent()).toMatch(/^Menunggu sinyal/);
  });
});
