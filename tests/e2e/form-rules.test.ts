// The form rules on a resident's phone, offline, in real Chromium (issue 17): a birth certificate with
// the SPTJM instead of the birth letter is complete and its review asks for nothing more, and without
// either it cannot be sent; choosing "Hilang" on the KTP-el replacement shows and requires the police
// report; a 2015 birth date with a 1990 NIK is caught as it is typed; an unknown region code can be
// confirmed. Every screen passes axe.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { documentPhoto, openStep, VALID } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startInProcessServer();
  profileDir = await tempDir('nusa-rules-');
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
  await context.setOffline(true);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

async function start(slug: string): Promise<void> {
  await page.goto(`${server.url}/permohonan/baru/${slug}`);
  await page.getByRole('button', { name: 'Mulai mengisi' }).click();
  await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
}

/** The fieldset of a document field, by the start of its label. */
const documentField = (label: string): Locator =>
  page.locator('fieldset.field', { has: page.locator('legend', { hasText: label }) });

async function attach(label: string): Promise<void> {
  const field = documentField(label);
  await field.locator('input[type=file]:not([capture])').setInputFiles({
    name: `${label.slice(0, 12)}.jpg`,
    mimeType: 'image/jpeg',
    buffer: await documentPhoto(page, label),
  });
  await expect.poll(() => field.locator('img.thumb').count(), { timeout: 30_000 }).toBe(1);
}

const saved = () => expect.poll(() => page.locator('.save-state').getAttribute('data-state')).toBe('saved');
const checklist = async () => (await page.locator('.checklist').innerText()).replace(/\s+/g, ' ');

