// The back office at /petugas in real Chromium: a resident's offline application reaches the queue of
// its office; an officer signs in, opens it, sees the photo and moves it to "ready" with a pick-up
// place, which the resident's device then shows; a walk-in at the counter joins the same queue and
// prints a receipt with a QR code; an officer of another office sees none of it; every screen passes axe.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installedAppPage } from '../support/browser.ts';
import { documentPhoto, fillForm, openStep } from '../support/fill-form.ts';
import { createOfficer } from '../support/office-accounts.ts';
import { expectThermalSlip } from '../support/print.ts';

const PASSWORD = 'kantor-talango-2026';
const WALK_IN_OFFICE = 'puskesmas-talango';

let server: InProcessServer;
const dirs: string[] = [];
const contexts: BrowserContext[] = [];
let resident: Page;
let officer: Page;
let applicationId: string;
let trackingNumber: string;
let handlingOffice: string;

const appPage = (): Promise<Page> => installedAppPage(server.url, 'nusa-office-', { dirs, contexts });

const stored = (id: string) =>
  server.db.query<{ tracking_number: string; office_id: string; status: string; channel: string }>(
    'select tracking_number, office_id, status, channel from applications where id = $1',
    [id],
  );

async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

const queueRow = (page: Page, number: string) => page.locator('tr.office-queue__row', { hasText: number });

