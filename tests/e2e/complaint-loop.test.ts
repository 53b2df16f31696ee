// The whole complaint loop of issue 16 in real Chromium against the built app: a resident files a
// complaint about an office from their installed app; that office's officer reclassifies it (the due
// time on screen changes) and transfers it to the office it concerns (it leaves the list, the
// resident's device shows the new office); that office answers and closes it; the resident sees the
// answer and reopens it; the office finds it open again. axe on every screen involved.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, installedAppPage, openProfile } from '../support/browser.ts';
import { createOfficer } from '../support/office-accounts.ts';
import { tempDir } from '../support/server.ts';

const PASSWORD = 'perahu-talango-2024';
const RAAS = 'kecamatan-raas';
const SAPEKEN = 'kecamatan-sapeken';
const WHAT = 'Petugas di loket meminta uang tambahan agar KTP cepat jadi.';
const ANSWER = 'Pengaduan sudah kami periksa; petugas yang bersangkutan sudah ditegur.';

let server: InProcessServer;
let profileDir: string;
let resident: BrowserContext;
const dirs: string[] = [];
const contexts: BrowserContext[] = [];

async function officerPage(username: string): Promise<Page> {
  const page = await installedAppPage(server.url, 'nusa-complaint-loop-', { dirs, contexts });
  await page.goto(`${server.url}/petugas/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL(`${server.url}/petugas`);
  return page;
}

/** The rows of the office's complaint list, as text, once it has loaded. */
const listedRows = async (page: Page) => {
  await page.goto(`${server.url}/petugas/pengaduan`);
  await expect
    .poll(() => page.locator('table.office-complaints, p:has-text("Tidak ada pengaduan")').count(), { timeout: 15_000 })
    .toBeGreaterThan(0);
  return page.locator('tr.office-complaints__row').allTextContents();
};

beforeAll(async () => {
  server = await startInProcessServer({ staticDir: process.env.NUSA_E2E_DIST || undefined });
  await createOfficer(server.db, 'petugas.raas', PASSWORD, [RAAS], 'Petugas Raas');
  await createOfficer(server.db, 'petugas.sapeken', PASSWORD, [SAPEKEN], 'Petugas Sapeken');
  profileDir = await tempDir('nusa-complaint-resident-');
  resident = await openProfile(profileDir);
  await installApp(resident.pages()[0] ?? (await resident.newPage()), server.url);
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await resident?.close();
  await server?.close();
  for (const d of [...dirs, profileDir]) if (d) await rm(d, { recursive: true, force: true });
});

describe('the complaint loop', () => {
  it('files, reclassifies, transfers, answers, reopens: each side sees each step', async () => {
    // The resident files a complaint about the Ra'as office.
    const phone = resident.pages()[0]!;
    await phone.goto(`${server.url}/pengaduan`);
    await phone.getByRole('radio', { name: 'Sebuah kantor' }).check();
    await phone.locator('#c-office').selectOption(RAAS);
    await phone.locator('#c-what').fill(WHAT);
    await phone.locator('#c-when').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await phone.getByRole('radio', { name: 'Biasa' }).check();
    await phone.locator('#c-name').fill('Siti Aminah');
    await phone.getByRole('button', { name: 'Kirim pengaduan' }).click();
    const mine = phone.locator('.complaint');
    await expect.poll(() => mine.locator('.receipt__number').count(), { timeout: 30_000 }).toBe(1);
    const number = (await mine.locator('.receipt__number').textContent())!;
    const [stored] = await server.db.query<{ id: string }>(
      'select id::text from complaints where tracking_number = $1',
      [number],
    );
    const id = stored!.id;
    await expect
      .poll(() => mine.locator('.complaint__office').textContent(), { timeout: 30_000 })
      .toBe("Kantor Kecamatan Ra'as");

    // Ra'as reclassifies it as misconduct: the due time on screen moves.
    const raas = await officerPage('petugas.raas');
    await raas.goto(`${server.url}/petugas/pengaduan/${id}`);
    await expect.poll(() => raas.locator('h1').textContent()).toBe(`Pengaduan ${number}`);
    const dueBefore = (await raas.locator('.office-complaint__due').textContent())!;
    await raas.getByLabel('Jenis', { exact: true }).selectOption('misconduct');
    await raas.getByRole('button', { name: 'Ubah jenis' }).click();
    await expect.poll(() => raas.locator('.office-move__done').textContent()).toMatch(/^Jenis diubah\./);
    const dueAfter = (await raas.locator('.office-complaint__due').textContent())!;
    expect(dueAfter).not.toBe(dueBefore);
    const [row] = await server.db.query<{ due_at: string; category: string }>(
      'select due_at, category from complaints where id = $1::uuid',
      [id],
    );
    expect(row!.category).toBe('misconduct');
    expect(await raas.locator('.office-complaint__history').textContent()).toContain('Jenis diubah dari');
    await expectAccessible(raas, 'complaint detail after reclassifying');
    // The resident's device shows the new kind.
    await expect
      .poll(() => mine.locator('.complaint__category').textContent(), { timeout: 30_000 })
      .toBe('Pungutan liar atau penyalahgunaan wewenang (60 hari kerja)');

    // Ra'as transfers it to Sapeken: it leaves Ra'as's list; the device shows Sapeken.
    await raas.getByLabel('Kantor', { exact: true }).selectOption(SAPEKEN);
    await raas.getByLabel('Catatan untuk kantor tersebut').fill('Loket yang dimaksud ada di Sapeken.');
    await raas.getByRole('button', { name: 'Alihkan' }).click();
    await expect
      .poll(() => raas.locator('.office-move__done').textContent())
      .toBe('Pengaduan dialihkan ke Kantor Kecamatan Sapeken. Pengaduan tidak lagi ada di daftar kantor ini.');
    await expectAccessible(raas, 'complaint transferred');
    expect((await listedRows(raas)).join()).not.toContain(number);
    await expect
      .poll(() => mine.locator('.complaint__office').textContent(), { timeout: 30_000 })
      .toBe('Kantor Kecamatan Sapeken');

    // Sapeken finds it in its list, answers and closes it.
    const sapeken = await officerPage('petugas.sapeken');
    expect((await listedRows(sapeken)).join()).toContain(number);
    await sapeken.getByRole('link', { name: number }).click();
    await sapeken.waitForURL(`${server.url}/petugas/pengaduan/${id}`);
    await expect.poll(() => sapeken.locator('.office-complaint__history').textContent()).toContain('Dialihkan dari');
    await sapeken.getByLabel('Jawaban untuk pengadu').fill(ANSWER);
    await sapeken.getByLabel('Tutup pengaduan setelah jawaban ini').check();
    await sapeken.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect.poll(() => sapeken.locator('.office-complaint__status').textContent()).toBe('Ditutup');

    // The resident sees the answer, and reopens the complaint.
    await expect.poll(() => mine.locator('.complaint__answers').textContent(), { timeout: 30_000 }).toContain(ANSWER);
    await expect.poll(() => mine.locator('.complaint__status').textContent()).toBe('Selesai');
    await expectAccessible(phone, '/pengaduan with an answered complaint');
    await mine.getByLabel('Tanggapan Anda untuk kantor').fill('Petugas itu masih meminta uang minggu ini.');
    await mine.getByRole('button', { name: 'Buka kembali pengaduan' }).click();
    await expect
      .poll(() => mine.locator('.complaint__respond [role=status]').textContent())
      .toBe('Terkirim ke kantor.');
    await expect
      .poll(() => mine.locator('.complaint__status').textContent(), { timeout: 30_000 })
      .toBe('Sedang ditangani');
    await expect.poll(() => mine.locator('.complaint__history').textContent()).toContain('Anda membuka kembali');

    // Sapeken finds it open again, with the resident's words in its history.
    const again = (await listedRows(sapeken)).find((r) => r.includes(number));
    expect(again).toContain('Belum dijawab');
    await sapeken.goto(`${server.url}/petugas/pengaduan/${id}`);
    await expect.poll(() => sapeken.locator('.office-complaint__status').textContent()).toBe('Belum dijawab');
    expect(await sapeken.locator('.office-complaint__history').textContent()).toContain(
      'Petugas itu masih meminta uang minggu ini.',
    );
    await expectAccessible(sapeken, 'reopened complaint');
  });
});
