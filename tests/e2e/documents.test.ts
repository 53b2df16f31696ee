// The resident's whole story in real Chromium (issue #15): an application sent from a phone is moved
// by an officer in the back office to "ready" with a pickup place and time — the resident's timeline
// shows it to the minute in WIB — then to "completed" with the issued PDF attached through the upload
// form. The phone keeps the PDF: after the browser is closed and opened again without a signal, the
// document still opens and saves byte for byte; its /verifikasi page shows the same SHA-256 and
// matches the file. A product issued electronically is ready with no pickup place. Receipt copy,
// share (plain-text fallback) and print; the tracking number on one line on a narrow phone; "what I
// sent"; axe on every new screen.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMBER_COLOUR } from '../../src/app/applications/story/receipt-image.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { queueApplication } from '../support/fill-form.ts';
import { keptHash } from '../support/issued-documents.ts';
import { createOfficer } from '../support/office-accounts.ts';
import { printedPages } from '../support/print.ts';
import { tempDir } from '../support/server.ts';

const PASSWORD = 'kantor-talango-2026';
const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Surat pengantar ${randomBytes(8).toString('hex')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  'latin1',
);
const PDF_SHA256 = createHash('sha256').update(PDF).digest('hex');

let server: InProcessServer;
let residentDir: string;
let officerDir: string;
let resident: BrowserContext;
let officerContext: BrowserContext;
let phone: Page;
let applicationId: string;
let trackingNumber: string;
let code: string;

const stored = (id: string) =>
  server.db.query<{ tracking_number: string; office_id: string; status: string }>(
    'select tracking_number, office_id, status from applications where id = $1',
    [id],
  );

/** The box (px) of the pixels of the receipt image drawn in the tracking number's colour, decoded in the page. */
const numberBox = (page: Page, png: Buffer) =>
  page.evaluate(
    async ({ base64, colour }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const want = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
      const box = { left: Infinity, top: Infinity, right: -1, bottom: -1 };
      for (let i = 0; i < data.length; i += 4) {
        if (want.some((v, c) => Math.abs(data[i + c]! - v) > 6)) continue;
        const x = (i / 4) % bitmap.width;
        const y = Math.floor(i / 4 / bitmap.width);
        box.left = Math.min(box.left, x);
        box.right = Math.max(box.right, x + 1);
        box.top = Math.min(box.top, y);
        box.bottom = Math.max(box.bottom, y + 1);
      }
      return box;
    },
    { base64: png.toString('base64'), colour: NUMBER_COLOUR },
  );