beforeAll(async () => {
  server = await startInProcessServer();
  resident = await appPage();
  officer = await appPage();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('back office', () => {
  it('an application queued offline reaches the office queue; the officer moves it to ready and the resident sees the pick-up place', async () => {
    // The resident fills and sends an application with no signal; it goes when the network returns.
    const service = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;
    await resident.context().setOffline(true);
    await resident.goto(`${server.url}/permohonan/baru/${service.id}`);
    await resident.getByRole('button', { name: 'Mulai mengisi' }).click();
    await resident.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
    applicationId = resident.url().split('/').pop()!;
    await fillForm(resident, service.form.fields, { documents: true });
    await openStep(resident, 'send');
    await resident.getByRole('checkbox').check();
    await resident.getByRole('button', { name: 'Kirim' }).click();
    await expect.poll(() => resident.locator('.state').first().textContent()).toMatch(/^Menunggu sinyal/);
    await resident.context().setOffline(false);
    await expect.poll(() => stored(applicationId), { timeout: 30_000 }).toHaveLength(1);
    const [row] = await stored(applicationId);
    trackingNumber = row!.tracking_number;
    // Delivered in the background while the resident looks: said so, with the number, wherever they are.
    await expect
      .poll(() => resident.locator('.toast').textContent(), { timeout: 30_000 })
      .toBe(`Permohonan Anda sudah sampai di kantor. Nomor pelacakan: ${trackingNumber}`);
    // One tick: stored by the server; the office has not answered yet.
    await resident.goto(`${server.url}/permohonan`);
    await expect.poll(() => resident.locator('.drafts .delivery-mark').first().getAttribute('data-stage')).toBe('sent');
    handlingOffice = row!.office_id;
    expect(handlingOffice).toBeTruthy();
    await createOfficer(server.db, 'petugas.satu', PASSWORD, [handlingOffice, WALK_IN_OFFICE], 'Petugas Satu');
    const otherOffice = service.officeIds.find((o) => o !== handlingOffice)!;
    await createOfficer(server.db, 'petugas.lain', PASSWORD, [otherOffice], 'Petugas Lain');

    // Unauthenticated: /petugas sends the officer to the sign-in.
    await officer.goto(`${server.url}/petugas`);
    await officer.waitForURL(/\/petugas\/masuk/);
    await expect.poll(() => officer.locator('h1').textContent()).toBe('Masuk petugas');
    await expectAccessible(officer, 'office sign-in');
    await signIn(officer, 'petugas.satu', 'salah-sekali-kata-sandi');
    await expect.poll(() => officer.getByRole('alert').textContent()).toBe('Nama pengguna atau kata sandi salah.');
    await signIn(officer, 'petugas.satu');
    await officer.waitForURL(`${server.url}/petugas`);

    // The queue: the application, masked, with its channel and status.
    await expect.poll(() => queueRow(officer, trackingNumber).count(), { timeout: 15_000 }).toBe(1);
    const rowText = await queueRow(officer, trackingNumber).textContent();
    expect(rowText).toContain('Diterima');
    expect(rowText).toContain('Daring (ponsel)');
    expect(rowText).not.toContain('3529014507900003'); // the NIK typed by the resident is masked
    await expectAccessible(officer, 'office queue');

    // The tracking-number search finds it as typed. On a slow link the last answer stays on screen,
    // marked busy, until the new one arrives: the table does not vanish under the clerk's eyes.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const trackingSearch = (url: URL) =>
      url.pathname === '/api/office/applications' && url.searchParams.has('trackingNumber');
    await officer.route(trackingSearch, async (route) => {
      await held;
      await route.continue();
    });
    await officer.getByLabel('Cari nomor pelacakan').fill(trackingNumber.toLowerCase());
    await officer.getByRole('button', { name: 'Cari nomor' }).click();
    await expect.poll(() => officer.locator('.office-queue__answer').getAttribute('aria-busy')).toBe('true');
    expect(await officer.getByRole('status').filter({ hasText: 'Memuat…' }).count()).toBe(1);
    expect(await queueRow(officer, trackingNumber).count()).toBe(1);
    release();
    await expect.poll(() => officer.locator('.office-queue__answer').getAttribute('aria-busy')).toBe('false');
    await officer.unroute(trackingSearch);
    expect(await officer.locator('tr.office-queue__row').count()).toBe(1);

    // The NIK search (audited) finds it by the full NIK, and still shows it masked.
    await officer.getByLabel('Cari NIK (16 angka)').fill('3529014507900003');
    await officer.getByRole('button', { name: 'Cari NIK' }).click();
    await expect.poll(() => officer.locator('caption').textContent()).toBe('Hasil pencarian NIK');
    await expect.poll(() => queueRow(officer, trackingNumber).count()).toBe(1);
    expect(await officer.locator('table').textContent()).not.toContain('3529014507900003');

    // The detail: answers under the form's labels, the document photo, then the moves.
    await queueRow(officer, trackingNumber).getByRole('link').click();
    await officer.waitForURL(`${server.url}/petugas/permohonan/${applicationId}`);
    await expect.poll(() => officer.locator('h1').textContent()).toBe(`Permohonan ${trackingNumber}`);
    expect(await officer.locator('.office-detail__answers').textContent()).toContain('Nama lengkap sesuai KK');
    const photo = officer.locator('img.office-documents__photo').first();
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 })
      .toBe(true);
    await expectAccessible(officer, 'office application detail');

    const status = officer.locator('.office-detail__status');
    expect(await status.textContent()).toBe('Diterima');
    await officer.getByLabel('Sedang diverifikasi').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Sedang diverifikasi');

    await officer.getByLabel('Sedang diproses').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Sedang diproses');

    await officer.getByLabel('Siap diambil').check();
    await officer.getByLabel('Tempat pengambilan').fill('Loket 1 Kantor Desa Talango');
    await officer.getByLabel(/Bisa diambil mulai/).fill('2026-11-25T08:00');
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Siap diambil');
    expect((await stored(applicationId))[0]!.status).toBe('ready');
    expect(await officer.locator('.office-history li').count()).toBeGreaterThanOrEqual(3);

    // The resident's device shows "ready" with the place after its next sync (live, or on reload).
    await resident.goto(`${server.url}/permohonan/${applicationId}`);
    const officeStatus = resident.locator('.office-update__status');
    await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Siap diambil');
    expect(await resident.locator('.office-update').textContent()).toContain('Loket 1 Kantor Desa Talango');
    // Two ticks in the list: the office's own word has reached the device.
    await resident.goto(`${server.url}/permohonan`);
    await expect
      .poll(() => resident.locator('.drafts .delivery-mark').first().getAttribute('data-stage'))
      .toBe('received');
    await expectAccessible(resident, 'my applications with delivery marks');

    // Another officer completes it while this page still shows "Siap diambil": a second move is refused as stale, said so, and reloaded.
    const done = await moveApplication(
      server.db,
      'all',
      applicationId,
      { to: 'completed' },
      { accountId: null, role: 'officer' },
      'ready',
    );
    expect(done.ok).toBe(true);
    await officer.getByLabel('Selesai').check();
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect
      .poll(() => officer.locator('.office-move').textContent())
      .toContain('baru saja diubah oleh petugas lain');
    await expect.poll(() => status.textContent()).toBe('Selesai');
    expect(await officer.getByRole('button', { name: 'Simpan status' }).count()).toBe(0); // final: no moves offered
  });

  it('a walk-in entered at the counter joins the same queue (channel counter) and prints a receipt with a QR code', async () => {
    const service = SEED_SERVICES.find((s) => s.id === 'pendaftaran-puskesmas')!;
    await officer.goto(`${server.url}/petugas/loket`);
    await expect.poll(() => officer.locator('h1').textContent()).toBe('Loket: permohonan langsung');
    await officer.getByLabel('Kantor loket').selectOption(WALK_IN_OFFICE);
    await officer.getByLabel('Layanan', { exact: true }).selectOption(service.id);
    await officer.getByLabel('Nama warga yang datang').fill('Bapak Sutrisno');
    await fillForm(officer, service.form.fields, { documents: false });
    await officer.getByLabel('Warga setuju datanya diproses untuk layanan ini.').check();
    await expectAccessible(officer, 'office counter form');
    await officer.getByRole('button', { name: 'Simpan dan cetak tanda terima' }).click();

    const number = officer.locator('.office-receipt__number');
    await expect.poll(() => number.count(), { timeout: 15_000 }).toBe(1);
    const walkIn = (await number.textContent())!;
    const [row] = await server.db.query<{ id: string; channel: string; office_id: string }>(
      'select id, channel, office_id from applications where tracking_number = $1',
      [walkIn],
    );
    expect(row).toMatchObject({ channel: 'counter', office_id: WALK_IN_OFFICE });
    expect(await officer.locator('.office-receipt svg.qr').getAttribute('aria-label')).toContain(walkIn);
    await expectAccessible(officer, 'office counter receipt');

    // Printing shows the receipt only.
    await officer.emulateMedia({ media: 'print' });
    expect(await officer.locator('header.header').isVisible()).toBe(false);
    expect(await officer.locator('.office-nav').isVisible()).toBe(false);
    expect(await officer.getByRole('button', { name: 'Cetak' }).isVisible()).toBe(false);
    expect(await officer.locator('.office-receipt').isVisible()).toBe(true);
    await officer.emulateMedia({ media: 'screen' });
    expect(await officer.locator('header.header').isVisible()).toBe(true);

    // Printed on the office's 58 mm thermal roll.
    await expectThermalSlip(officer, '.office-receipt', '.office-receipt__number');

    // A walk-in with document photos: taken at the counter, uploaded before the record, shown to the officer.
    const letter = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;
    await officer.getByRole('button', { name: 'Permohonan baru' }).click();
    await officer.getByLabel('Kantor loket').selectOption(handlingOffice);
    await officer.getByLabel('Layanan', { exact: true }).selectOption(letter.id);
    await fillForm(officer, letter.form.fields, { documents: false });
    // The officer photographs both documents one right after the other, before the first is compressed.
    const documentFields = letter.form.fields.filter((f) => f.kind === 'document');
    expect(documentFields.length).toBeGreaterThan(1);
    const photos = await Promise.all(documentFields.map((f) => documentPhoto(officer, `${f.key} 3529010101200001`)));
    await Promise.all(
      documentFields.map((f, i) =>
        officer
          .locator(`#f-${f.key}`)
          .setInputFiles({ name: `${f.key}.jpg`, mimeType: 'image/jpeg', buffer: photos[i]! }),
      ),
    );
    for (const f of documentFields)
      await officer
        .locator('fieldset', { has: officer.locator(`#f-${f.key}`) })
        .locator('img.thumb')
        .first()
        .waitFor({ timeout: 30_000 });
    await officer.getByLabel('Warga setuju datanya diproses untuk layanan ini.').check();
    await officer.getByRole('button', { name: 'Simpan dan cetak tanda terima' }).click();
    await expect.poll(() => number.count(), { timeout: 30_000 }).toBe(1);
    const withPhotos = (await number.textContent())!;
    const [stored2] = await server.db.query<{ attachments: Record<string, Array<{ sha256: string }>> }>(
      'select attachments from applications where tracking_number = $1',
      [withPhotos],
    );
    // Every photo taken is kept: none is dropped by the one that finished after it.
    expect(Object.keys(stored2!.attachments).sort()).toEqual(documentFields.map((f) => f.key).sort());
    const hashes = Object.values(stored2!.attachments)
      .flat()
      .map((a) => a.sha256);
    expect(hashes).toHaveLength(documentFields.length);
    const uploads = await server.db.query<{ complete: boolean }>(
      'select complete from uploads where sha256 = any($1)',
      [hashes],
    );
    expect(uploads.map((u) => u.complete)).toEqual(hashes.map(() => true));

    // The same queue, filtered to the counter.
    await officer.getByRole('link', { name: 'Antrean' }).click();
    await officer.getByLabel('Cara mengajukan').selectOption('counter');
    await officer.getByRole('button', { name: 'Terapkan saringan' }).click();
    await expect.poll(() => queueRow(officer, walkIn).count(), { timeout: 15_000 }).toBe(1);
    expect(await queueRow(officer, walkIn).locator('.office-queue__channel').textContent()).toBe('Loket kantor');
    await expect.poll(() => queueRow(officer, trackingNumber).count()).toBe(0); // the online one is filtered out
  });

  it('the queue uses the width of a desk monitor and is a list of cards on a narrow screen', async () => {
    await officer.getByRole('link', { name: 'Antrean' }).click();
    await officer.getByLabel('Cara mengajukan').selectOption(''); // every channel again
    await officer.getByRole('button', { name: 'Terapkan saringan' }).click();
    // The counter's rows alone may be several: wait for the unfiltered answer, rows of more than one channel.
    const channels = async () => new Set(await officer.locator('.office-queue__channel').allTextContents()).size;
    await expect.poll(channels, { timeout: 15_000 }).toBeGreaterThan(1);
    const first = officer.locator('tr.office-queue__row').first();
    const layout = () =>
      officer.evaluate(() => {
        const wrap = document.querySelector('.office-table-wrap')!;
        const row = document.querySelector('tr.office-queue__row')!;
        return {
          clipped: wrap.scrollWidth > wrap.clientWidth,
          pageOverflow: document.documentElement.scrollWidth > window.innerWidth,
          rowDisplay: getComputedStyle(row).display,
          headersShown: [...document.querySelectorAll('.office-queue thead th')].filter((th) => {
            const r = th.getBoundingClientRect();
            return r.width > 1 && r.right <= window.innerWidth;
          }).length,
        };
      });
    try {
      // An office desk: all eight columns on screen, none clipped or scrolled away.
      await officer.setViewportSize({ width: 1366, height: 900 });
      expect(await layout()).toEqual({ clipped: false, pageOverflow: false, rowDisplay: 'table-row', headersShown: 8 });
      // Times say whose clock they are.
      expect(await first.textContent()).toMatch(/\d{2}\.\d{2} WIB/);
      // A narrow window: each application a card of labelled lines, nothing wider than the screen.
      await officer.setViewportSize({ width: 800, height: 900 });
      expect(await layout()).toMatchObject({ pageOverflow: false, rowDisplay: 'block' });
      await expectAccessible(officer, 'office queue as cards');
    } finally {
      await officer.setViewportSize({ width: 412, height: 915 });
    }
  });

  it('shows the dashboard', async () => {
    await officer.goto(`${server.url}/petugas/dasbor`);
    await expect
      .poll(() => officer.locator('table.office-dashboard tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // The period in words, never ISO dates (issue 18, point 7).
    expect(await officer.locator('table.office-dashboard caption').textContent()).toMatch(
      /^Kepatuhan waktu layanan, \d{1,2} [A-Z][a-z]+ \d{4} – \d{1,2} [A-Z][a-z]+ \d{4}$/,
    );
    expect(await officer.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href')).toMatch(
      /^\/api\/office\/dashboard\.csv\?from=/,
    );
    await expectAccessible(officer, 'office dashboard');
  });

  it('edits the hours and contacts of an office and publishes an announcement', async () => {
    await officer.goto(`${server.url}/petugas/katalog`);
    await expect.poll(() => officer.locator('h1').textContent()).toBe('Jam buka, kontak, dan pengumuman');
    await officer.getByLabel('Kantor', { exact: true }).selectOption(WALK_IN_OFFICE);
    // The seed's contacts are samples until the office saves them (issue 18, point 9).
    await expect.poll(() => officer.getByText('Kontak ini contoh dari data awal', { exact: false }).count()).toBe(1);
    await officer.getByLabel('Nomor WhatsApp (+62…)').fill('+6281234500099');
    await officer.getByRole('button', { name: 'Tambah jam buka' }).click();
    await officer.getByLabel('Hari (jam buka', { exact: false }).last().selectOption('6');
    await expectAccessible(officer, 'office catalogue editor');
    await officer.getByRole('button', { name: 'Simpan kontak dan jam' }).click();
    await expect.poll(() => officer.getByText('Tersimpan.', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    const [doc] = await server.db.query<{ doc: { contacts: { whatsapp?: string }; hours: Array<{ day: number }> } }>(
      "select doc from catalogue_docs where collection = 'offices' and id = $1",
      [WALK_IN_OFFICE],
    );
    expect(doc!.doc.contacts.whatsapp).toBe('+6281234500099');
    expect(doc!.doc.contacts).not.toHaveProperty('example');
    expect(doc!.doc.hours.some((h) => h.day === 6)).toBe(true);

    await officer.getByLabel('Judul (Bahasa Indonesia)').fill('Puskesmas tutup Sabtu ini');
    await officer.getByLabel('Isi (Bahasa Indonesia)').fill('Pelayanan tutup karena kapal dokter tidak berlayar.');
    await officer.getByRole('button', { name: 'Umumkan' }).click();
    await expect.poll(() => officer.getByText('Pengumuman diterbitkan.').count(), { timeout: 15_000 }).toBe(1);
    const announcements = await server.db.query(
      "select id from catalogue_docs where collection = 'announcements' and doc->'title'->>'id' = $1",
      ['Puskesmas tutup Sabtu ini'],
    );
    expect(announcements).toHaveLength(1);
  });

  it('says plainly that the back office needs a connection when offline', async () => {
    await officer.context().setOffline(true);
    await officer.goto(`${server.url}/petugas`);
    await expect
      .poll(() => officer.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Tanpa sinyal: kantor layanan membaca data dari server.');
    await officer.context().setOffline(false);
    await officer.getByRole('button', { name: 'Coba lagi' }).click();
    await expect.poll(() => officer.locator('h1').textContent(), { timeout: 15_000 }).toBe('Antrean permohonan');
  });

  it('an officer of another office sees neither the application in the queue nor its detail', async () => {
    // Sign the first officer out (the sign-out button of every office screen), then in as the other.
    await officer.getByRole('button', { name: 'Keluar' }).click();
    await officer.waitForURL(/\/petugas\/masuk/);
    await signIn(officer, 'petugas.lain');
    await officer.waitForURL(`${server.url}/petugas`);
    await expect.poll(() => officer.getByText('Tidak ada permohonan yang cocok.').count(), { timeout: 15_000 }).toBe(1);
    expect(await queueRow(officer, trackingNumber).count()).toBe(0);

    await officer.goto(`${server.url}/petugas/permohonan/${applicationId}`);
    await expect
      .poll(() => officer.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Tidak ditemukan, atau bukan milik kantor Anda.');
    expect(await officer.locator('body').textContent()).not.toContain(trackingNumber);
  });

  it('tells a locked username how long to wait, in the chosen language', async () => {
    await createOfficer(server.db, 'petugas.kunci', PASSWORD, [WALK_IN_OFFICE]);
    await officer.getByRole('button', { name: 'Keluar' }).click();
    await officer.waitForURL(/\/petugas\/masuk/);
    await expect.poll(() => officer.getByText('Anda sudah keluar.').count()).toBe(1);
    for (let i = 0; i < 5; i++) {
      await signIn(officer, 'petugas.kunci', `salah-${i}-kata-sandi`);
      await expect.poll(() => officer.getByRole('alert').textContent()).toBe('Nama pengguna atau kata sandi salah.');
      await expect.poll(() => officer.getByRole('button', { name: 'Masuk', exact: true }).isEnabled()).toBe(true);
    }
    await signIn(officer, 'petugas.kunci');
    await expect
      .poll(() => officer.getByRole('alert').textContent())
      .toMatch(/^Terlalu banyak percobaan gagal untuk nama pengguna ini\. Coba lagi dalam 1[45] menit\.$/);

    await officer.getByLabel('Bahasa').selectOption('en');
    await expect.poll(() => officer.locator('h1').textContent()).toBe('Officer sign-in');
    await officer.getByLabel('Username').fill('petugas.kunci');
    await officer.getByLabel('Password').fill(PASSWORD);
    await officer.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => officer.getByRole('alert').textContent())
      .toMatch(/^Too many failed sign-ins for this username\. Try again in 1[45] min\.$/);
    await expectAccessible(officer, 'office sign-in in English with an error');
    await officer.getByLabel('Language').selectOption('id');
  });
});
