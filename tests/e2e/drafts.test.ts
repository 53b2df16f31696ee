// A resident fills an application with no signal, over several sittings: every answer and photo is
// saved as it is entered and is there again after the browser is closed; an invalid NIK is explained
// in both languages and the typed value stays; the review lists answers and the requirements
// checklist; deleting asks first.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { documentPhoto, openStep } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;
let page: Page;
let draftUrl: string;

const MOTHER_NIK = '3529014507900003'; // Kota Sumenep, born 5 July 1990 (45 = 5 + 40: a woman)
const BAD_NIK = '35290112345';

beforeAll(async () => {
  server = await startInProcessServer();
  profileDir = await tempDir('nusa-profile-');
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  // Installed and synced once while in coverage; everything after this runs offline.
  await installApp(page, server.url);
  await context.setOffline(true);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('application drafts, offline', () => {
  it('starts a birth-certificate application and saves every answer and photo as it is entered', async () => {
    await page.goto(`${server.url}/layanan/akta-kelahiran`);
    await page.getByRole('link', { name: 'Ajukan permohonan' }).click();
    await page.getByRole('button', { name: 'Mulai mengisi' }).click();
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
    draftUrl = page.url();

    // The child's details are step 2 of the form, the photos step 3.
    await openStep(page, 'answers');
    await page.getByLabel('Nama lengkap anak').fill('Siti Aminah');
    await page.getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByLabel('Tanggal lahir').fill('2026-10-30');
    await page.getByLabel('NIK ibu').fill(MOTHER_NIK);
    await expectAccessible(page, 'draft form, answers');
    await openStep(page, 'documents');
    const kkField = page.locator('fieldset', { has: page.getByText('Kartu Keluarga (KK)', { exact: false }) }).last();
    await kkField.locator('input[type=file]:not([capture])').setInputFiles({
      name: 'kk.jpg',
      mimeType: 'image/jpeg',
      buffer: await documentPhoto(page, 'KARTU KELUARGA No. 3529010101010001'),
    });
    await expect.poll(() => kkField.locator('img.thumb').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('.save-state').getAttribute('data-state')).toBe('saved');
    await expectAccessible(page, 'draft form, documents');
  });

  it('explains an invalid NIK beside the field in both languages and keeps what was typed', async () => {
    await openStep(page, 'answers');
    const father = page.getByLabel('NIK ayah');
    await father.fill(BAD_NIK);
    await father.blur();
    await expect.poll(() => page.getByText('NIK harus 16 angka.').count()).toBe(1);
    expect(await father.inputValue()).toBe(BAD_NIK);
    expect(await father.getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Bahasa').selectOption('en');
    await expect.poll(() => page.getByText('A NIK has 16 digits.').count()).toBe(1);
    expect(await page.getByLabel("Father's NIK").inputValue()).toBe(BAD_NIK);
    await page.getByLabel('Language').selectOption('id');
    await expect.poll(() => page.locator('.save-state').getAttribute('data-state')).toBe('saved');
  });

  it('has every answer and the photo again after the browser is closed and reopened offline', async () => {
    await context.close();
    context = await openProfile(profileDir, { offline: true });
    page = context.pages()[0] ?? (await context.newPage());

    await page.goto(`${server.url}/permohonan`);
    const card = page.locator('.draft', { hasText: 'Akta kelahiran' });
    // The screen's code and the device database load after the page's load event (the shell shows first).
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.locator('.draft__missing').textContent()).toMatch(/^Belum lengkap \(\d+\): /);
    await expectAccessible(page, '/permohonan');

    await card.getByRole('link', { name: 'Akta kelahiran' }).click();
    await expect.poll(() => page.url()).toBe(draftUrl);
    await openStep(page, 'answers');
    await expect.poll(() => page.getByLabel('Nama lengkap anak').inputValue()).toBe('Siti Aminah');
    expect(await page.getByRole('radio', { name: 'Perempuan' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Tanggal lahir').inputValue()).toBe('2026-10-30');
    expect(await page.getByLabel('NIK ibu').inputValue()).toBe(MOTHER_NIK);
    expect(await page.getByLabel('NIK ayah').inputValue()).toBe(BAD_NIK);
    await openStep(page, 'documents');
    const thumb = page.locator('img.thumb');
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
  });

  it('reviews answers, the requirements checklist and consent, and says why it cannot be sent yet', async () => {
    await openStep(page, 'check');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Periksa permohonan: Akta kelahiran');
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Siti Aminah');
    // The date answer in words, never as ISO text (issue 18, point 7).
    expect(text).toContain('30 Oktober 2026');
    expect(text).not.toContain('2026-10-30');
    expect(text).toContain('NIK harus 16 angka.');
    expect(await page.locator('.check', { hasText: 'Kartu Keluarga (KK)' }).textContent()).toContain(
      'Terlampir (1 berkas).',
    );
    await expectAccessible(page, 'check step');
    // Consent and "Kirim" are the send step's.
    await openStep(page, 'send');
    const send = page.getByRole('button', { name: 'Kirim', exact: true });
    expect(await send.isDisabled()).toBe(true);
    expect(await page.locator('#send-reason').textContent()).toBe(
      'Lengkapi atau perbaiki isian yang ditandai sebelum mengirim.',
    );

    await page.getByRole('checkbox').check();
    // The resident is told when the choice is on the device; from then on a reload keeps it.
    await expect
      .poll(() => page.locator('#consent-title ~ .save-state').textContent())
      .toBe('Tersimpan otomatis di perangkat ini.');
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox').isChecked()).toBe(true);
    await expectAccessible(page, 'send step');
  });

  it('allows several drafts per service and deletes one only after confirmation', async () => {
    await page.goto(`${server.url}/permohonan/baru/akta-kelahiran`);
    await page.getByRole('radio', { name: /Orang lain/ }).check();
    await page.getByLabel('Nama orang tersebut').fill('Pak Hasan');
    await page.getByRole('button', { name: 'Mulai mengisi' }).click();
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
    await page.goto(`${server.url}/permohonan`);
    await expect.poll(() => page.locator('.draft').count()).toBe(2);

    const second = page.locator('.draft', { hasText: 'Pak Hasan' });
    await second.getByRole('button', { name: 'Hapus' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
    expect(await page.locator('.draft').count()).toBe(2);
    await second.getByRole('button', { name: 'Hapus' }).click();
    await expectAccessible(page, 'delete confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Ya, hapus' }).click();
    await expect.poll(() => page.locator('.draft').count()).toBe(1);
    expect(await page.locator('.draft').textContent()).not.toContain('Pak Hasan');
  });
});