beforeAll(async () => {
  server = await startInProcessServer();
  residentDir = await tempDir('nusa-resident-');
  officerDir = await tempDir('nusa-officer-');
  resident = await openProfile(residentDir, { viewport: { width: 320, height: 800 } });
  phone = resident.pages()[0] ?? (await resident.newPage());
  await installApp(phone, server.url);
  officerContext = await openProfile(officerDir, { viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await resident?.close();
  await officerContext?.close();
  await server?.close();
  for (const d of [residentDir, officerDir]) if (d) await rm(d, { recursive: true, force: true });
});

describe('the resident’s whole story', () => {
  it('sends an application and gets a receipt to copy, share, save as a PNG and print on A4, its number on one line', async () => {
    await resident.setOffline(true);
    applicationId = await queueApplication(phone, server.url, 'surat-pengantar');
    await resident.setOffline(false);
    await expect.poll(() => stored(applicationId), { timeout: 30_000 }).toHaveLength(1);
    trackingNumber = (await stored(applicationId))[0]!.tracking_number;
    await expect.poll(() => phone.locator('.receipt__number').textContent(), { timeout: 30_000 }).toBe(trackingNumber);

    // One line on a 320 px phone: no wrap at the dash.
    const number = phone.locator('.receipt__number');
    const box = await number.evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        whiteSpace: style.whiteSpace,
        height: el.getBoundingClientRect().height,
        line: Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.5,
      };
    });
    expect(box.whiteSpace).toBe('nowrap');
    expect(box.height).toBeLessThan(box.line * 1.5);

    await resident.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await phone.getByRole('button', { name: 'Salin', exact: true }).click();
    await expect.poll(() => phone.getByText('Tanda terima disalin.').count()).toBe(1);
    const copied = await phone.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`Nomor pelacakan: ${trackingNumber}`);
    expect(copied).toContain(`/lacak?nomor=${trackingNumber}`);

    // Chromium on Linux has no Web Share: the receipt text to copy by hand.
    expect(await phone.evaluate(() => typeof navigator.share)).toBe('undefined');
    await phone.getByRole('button', { name: 'Bagikan', exact: true }).click();
    await expect.poll(() => phone.getByLabel('Salin teks berikut untuk dibagikan:').inputValue()).toBe(copied);

    // "What I sent": the answers as submitted, on the device.
    const sent = phone.locator('details.what-i-sent');
    await sent.locator('summary').click();
    expect(await sent.locator('.answers').textContent()).toContain('3529014507900003');
    // ...and the photos of its two document fields (KTP-el, KK), from the device.
    await expect
      .poll(() =>
        sent
          .locator('img.thumb')
          .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length),
      )
      .toBe(2);
    await expectAccessible(phone, 'sent application with receipt actions and what I sent');

    // Printing keeps the application and drops the buttons.
    await phone.emulateMedia({ media: 'print' });
    expect(await phone.getByRole('button', { name: 'Cetak', exact: true }).isVisible()).toBe(false);
    expect(await number.isVisible()).toBe(true);
    await phone.emulateMedia({ media: 'screen' });
    // ...on A4: the resident's receipt is no thermal slip.
    const printed = await printedPages(phone);
    expect(printed.widthMm).toBeCloseTo(210, 0);
    expect(printed.heightMm).toBeCloseTo(297, 0);
    // Delivered: no provisional id, and no QR code on the phone's own screen, which nothing would scan.
    expect(await phone.locator('.provisional').count()).toBe(0);
    expect(await phone.locator('svg.qr').count()).toBe(0);

    // Saved as a PNG to keep: named by the number, the number drawn large on one line within the image.
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.getByRole('button', { name: 'Simpan sebagai gambar', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`tanda-terima-${trackingNumber}.png`);
    const png = await readFile((await download.path())!);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBe(1080);
    expect(height).toBeGreaterThan(900);
    expect(height).toBeLessThan(2400);
    await expect.poll(() => phone.getByText('Gambar tanda terima disimpan.').count()).toBe(1);
    const drawn = await numberBox(phone, png);
    expect(drawn.top).toBeGreaterThan(200); // below the title band
    expect(drawn.bottom - drawn.top).toBeGreaterThan(40); // large enough to read at a counter
    expect(drawn.bottom - drawn.top).toBeLessThan(130); // ...and one line
    expect(drawn.left).toBeGreaterThanOrEqual(60);
    expect(drawn.right).toBeLessThanOrEqual(width - 60);
    expect(drawn.right - drawn.left).toBeGreaterThan(trackingNumber.length * 25);
  });

  it('shows "ready" with the pickup place and time to the minute in the timeline', async () => {
    const office = (await stored(applicationId))[0]!.office_id;
    await createOfficer(server.db, 'petugas.dokumen', PASSWORD, [office], 'Petugas Dokumen');
    for (const to of ['verifying', 'processing'] as const)
      expect(
        (await moveApplication(server.db, 'all', applicationId, { to }, { accountId: null, role: 'officer' })).ok,
      ).toBe(true);

    const officer = officerContext.pages()[0] ?? (await officerContext.newPage());
    await officer.goto(`${server.url}/petugas/masuk`);
    await officer.getByLabel('Nama pengguna').fill('petugas.dokumen');
    await officer.getByLabel('Kata sandi').fill(PASSWORD);
    await officer.getByRole('button', { name: 'Masuk', exact: true }).click();
    await officer.waitForURL(`${server.url}/petugas`);
    await officer.goto(`${server.url}/petugas/permohonan/${applicationId}`);
    const status = officer.locator('.office-detail__status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Sedang diproses');
    await officer.getByLabel('Siap diambil').check();
    await officer.getByLabel('Tempat pengambilan').fill('Loket 2 Kantor Desa Talango');
    await officer.getByLabel(/Bisa diambil mulai/).fill('2026-11-25T09:00');
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent()).toBe('Siap diambil');

    const timeline = phone.locator('.timeline');
    await expect.poll(() => timeline.locator('.timeline__step').count(), { timeout: 30_000 }).toBe(4);
    const ready = timeline.locator('.timeline__step').last();
    expect(await ready.locator('strong').textContent()).toBe('Siap diambil');
    expect(await ready.textContent()).toContain(
      'Ambil di Loket 2 Kantor Desa Talango mulai 25 November 2026 pukul 09.00 WIB.',
    );
    expect(await timeline.locator('.timeline__step strong').allTextContents()).toEqual([
      'Diterima kantor',
      'Sedang diverifikasi',
      'Sedang diproses',
      'Siap diambil',
    ]);
    expect(await phone.locator('.office-update').textContent()).toContain('mulai 25 November 2026 pukul 09.00 WIB.');
    await expectAccessible(phone, 'timeline');
  });

  it('completes it with a PDF attached in the back office; the phone keeps it and the receipt stays', async () => {
    const officer = officerContext.pages()[0]!;
    await officer.getByLabel('Selesai').check();
    await officer.getByLabel('Berkas dokumen (PDF atau JPEG)').setInputFiles({
      name: 'surat-pengantar.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await officer.getByLabel('Catatan untuk warga tentang dokumen ini (tidak wajib)').fill('Cetak di kertas HVS A4.');
    // A PDF the office did not sign is not offered as signed unless ticked; leave it unticked.
    expect(await officer.getByLabel('PDF ini sudah bertanda tangan elektronik').isChecked()).toBe(false);
    await expectAccessible(officer, 'office move form with an issued document');
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect
      .poll(() => officer.locator('.office-detail__status').textContent(), { timeout: 15_000 })
      .toBe('Selesai');
    const [doc] = await server.db.query<{ code: string; sha256: string }>(
      'select code, sha256 from application_documents where application_id = $1',
      [applicationId],
    );
    expect(doc!.sha256).toBe(PDF_SHA256);
    code = doc!.code;
    expect(await officer.locator('.office-issued').textContent()).toContain(code);

    const card = phone.locator('.issued__doc');
    await expect.poll(() => card.locator('.issued__state').getAttribute('data-kept'), { timeout: 30_000 }).toBe('yes');
    expect(await card.locator('.issued__hash').textContent()).toBe(PDF_SHA256);
    expect(await card.textContent()).toContain('Cetak di kertas HVS A4.');
    expect(await card.textContent()).not.toContain('tanda tangan elektronik');
    expect(await phone.locator('.timeline__step strong').last().textContent()).toContain(`Dokumen ${code}`);
    // Completed: "what I sent" is no longer kept on screen.
    expect(await phone.locator('details.what-i-sent').count()).toBe(0);
    await expectAccessible(phone, 'issued documents');
  });

  it('opens and saves the PDF without a signal after the browser is closed and opened again', async () => {
    await resident.close();
    resident = await openProfile(residentDir, { offline: true, viewport: { width: 320, height: 800 } });
    phone = resident.pages()[0] ?? (await resident.newPage());
    await phone.goto(`${server.url}/permohonan/${applicationId}`);
    const card = phone.locator('.issued__doc');
    await expect.poll(() => card.locator('.issued__state').getAttribute('data-kept'), { timeout: 30_000 }).toBe('yes');
    expect(await phone.evaluate(() => navigator.onLine)).toBe(false);

    expect(await keptHash(phone, code)).toBe(PDF_SHA256);
    // "Buka dokumen" opens the kept file itself (a URL of the device's copy, not of the server).
    const [opened] = await Promise.all([
      resident.waitForEvent('page'),
      card.getByRole('link', { name: 'Buka dokumen' }).click(),
    ]);
    expect(opened.url()).toMatch(new RegExp(`^blob:${server.url}/`));
    await opened.close();
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      card.getByRole('link', { name: 'Simpan sebagai berkas' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`dokumen-${code}.pdf`);
    const saved = await readFile((await download.path())!);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(PDF_SHA256);

    // The cover sheet, offline too: the QR code of the verification page, no personal data.
    await card.getByRole('link', { name: 'Lembar sampul untuk dicetak' }).click();
    await phone.waitForURL(`${server.url}/permohonan/${applicationId}/dokumen/${code}`);
    const cover = phone.locator('.cover');
    await expect
      .poll(() => cover.locator('svg.qr').getAttribute('aria-label'))
      .toBe(`Kode QR halaman verifikasi ${code}`);
    expect(await cover.textContent()).toContain(`${server.url}/verifikasi/${code}`);
    expect(await cover.textContent()).toContain(PDF_SHA256);
    expect(await cover.textContent()).not.toContain('3529014507900003');
    await expectAccessible(phone, 'document cover sheet');
  });

  it('marks an electronic product ready without a pickup place when the document goes with it', async () => {
    // The phone is still offline after its restart: a second application waits, then goes.
    const second = await queueApplication(phone, server.url, 'surat-pengantar');
    await resident.setOffline(false);
    await expect.poll(() => stored(second), { timeout: 30_000 }).toHaveLength(1);
    for (const to of ['verifying', 'processing'] as const)
      expect((await moveApplication(server.db, 'all', second, { to }, { accountId: null, role: 'officer' })).ok).toBe(
        true,
      );

    const officer = officerContext.pages()[0]!;
    await officer.goto(`${server.url}/petugas/permohonan/${second}`);
    const status = officer.locator('.office-detail__status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Sedang diproses');
    await officer.getByLabel('Siap diambil').check();
    const electronic = Buffer.concat([PDF, Buffer.from(`% ${randomBytes(8).toString('hex')}\n`)]);
    await officer.getByLabel('Berkas dokumen (PDF atau JPEG)').setInputFiles({
      name: 'surat-pengantar-2.pdf',
      mimeType: 'application/pdf',
      buffer: electronic,
    });
    await officer.getByRole('button', { name: 'Simpan status' }).click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Siap diambil');
    const [row] = await server.db.query<{ pickup: unknown }>('select pickup from applications where id = $1', [second]);
    expect(row!.pickup).toBeNull();

    await phone.goto(`${server.url}/permohonan/${second}`);
    const card = phone.locator('.issued__doc');
    await expect.poll(() => card.locator('.issued__state').getAttribute('data-kept'), { timeout: 30_000 }).toBe('yes');
    expect(await keptHash(phone, (await card.locator('.issued__code').textContent())!)).toBe(
      createHash('sha256').update(electronic).digest('hex'),
    );
    expect(await phone.locator('.office-update').textContent()).not.toContain('Ambil di');
  });

  it('verifies it publicly at /verifikasi/<code>: the same SHA-256, and the file matches', async () => {
    const visitor = await officerContext.newPage();
    await visitor.goto(`${server.url}/verifikasi/${code}`);
    await expect.poll(() => visitor.locator('.verify__hash').textContent(), { timeout: 15_000 }).toBe(PDF_SHA256);
    const text = (await visitor.locator('.verify').textContent())!;
    expect(text).toContain('Dokumen ini diterbitkan lewat Nusa Layan.');
    expect(text).toContain('Tidak bertanda tangan elektronik');
    expect(text).not.toContain(trackingNumber);
    expect(text).not.toContain('3529014507900003');
    await visitor
      .getByLabel(/Cocokkan berkas/)
      .setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => visitor.locator('.verify__match').textContent()).toContain('Cocok');
    await visitor.getByLabel(/Cocokkan berkas/).setInputFiles({
      name: 'y.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([PDF, Buffer.from(' ')]),
    });
    await expect.poll(() => visitor.getByText('Tidak cocok').count()).toBe(1);
    await expectAccessible(visitor, 'verification page');

    await visitor.goto(`${server.url}/verifikasi/0000000000000000`);
    await expect.poll(() => visitor.getByText('Tidak ada dokumen yang diterbitkan dengan kode ini.').count()).toBe(1);
  });
});