describe('requirement groups: a birth certificate', () => {
  it('cannot be sent with neither the birth letter nor its SPTJM', async () => {
    await start('akta-kelahiran');
    await openStep(page, 'answers');
    await page.getByLabel('Nama lengkap anak').fill('Nur Aini');
    await page.getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByLabel('Tanggal lahir').fill('2026-10-30');
    await page.getByLabel('Tempat lahir (desa/kota)').fill('Desa Gayam');
    await page.getByRole('radio', { name: 'Bidan atau perawat' }).check();
    await page.getByLabel('Anak ke-').fill('1');
    await page.getByLabel('NIK ibu').fill(VALID.nik);
    await openStep(page, 'applicant');
    await page.getByLabel('Nomor KK').fill(VALID.kk);
    await page.getByLabel('Nomor HP/WhatsApp').fill(VALID.phone);
    await openStep(page, 'documents');
    await attach('Kartu Keluarga (KK)');
    await attach('KTP-el ayah dan ibu');
    await attach('Buku nikah atau kutipan akta perkawinan');
    // The alternatives are one box that says any one of them is enough.
    const group = page.locator('fieldset.requirement-group', {
      has: page.getByText('Surat keterangan kelahiran dari'),
    });
    expect(await group.locator('legend').first().textContent()).toBe('Cukup salah satu dari dokumen berikut');
    await saved();
    await expectAccessible(page, 'birth certificate form with groups');

    await openStep(page, 'check');
    expect(await checklist()).toContain(
      'Belum dilampirkan: lampirkan salah satu, Surat keterangan kelahiran dari rumah sakit, Puskesmas, dokter, bidan, nakhoda kapal, atau kepala desa atau SPTJM kebenaran data kelahiran.',
    );
    await openStep(page, 'send');
    await page.getByRole('checkbox').check();
    expect(await page.getByRole('button', { name: 'Kirim', exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('#send-reason').textContent()).toBe(
      'Lengkapi atau perbaiki isian yang ditandai sebelum mengirim.',
    );
  });

  it('is complete with the SPTJM instead of the birth letter, and the review asks for nothing more', async () => {
    await openStep(page, 'documents');
    await attach('SPTJM kebenaran data kelahiran');
    await saved();
    await openStep(page, 'check');
    const text = await checklist();
    expect(text).toContain('SPTJM kebenaran data kelahiran Terlampir (1 berkas).');
    // The alternative not used is not asked for, neither to attach nor to bring.
    expect(text).not.toContain('Surat keterangan kelahiran');
    expect(text).not.toContain('Belum dilampirkan');
    expect(text).not.toContain('Tidak dilampirkan');
    expect(text).not.toContain('SPTJM kebenaran sebagai pasangan suami istri');
    await openStep(page, 'send');
    expect(await page.locator('#send-reason').textContent()).not.toBe(
      'Lengkapi atau perbaiki isian yang ditandai sebelum mengirim.',
    );
    const send = page.getByRole('button', { name: 'Kirim', exact: true });
    await expect.poll(() => send.isDisabled()).toBe(false);
    await expectAccessible(page, 'birth certificate review');
    await send.click();
    await expect.poll(() => page.locator('.state').first().textContent()).toMatch(/^Menunggu sinyal/);
  });
});

describe('relevance: a lost KTP-el', () => {
  it('shows and requires the police report only when "Hilang" is chosen', async () => {
    await start('ktp-el-hilang-rusak');
    const police = documentField('Surat keterangan kehilangan dari kepolisian');
    const damaged = documentField('KTP-el yang rusak');
    await openStep(page, 'documents');
    expect(await police.count()).toBe(0);
    expect(await damaged.count()).toBe(0);

    await openStep(page, 'answers');
    await page.getByRole('radio', { name: 'Hilang' }).check();
    await saved();
    await openStep(page, 'documents');
    await expect.poll(() => police.count()).toBe(1);
    expect(await police.locator('legend').textContent()).toContain('(wajib)');
    expect(await damaged.count()).toBe(0);

    await openStep(page, 'applicant');
    await page.getByLabel('NIK pemohon').fill(VALID.nik);
    await page.getByLabel('Nama lengkap sesuai KK').fill('Siti Aminah');
    await page.getByLabel('Nomor KK').fill(VALID.kk);
    await page.getByLabel('Nomor HP/WhatsApp').fill(VALID.phone);
    await openStep(page, 'documents');
    await attach('Kartu Keluarga (KK)');
    await saved();
    await openStep(page, 'check');
    expect(await checklist()).toContain('Surat keterangan kehilangan dari kepolisian Belum dilampirkan.');
    await openStep(page, 'send');
    await page.getByRole('checkbox').check();
    expect(await page.getByRole('button', { name: 'Kirim', exact: true }).isDisabled()).toBe(true);

    await openStep(page, 'documents');
    await attach('Surat keterangan kehilangan dari kepolisian');
    await saved();
    await openStep(page, 'check');
    expect(await checklist()).not.toContain('KTP-el yang rusak');
    await openStep(page, 'send');
    await expect.poll(() => page.getByRole('button', { name: 'Kirim', exact: true }).isDisabled()).toBe(false);

    // Changing the reason asks for the damaged card instead.
    await openStep(page, 'answers');
    await page.getByRole('radio', { name: 'Rusak' }).check();
    await saved();
    await openStep(page, 'documents');
    await expect.poll(() => police.count()).toBe(0);
    expect(await damaged.count()).toBe(1);
    await expectAccessible(page, 'KTP-el replacement form');
  });
});

describe('identity cross-checks as the resident types', () => {
  it('catches a 2015 birth date with a 1990 NIK before the field is left, in both languages', async () => {
    await start('ktp-el-baru');
    await page.getByLabel('NIK pemohon').fill(VALID.nik); // a woman born 5 July 1990 (step 1)
    await saved();
    await openStep(page, 'answers');
    const date = page.getByLabel('Tanggal lahir');
    await date.fill('2015-03-01');
    const message =
      'Tanggal lahir tidak sama dengan tanggal lahir dalam NIK (angka ke-7 sampai ke-12). Periksa keduanya.';
    await expect.poll(() => page.getByText(message).count()).toBe(1);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await date.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByLabel('Bahasa').selectOption('en');
    await expect
      .poll(() =>
        page.getByText('The date of birth differs from the one in the NIK (digits 7 to 12). Check both.').count(),
      )
      .toBe(1);
    await page.getByLabel('Language').selectOption('id');

    await date.fill('1990-07-05');
    await expect.poll(() => page.getByText(message).count()).toBe(0);
    // Under 17 the marriage document is asked for; 36 years old it is not.
    await saved();
    await openStep(page, 'documents');
    expect(await page.locator('#f-kkDoc').count()).toBe(1);
    expect(await documentField('Buku nikah').count()).toBe(0);
    await openStep(page, 'answers');
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await expect.poll(() => page.getByText('Jenis kelamin tidak sama dengan NIK', { exact: false }).count()).toBe(1);
    await expectAccessible(page, 'KTP-el form with a cross-check error');
  });

  it('lets the resident confirm a number whose region code is not in today’s list', async () => {
    await openStep(page, 'applicant');
    const nik = page.getByLabel('NIK pemohon');
    await nik.fill('9999014507900003');
    await nik.blur();
    await expect
      .poll(() => page.getByText('tidak ada dalam daftar kode kecamatan saat ini', { exact: false }).count())
      .toBe(1);
    await page.getByLabel('Nomor ini sudah benar, sesuai kartu saya', { exact: false }).check();
    await expect
      .poll(() => page.getByText('tidak ada dalam daftar kode kecamatan saat ini', { exact: false }).count())
      .toBe(0);
    expect(await nik.getAttribute('aria-invalid')).toBeNull();
    // A retired code is accepted with today's beside it.
    await nik.fill('9101014507900003');
    await expect
      .poll(() => page.getByText('Kode wilayah 91.01.01 sudah diganti menjadi 93.01.01', { exact: false }).count())
      .toBe(1);
  });
});

describe('a resident without a NIK (penduduk rentan, Permendagri 96/2019)', () => {
  it('choosing "Belum punya NIK" asks for the biodata instead of the NIK, on a form that fits the phone', async () => {
    await start('kartu-keluarga');
    // The reason, and the NIK that depends on it, are step 2 of the form.
    await openStep(page, 'answers');
    // A long option in "Jenis permohonan" must not widen the form past the phone's screen.
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);

    const group = page.locator('fieldset.field', {
      has: page.locator('legend', { hasText: 'Keadaan yang membuat belum terdaftar' }),
    });
    await page.getByLabel('Jenis permohonan').selectOption('ubah-data');
    await expect.poll(() => page.getByLabel('NIK kepala keluarga').count()).toBe(1);
    expect(await group.count()).toBe(0);

    await page.getByLabel('Jenis permohonan').selectOption('penduduk-rentan');
    await expect.poll(() => group.count()).toBe(1);
    expect(await group.locator('legend').textContent()).toContain('(wajib)');
    expect(await page.getByLabel('NIK kepala keluarga').count()).toBe(0);
    expect(await page.getByLabel('Nama ibu kandung').count()).toBe(1);
    expect(await overflow()).toBe(0);
    // A long option wraps beside its radio button; the button keeps its full size.
    const widths = await group
      .getByRole('radio')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    expect(widths).toHaveLength(5);
    expect(new Set(widths)).toEqual(new Set([24]));
    await expectAccessible(page, 'family card form for a resident without a NIK');
  });
});
