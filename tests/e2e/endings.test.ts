// Every application reaches an end (issue 16, points 1 and 2) in real Chromium: a walk-in sent back
// for correction has the correction recorded at the counter by the officer (new answers and a new
// photo of the document) and is then completed; a resident withdraws an application from their
// phone; one left in needs-correction past the office's period is abandoned after the resident was
// told on their device; a birth certificate received at a kecamatan, which may not issue it, is forwarded to
// Disdukcapil, leaves the kecamatan's queue for Disdukcapil's, and the resident sees where it is.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAbandoned } from '../../src/server/applications/abandon.ts';
import { SEED_OFFICES } from '../../src/server/catalogue/seed/offices.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { createWalkIn } from '../../src/server/office/counter.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installedAppPage } from '../support/browser.ts';
import { documentPhoto, fillForm, queueApplication } from '../support/fill-form.ts';
import { createOfficer } from '../support/office-accounts.ts';
import { jpegPhoto, uploadPhoto } from '../support/photos.ts';
import { birthApplication } from '../support/records.ts';

const PASSWORD = 'kantor-talango-2026';
const VILLAGE = 'desa-talango';
const KECAMATAN = 'kecamatan-raas';
const DISDUKCAPIL = 'disdukcapil-sumenep';
const officeName = (id: string) => SEED_OFFICES.find((o) => o.id === id)!.name.id;
const queueRow = (page: Page, number: string) => page.locator('tr.office-queue__row', { hasText: number });

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/petugas`);
  await page.waitForURL(/\/petugas\/masuk/);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL(`${server.url}/petugas`);
}

/** Ends whatever session the page had (another officer's), so the next sign-in starts clean. */
async function signOut(page: Page): Promise<void> {
  await page.context().clearCookies();
}

let server: InProcessServer;
const dirs: string[] = [];
const contexts: BrowserContext[] = [];
let resident: Page;
let officer: Page;

const appPage = (): Promise<Page> => installedAppPage(server.url, 'nusa-endings-', { dirs, contexts });

const stored = async (id: string) =>
  (
    await server.db.query<{
      status: string;
      answers: Record<string, unknown>;
      attachments: Record<string, Array<{ sha256: string }>>;
    }>('select status, answers, attachments from applications where id = $1', [id])
  )[0];

beforeAll(async () => {
  server = await startInProcessServer();
  resident = await appPage();
  officer = await appPage();
  await createOfficer(server.db, 'petugas.desa', PASSWORD, [VILLAGE], 'Petugas Desa');
  await createOfficer(server.db, 'petugas.kecamatan', PASSWORD, [KECAMATAN], 'Petugas Kecamatan');
  await createOfficer(server.db, 'petugas.dukcapil', PASSWORD, [DISDUKCAPIL], 'Petugas Dukcapil');
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('every application reaches an end', () => {
  it('a walk-in sent back for correction is corrected at the counter by the officer, then completed', async () => {
    await signIn(officer, 'petugas.desa');

    // The walk-in, entered at the counter with photos of the documents.
    const letter = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;
    await officer.goto(`${server.url}/petugas/loket`);
    await officer.getByLabel('Kantor loket').selectOption(VILLAGE);
    await officer.getByLabel('Layanan', { exact: true }).selectOption(letter.id);
    await fillForm(officer, letter.form.fields, { documents: true });
    await officer.getByLabel('Warga setuju datanya diproses untuk layanan ini.').check();
    await officer.getByRole('button', { name: 'Simpan dan cetak tanda terima' }).click();
    const number = officer.locator('.office-receipt__number');
    await expect.poll(() => number.count(), { timeout: 30_000 }).toBe(1);
    const trackingNumber = (await number.textContent())!;
    const [row] = await server.db.query<{ id: string }>('select id from applications where tracking_number = $1', [
      trackingNumber,
    ]);
    const id = row!.id;
    const before = (await stored(id))!;

    // Sent back: the KK photo is unreadable and the agency is wrong.
    await officer.goto(`${server.url}/petugas/permohonan/${id}`);
    const status = officer.locator('.office-detail__status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Diterima');
    await officer.getByLabel('Sedang diverifikasi').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Sedang diverifikasi');
    await officer.getByLabel('Perlu perbaikan').check();
    await officer.getByLabel(/Pesan untuk warga/).fill('Foto KK buram dan instansi tujuan salah.');
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Perlu perbaikan');

    // The resident comes back to the counter: the officer records the correction there.
    await officer.getByRole('button', { name: 'Catat perbaikan di loket' }).click();
    const recipient = officer.locator('#f-recipient');
    await expect.poll(() => recipient.inputValue()).toBe('Siti Aminah');
    await recipient.fill('Polres Sumenep');
    const kkField = letter.form.fields.find((f) => f.kind === 'document' && f.key === 'kkDoc')!;
    const kkInput = officer.locator(`#f-${kkField.key}`);
    const fieldset = officer.locator('fieldset', { has: kkInput });
    await expect.poll(() => fieldset.textContent()).toContain('Sudah tersimpan di server: kkDoc.jpg');
    await fieldset.getByRole('button', { name: 'Hapus kkDoc.jpg' }).click();
    await kkInput.setInputFiles({
      name: 'kk-jelas.jpg',
      mimeType: 'image/jpeg',
      buffer: await documentPhoto(officer, 'KK 3529010101200001 jelas'),
    });
    await fieldset.locator('img.thumb').first().waitFor({ timeout: 30_000 });
    await officer.getByLabel('Catatan untuk warga (tidak wajib)').first().fill('KK asli sudah diperiksa di loket.');
    await expectAccessible(officer, 'counter correction form');
    await officer.getByRole('button', { name: 'Simpan perbaikan' }).click();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Sedang diverifikasi');
    expect(await officer.locator('.office-history').textContent()).toContain('Perbaikan dicatat di loket.');
    expect(await officer.getByRole('button', { name: 'Catat perbaikan di loket' }).count()).toBe(0);

    const after = (await stored(id))!;
    expect(after.answers.recipient).toBe('Polres Sumenep');
    expect(after.attachments.kkDoc).toHaveLength(1);
    const newKk = after.attachments.kkDoc![0]!.sha256;
    expect(newKk).not.toBe(before.attachments.kkDoc![0]!.sha256);
    const [upload] = await server.db.query<{ complete: boolean }>('select complete from uploads where sha256 = $1', [
      newKk,
    ]);
    expect(upload).toEqual({ complete: true });
    const [audit] = await server.db.query<{ detail: { changedFields: string[] } }>(
      `select detail from audit_log where action = 'application.counter-correction' and target_id = $1`,
      [id],
    );
    expect(audit!.detail.changedFields).toEqual(['kkDoc', 'recipient']);
    // Nothing of the resident stays on the counter's device.
    const left = await officer.evaluate(
      (hash) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('nusalayan-files');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('files', 'readonly').objectStore('files').count(hash);
            req.onsuccess = () => resolve(req.result);
          };
        }),
      newKk,
    );
    expect(left).toBe(0);

    // And on to the end, as any application.
    await officer.getByLabel('Sedang diproses').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Sedang diproses');
    await officer.getByLabel('Siap diambil').check();
    await officer.getByLabel('Tempat pengambilan').fill('Loket 1 Kantor Desa Talango');
    await officer.getByLabel(/Bisa diambil mulai/).fill('2026-11-25T08:00');
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Siap diambil');
    await officer.getByLabel('Selesai').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Selesai');
    expect((await stored(id))!.status).toBe('completed');
  });

  it('a resident withdraws an application from their phone', async () => {
    await resident.context().setOffline(true);
    const id = await queueApplication(resident, server.url, 'pendaftaran-puskesmas');
    await resident.context().setOffline(false);
    const officeStatus = resident.locator('.office-update__status');
    await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Diterima');

    await resident.getByRole('button', { name: 'Batalkan permohonan ini' }).click();
    expect(await resident.locator('.withdraw').textContent()).toContain('tidak bisa dilanjutkan lagi');
    await expectAccessible(resident, 'withdraw confirmation');
    await resident.getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect
      .poll(() => resident.getByRole('status').filter({ hasText: 'Permohonan sudah dibatalkan.' }).count())
      .toBe(1);
    expect((await stored(id))!.status).toBe('withdrawn');
    // The device pulls the final state: shown as such, and nothing more to withdraw.
    await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Dibatalkan pemohon');
    await resident.reload();
    await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Dibatalkan pemohon');
    expect(await resident.getByRole('button', { name: 'Batalkan permohonan ini' }).count()).toBe(0);
    await expectAccessible(resident, 'withdrawn application');
  });

  it('an application left awaiting a correction is abandoned after the resident was told on their phone', async () => {
    await resident.context().setOffline(true);
    const id = await queueApplication(resident, server.url, 'pendaftaran-puskesmas');
    await resident.context().setOffline(false);
    await expect.poll(async () => (await stored(id))?.status, { timeout: 30_000 }).toBe('received');
    const officer = { accountId: null, role: 'officer' };
    expect((await moveApplication(server.db, 'all', id, { to: 'verifying' }, officer)).ok).toBe(true);
    const message = 'Nama pasien harus sesuai KTP, mohon diperbaiki.';
    expect((await moveApplication(server.db, 'all', id, { to: 'needs-correction', message }, officer)).ok).toBe(true);
    const correction = resident.locator('.office-update--correction');
    await expect.poll(() => correction.textContent(), { timeout: 30_000 }).toContain(message);

    // The office waits 30 days by default and tells the resident 7 days before: the server's clock
    // is moved on by passing the sweep a later time.
    const DAY = 24 * 60 * 60_000;
    const start = Date.now();
    expect(await sweepAbandoned(server.db, new Date(start + 23 * DAY + 60_000))).toMatchObject({ noticed: 1 });
    const deadline = resident.locator('.office-update__deadline');
    await expect
      .poll(() => deadline.textContent(), { timeout: 30_000 })
      .toMatch(/^Jika tidak diperbaiki sampai .+, permohonan ini gugur\.$/);
    expect(await resident.locator('.office-update__status').count()).toBe(0);
    await expectAccessible(resident, 'abandonment notice');

    expect(await sweepAbandoned(server.db, new Date(start + 30 * DAY + 10 * 60_000))).toMatchObject({ abandoned: 1 });
    expect((await stored(id))!.status).toBe('abandoned');
    await expect
      .poll(() => resident.locator('.office-update__status').textContent(), { timeout: 30_000 })
      .toBe('Gugur (tidak diperbaiki tepat waktu)');
    expect(await resident.getByRole('button', { name: 'Perbaiki permohonan' }).count()).toBe(0);
    expect(await resident.getByRole('button', { name: 'Batalkan permohonan ini' }).count()).toBe(0);
  });

  it('a birth certificate received at a kecamatan is forwarded to Disdukcapil, which issues it; the resident sees where it is', async () => {
    // A walk-in at the kecamatan's counter, with photos of the documents.
    const kk = jpegPhoto('kk.jpg');
    const ktp = jpegPhoto('ktp.jpg');
    for (const p of [kk, ktp]) expect((await uploadPhoto(server.app, p)).complete).toBe(true);
    const { serviceId, formVersion, answers, attachments } = birthApplication(kk.ref, ktp.ref);
    const walkIn = await createWalkIn(
      server.db,
      KECAMATAN,
      { accountId: null, role: 'officer' },
      {
        serviceId,
        formVersion,
        applicant: { kind: 'resident', name: 'Siti Aminah' },
        answers,
        attachments,
        consent: true,
      },
    );
    if (!walkIn.ok) throw new Error(JSON.stringify(walkIn));
    const { id, trackingNumber } = walkIn;

    await signOut(officer);
    await signIn(officer, 'petugas.kecamatan');
    await expect.poll(() => queueRow(officer, trackingNumber).count(), { timeout: 15_000 }).toBe(1);
    await queueRow(officer, trackingNumber).getByRole('link').click();
    await officer.waitForURL(`${server.url}/petugas/permohonan/${id}`);
    const status = officer.locator('.office-detail__status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Diterima');
    await officer.getByLabel('Sedang diverifikasi').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Sedang diverifikasi');
    await officer.getByLabel('Sedang diproses').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Sedang diproses');

    // The kecamatan may not issue it: the screen offers no "ready", and the server refuses it.
    expect(await officer.locator('section[aria-labelledby="move-title"]').textContent()).not.toContain('Siap diambil');
    expect(await officer.locator('.office-forward').textContent()).toContain('tidak berwenang menerbitkannya');
    expect(
      await moveApplication(
        server.db,
        [KECAMATAN],
        id,
        { to: 'ready', pickup: { place: "Kantor Kecamatan Ra'as", from: '2026-12-07T08:00:00+07:00' } },
        { accountId: null, role: 'officer' },
      ),
    ).toEqual({ ok: false, error: 'may_not_issue', issuedBy: ['disdukcapil', 'mpp'] });
    await expectAccessible(officer, 'forward form');

    await officer.getByLabel('Kantor tujuan').selectOption(DISDUKCAPIL);
    await officer.locator('#forward-note').fill('Diteruskan ke Disdukcapil untuk penerbitan akta.');
    await officer.getByRole('button', { name: 'Teruskan permohonan' }).click();
    await expect
      .poll(() => officer.getByRole('status').filter({ hasText: 'Permohonan diteruskan ke' }).textContent(), {
        timeout: 15_000,
      })
      .toContain(officeName(DISDUKCAPIL));

    // Gone from the kecamatan's open queue.
    await officer.getByRole('link', { name: 'Kembali ke antrean' }).click();
    await officer.waitForURL(`${server.url}/petugas`);
    await expect.poll(() => officer.getByText('Tidak ada permohonan yang cocok.').count(), { timeout: 15_000 }).toBe(1);
    expect(await queueRow(officer, trackingNumber).count()).toBe(0);

    // In Disdukcapil's, with its photos and its history; Disdukcapil issues it.
    await signOut(officer);
    await signIn(officer, 'petugas.dukcapil');
    await expect.poll(() => queueRow(officer, trackingNumber).count(), { timeout: 15_000 }).toBe(1);
    await queueRow(officer, trackingNumber).getByRole('link').click();
    await officer.waitForURL(`${server.url}/petugas/permohonan/${id}`);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Sedang diproses');
    expect(await officer.locator('.office-history').textContent()).toContain(
      `Diteruskan dari ${officeName(KECAMATAN)} ke ${officeName(DISDUKCAPIL)}.`,
    );
    // The photos went with it: Disdukcapil's officer reads them.
    for (const p of [kk, ktp]) {
      const file = await officer.request.get(`${server.url}/api/office/applications/${id}/files/${p.ref.sha256}`);
      expect(file.status()).toBe(200);
      expect(Buffer.from(await file.body()).equals(p.bytes)).toBe(true);
    }
    expect(await officer.locator('.office-forward').count()).toBe(0);
    await officer.getByLabel('Siap diambil').check();
    await officer.getByLabel('Tempat pengambilan').fill('Loket Disdukcapil Sumenep');
    await officer.getByLabel(/Bisa diambil mulai/).fill('2026-12-07T08:00');
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Siap diambil');

    // The resident, following the walk-in's tracking number on their phone, sees where it is.
    await resident.goto(`${server.url}/lacak?nomor=${trackingNumber}`);
    await resident.getByRole('button', { name: 'Lacak' }).click();
    await expect
      .poll(() => resident.locator('.track__office').textContent(), { timeout: 15_000 })
      .toBe(officeName(DISDUKCAPIL));
    expect(await resident.locator('.track__status').textContent()).toBe('Siap diambil');
    await expectAccessible(resident, 'tracking a forwarded application');
  });
});
