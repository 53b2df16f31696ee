// The village-office kiosk (/kios) in real Chromium: a staff member enrols the tablet with a real
// kiosk token and sets the staff PIN; a walk-in resident fills an application offline and gets a
// receipt (code, QR); "Kirim" seals it (issue 7), and dismissing the receipt wipes the session's
// draft and photos, so that IndexedDB read raw holds no NIK, no name and no readable photo — only the
// sealed entry and its sealed photos; an idle session shows the countdown and is wiped; back online
// the application reaches the server once with channel 'kiosk', its photo byte for byte, and the
// entry and its sealed photos leave the tablet, and /lacak on a phone answers the receipt's
// provisional code; the staff panel needs the PIN (five wrong ones lock it) and shows the queue.
// axe on every kiosk screen.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEALED_MEDIA_TYPE } from '../../src/domain/sealing/sealed-box.ts';
import { provisionalCode } from '../../src/domain/submissions/tracking-number.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { type Creds, enrolKiosk, firstAdministrator } from '../support/accounts.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { documentPhoto, fillForm, VALID } from '../support/fill-form.ts';
import { type Dump, dumpIndexedDb, READABLE_JPEG_TEXT, whereFound } from '../support/indexeddb.ts';
import { expectThermalSlip } from '../support/print.ts';
import { tempDir } from '../support/server.ts';

const OFFICE = 'desa-talango';
const PIN = '482916';
const SERVICE = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;
/** The half-filled session's resident: a NIK and a name found nowhere else on the device. */
const IDLE_NIK = '3529011203850007';
const IDLE_NAME = 'Rahmat Hidayatullah';

let server: InProcessServer;
let admin: Creds;
let profileDir: string;
let context: BrowserContext;
let page: Page;
let submittedId: string;
/** The provisional code the offline receipt showed. */
let provisional: string;

/** The name fillForm types into every text field, and the KK number drawn on its document photos. */
const NAME = 'Siti Aminah';

type RawEntry = {
  id: string;
  state: string;
  kind?: string;
  channel?: string;
  serviceId?: string;
  box?: string;
  files?: Array<{ sha256: string; size: number }>;
  record?: unknown;
  secret?: unknown;
};
type RawFile = { sha256: string; type: string; blob: { blob: string; bytes: string } };
const outboxEntries = async (p: Page): Promise<RawEntry[]> =>
  (await dumpIndexedDb(p))
    .filter((d) => d.db === 'nusalayan-outbox' && d.store === 'entries')
    .flatMap((d) => JSON.parse(d.json) as RawEntry[]);
const rawFiles = async (p: Page): Promise<RawFile[]> =>
  (await dumpIndexedDb(p))
    .filter((d) => d.db === 'nusalayan-files' && d.store === 'files')
    .flatMap((d) => JSON.parse(d.json) as RawFile[]);
const storedFiles = async (p: Page): Promise<string[]> => (await rawFiles(p)).map((f) => f.sha256).sort();
/** The bytes of a Blob as the dump reads them (Latin-1 text of each byte). */
const bytesOf = (f: RawFile): Buffer => Buffer.from(f.blob.bytes, 'latin1');

/** The SVG path QrCode draws for a text: what a phone scanning the receipt would read. */
function qrPath(text: string): string {
  let path = '';
  for (const [y, row] of encode(text, { ecc: 'M', border: 2 }).data.entries()) {
    for (const [x, dark] of row.entries()) if (dark) path += `M${x} ${y}h1v1h-1z`;
  }
  return path;
}

/** The outbox database's meta row holding the cached sealing key, read and written raw (as a test may, never the app). */
const sealingKeyRow = (p: Page, write?: { put: unknown } | { remove: true }) =>
  p.evaluate(async (change) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('nusalayan-outbox');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('meta', 'readwrite').objectStore('meta');
    const req: IDBRequest = !change
      ? store.get('sealing-key')
      : 'put' in change
        ? store.put(change.put)
        : store.delete('sealing-key');
    const value = await new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return value;
  }, write);
/** The RxDB drafts collection's raw storage (RxDB's Dexie storage: one database per collection). */
const draftStores = async (p: Page): Promise<Dump[]> =>
  (await dumpIndexedDb(p)).filter((d) => d.db.startsWith('rxdb-dexie-') && d.db.endsWith('--drafts'));

const storedApplications = (id: string) =>
  server.db.query<{ channel: string; tracking_number: string; attachments: Record<string, Array<{ sha256: string }>> }>(
    'select channel, tracking_number, attachments from applications where id = $1',
    [id],
  );
/** The photos the resident attached, as the tablet stored them before "Kirim" (by hash): what the office must get, byte for byte. */
let attached: Map<string, Buffer>;

beforeAll(async () => {
  server = await startInProcessServer();
  admin = await firstAdministrator(server.app, server.db, 'kiosk-admin-password-1');
  profileDir = await tempDir('nusa-kiosk-');
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

async function enrol(token: string): Promise<void> {
  await page.goto(`${server.url}/kios/daftar`);
  await page.getByLabel('Token perangkat dari administrator').fill(token);
  await page.getByLabel('PIN petugas baru (4–8 angka)').fill(PIN);
  await page.getByLabel('Ulangi PIN petugas').fill(PIN);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await page.waitForURL(/\/kios$/, { timeout: 30_000 });
  await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Selamat datang');
}

describe('village kiosk', () => {
  it('is enrolled once with the administrator’s kiosk token and a staff PIN, kept in its own IndexedDB', async () => {
    await page.goto(`${server.url}/kios`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tablet ini belum didaftarkan sebagai kios');
    expect(await page.locator('.header').count()).toBe(0); // no links out of the kiosk
    await expectAccessible(page, '/kios not enrolled');

    // A wrong token is refused by the server, with a plain message.
    await page.goto(`${server.url}/kios/daftar`);
    await page.getByLabel('Token perangkat dari administrator').fill('nlk_not-a-real-token');
    await page.getByLabel('PIN petugas baru (4–8 angka)').fill(PIN);
    await page.getByLabel('Ulangi PIN petugas').fill(PIN);
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Token tidak dikenal/);
    await expectAccessible(page, '/kios/daftar with an error');

    const { bearer } = await enrolKiosk(server.app, admin, OFFICE, 'Kios Talango');
    expect(bearer).toMatch(/^nlk_/);
    await enrol(bearer!);
    await expectAccessible(page, '/kios start');
    await expect.poll(() => page.locator('.kiosk__office').textContent()).toContain('Talango');

    const kiosk = (await dumpIndexedDb(page)).find((d) => d.db === 'nusalayan-kiosk' && d.store === 'device')!;
    const [device] = JSON.parse(kiosk.json) as Array<{
      token: string;
      officeId: string;
      pin: { algorithm: string; salt: string; hash: string };
    }>;
    expect(device).toMatchObject({ token: bearer, officeId: OFFICE, pin: { algorithm: 'PBKDF2-SHA-256' } });
    expect(kiosk.json).not.toContain(PIN);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(bearer);
    // The server's sealing key is cached at enrolment: applications taken offline from now on are sealed.
    expect(await sealingKeyRow(page)).toMatchObject({ id: 'sealing-key', value: expect.stringContaining('"keyId"') });

    // English is one visible switch away.
    await page.getByLabel('Bahasa').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome');
    await page.getByLabel('Language').selectOption('id');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Selamat datang');
  });

  it('a walk-in fills an application offline; “Kirim” seals it, and after “Selesai” nothing readable of it is left on the tablet', async () => {
    await context.setOffline(true);
    await page.goto(`${server.url}/kios`);
    await page.getByRole('button', { name: new RegExp(`^${SERVICE.name.id}`) }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(SERVICE.name.id);
    await fillForm(page, SERVICE.form.fields, { documents: true });
    await expectAccessible(page, '/kios form');
    await page.getByRole('button', { name: 'Periksa permohonan' }).click();
    await page.getByRole('checkbox').check();
    attached = new Map((await rawFiles(page)).map((f) => [f.sha256, bytesOf(f)]));
    expect(attached.size).toBeGreaterThan(0);
    // Before "Kirim" the raw reading does find the resident: what is not found later is really gone.
    const before = await dumpIndexedDb(page);
    expect(whereFound(before, READABLE_JPEG_TEXT)).toContain('nusalayan-files/files');
    expect(whereFound(before, VALID.nik).length).toBeGreaterThan(0);
    for (const [sha, bytes] of attached) expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);

    // Without the server's key the tablet cannot seal: it says so, queues nothing, and keeps the answers.
    const key = await sealingKeyRow(page);
    await sealingKeyRow(page, { remove: true });
    await page.getByRole('button', { name: 'Kirim' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^Tablet ini belum siap mengirim: kunci pengaman kantor belum ada\./);
    expect(await outboxEntries(page)).toEqual([]);
    await expectAccessible(page, '/kios review without a sealing key');
    await sealingKeyRow(page, { put: key });
    await page.getByRole('button', { name: 'Kirim' }).click();

    const code = page.locator('.kiosk-receipt__code');
    await expect.poll(() => code.textContent(), { timeout: 15_000 }).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    const shown = (await code.textContent())!;
    provisional = shown;
    // The server learns the provisional code with the sealed box: the QR looks it up on /lacak.
    const qr = page.locator('.kiosk-receipt svg.qr');
    expect(await qr.getAttribute('aria-label')).toBe(`Kode QR untuk melacak permohonan ${shown}`);
    expect(await qr.locator('path').getAttribute('d')).toBe(qrPath(`${server.url}/lacak?nomor=${shown}`));
    expect(await page.locator('.kiosk-receipt').textContent()).toContain('kode ini bisa dilacak di halaman pelacakan');
    expect(await page.getByRole('button', { name: 'Cetak' }).isVisible()).toBe(true);
    await expectAccessible(page, '/kios receipt');

    // Printed on the office's 58 mm thermal roll.
    await expectThermalSlip(page, '.kiosk-receipt', '.kiosk-receipt__code');

    // One sealed entry: no record, no secret; its photos are sealed copies under the hash of their sealed bytes.
    const [entry, ...more] = await outboxEntries(page);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ kind: 'sealed', state: 'queued', channel: 'kiosk', serviceId: SERVICE.id });
    expect(entry).not.toHaveProperty('record');
    expect(entry).not.toHaveProperty('secret');
    submittedId = entry!.id;
    expect(entry!.id.replaceAll('-', '').slice(-8).toUpperCase()).toBe(shown.replace('-', ''));
    const sealed = entry!.files!.map((f) => f.sha256).sort();
    expect(sealed).toHaveLength(attached.size);
    for (const sha of sealed) expect(attached.has(sha)).toBe(false);
    // Before dismissal the draft is still on the device.
    expect((await draftStores(page)).some((d) => d.json.includes(submittedId))).toBe(true);

    await page.evaluate(() => sessionStorage.setItem('kiosk-test', 'x'));
    await page.getByRole('button', { name: 'Selesai' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Selamat datang');
    expect(await page.locator('.kiosk-start__wiped').textContent()).toBe('Sesi sebelumnya sudah dihapus.');

    const drafts = await draftStores(page);
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) expect(d.json, d.store).not.toContain(submittedId);
    // Read raw, as whoever finds a lost tablet could: no NIK, no KK number, no name, no readable photo anywhere.
    const dumps = await dumpIndexedDb(page);
    for (const text of [VALID.nik, VALID.kk, NAME, READABLE_JPEG_TEXT])
      expect(whereFound(dumps, text), text).toEqual([]);
    const files = await rawFiles(page);
    expect(files.map((f) => f.sha256).sort()).toEqual(sealed); // only the sealed photos the queued entry still has to send
    for (const f of files) {
      expect(f.type).toBe(SEALED_MEDIA_TYPE);
      expect(createHash('sha256').update(bytesOf(f)).digest('hex')).toBe(f.sha256);
    }
    expect((await outboxEntries(page)).map((e) => ({ id: e.id, state: e.state }))).toEqual([
      { id: submittedId, state: 'queued' },
    ]);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.content()).not.toContain(VALID.nik);
    expect(await storedApplications(submittedId)).toHaveLength(0); // still offline: nothing left the tablet
  });

  it('an idle session shows a countdown, “Saya masih di sini” keeps it, and then it is wiped', async () => {
    const before = await storedFiles(page);
    await page.evaluate(() => {
      localStorage.setItem('nusa-layan.kiosk.idleSeconds', '9');
      localStorage.setItem('nusa-layan.kiosk.warnSeconds', '6');
    });
    await page.goto(`${server.url}/kios`);
    await page.getByRole('button', { name: new RegExp(`^${SERVICE.name.id}`) }).click();
    await page.locator('#f-nik').fill(IDLE_NIK);
    await page.locator('#f-fullName').fill(IDLE_NAME);
    const input = page.locator('#f-ktpElDoc');
    await input.setInputFiles({
      name: 'ktp.jpg',
      mimeType: 'image/jpeg',
      buffer: await documentPhoto(page, `${IDLE_NAME} ${IDLE_NIK}`),
    });
    await page.locator('fieldset', { has: input }).locator('img.thumb').first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await storedFiles(page)).length).toBe(before.length + 1);
    await expect.poll(async () => (await draftStores(page)).some((d) => d.json.includes(IDLE_NIK))).toBe(true);

    const warning = page.locator('dialog.kiosk-idle');
    await warning.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('.kiosk-idle__countdown').textContent()).toMatch(
      /^Data Anda akan dihapus dalam [1-6] detik\.$/,
    );
    await expectAccessible(page, '/kios idle warning');
    await page.getByRole('button', { name: 'Saya masih di sini' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect(await page.locator('#f-nik').inputValue()).toBe(IDLE_NIK); // the session goes on

    await warning.waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Selamat datang');

    const html = await page.content();
    expect(html).not.toContain(IDLE_NIK);
    expect(html).not.toContain(IDLE_NAME);
    const dumps = await dumpIndexedDb(page);
    for (const text of [IDLE_NIK, IDLE_NAME, READABLE_JPEG_TEXT]) expect(whereFound(dumps, text), text).toEqual([]);
    expect(await storedFiles(page)).toEqual(before); // the session's photo is gone, the queued entry's stay
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    const inCaches = await page.evaluate(
      async (needles) => {
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const req of await cache.keys()) {
            const text = await (await cache.match(req))!.text();
            if (needles.some((n) => req.url.includes(n) || text.includes(n))) return req.url;
          }
        }
        return null;
      },
      [IDLE_NIK, IDLE_NAME],
    );
    expect(inCaches).toBeNull();
    await page.evaluate(() => {
      localStorage.removeItem('nusa-layan.kiosk.idleSeconds');
      localStorage.removeItem('nusa-layan.kiosk.warnSeconds');
    });
  });

  it('the staff panel needs the PIN, shows the queue; back online the sealed application arrives once with channel kiosk and its photos byte for byte, and leaves the tablet', async () => {
    await page.goto(`${server.url}/kios/petugas`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Panel petugas');
    expect(await page.locator('.kiosk-staff').count()).toBe(0);
    await expectAccessible(page, '/kios/petugas PIN');
    await page.getByLabel('PIN petugas').fill('000000');
    await page.getByRole('button', { name: 'Buka panel' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('PIN salah. Sisa percobaan: 4.');
    await page.getByLabel('PIN petugas').fill(PIN);
    await page.getByRole('button', { name: 'Buka panel' }).click();
    await expect.poll(() => page.locator('.kiosk-staff__waiting').textContent()).toBe('Menunggu dikirim: 1');
    expect(await page.locator('.kiosk-staff__offline').textContent()).toBe('Tanpa sinyal');
    await expectAccessible(page, '/kios/petugas panel');

    // The resident scans the receipt's QR on a phone while the tablet is still offline: not there yet.
    const phoneDir = await tempDir('nusa-phone-');
    const phoneProfile = await openProfile(phoneDir);
    try {
      const phone = phoneProfile.pages()[0] ?? (await phoneProfile.newPage());
      const lookUp = async () => {
        await phone.goto(`${server.url}/lacak?nomor=${provisional}`);
        await phone.getByRole('button', { name: 'Lacak' }).click();
      };
      await lookUp();
      await expect
        .poll(() => phone.locator('form.track + [role="status"]').textContent())
        .toContain('Kode sementara dari kios desa baru ditemukan setelah tablet mengirim permohonannya.');

      await context.setOffline(false);
      await expect.poll(() => storedApplications(submittedId), { timeout: 30_000 }).toHaveLength(1); // the page drains on `online`
      // Delivered: the same code on /lacak shows the application's status and its permanent number.
      await lookUp();
      await expect.poll(() => phone.locator('.track__status').textContent()).toBe('Diterima');
      const [delivered] = await storedApplications(submittedId);
      expect(await phone.locator('.receipt__number').textContent()).toBe(delivered!.tracking_number);
      expect(await phone.locator('.track__provisional').textContent()).toContain(`Kode sementara ${provisional}`);
      await expectAccessible(phone, '/lacak by a provisional code');
    } finally {
      await phoneProfile.close();
      await rm(phoneDir, { recursive: true, force: true });
    }
    await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect
      .poll(() => page.locator('.kiosk-staff__waiting').textContent(), { timeout: 30_000 })
      .toBe('Menunggu dikirim: 0');
    await expect
      .poll(() => page.locator('.kiosk-staff__report').textContent(), { timeout: 30_000 })
      .toMatch(/^Terkirim \d+, masih menunggu 0\.$/);
    const rows = await storedApplications(submittedId);
    expect(rows).toEqual([expect.objectContaining({ channel: 'kiosk' })]);
    expect(await server.db.query('select id from applications')).toHaveLength(1); // once
    // The office holds each photo exactly as the resident attached it (opened from its sealed box).
    const hashes = [
      ...new Set(
        Object.values(rows[0]!.attachments)
          .flat()
          .map((a) => a.sha256),
      ),
    ].sort();
    expect(hashes).toEqual([...attached.keys()].sort());
    const uploads = await server.db.query<{ sha256: string; data: Uint8Array; complete: boolean }>(
      'select sha256, data, complete from uploads join upload_contents using (id, sha256) where sha256 = any($1)',
      [hashes],
    );
    expect(uploads).toHaveLength(hashes.length);
    for (const u of uploads) {
      expect(u.complete).toBe(true);
      expect(Buffer.from(u.data).equals(attached.get(u.sha256)!)).toBe(true);
    }
    // Delivered: the sealed entry and its sealed photos leave the tablet.
    await expect.poll(() => outboxEntries(page)).toEqual([]);
    expect(await storedFiles(page)).toEqual([]);
    // The resident who brings the receipt's provisional code learns the tracking number from the staff.
    await page.getByLabel('Cari kode sementara').fill(provisional.toLowerCase());
    const row = page.locator('.kiosk-staff__receipts tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('th').textContent()).toBe(provisional);
    expect(await row.locator('td').first().textContent()).toBe(rows[0]!.tracking_number);
    await expectAccessible(page, '/kios/petugas receipts');
    expect(await page.locator('.kiosk-staff__facts dd').first().textContent()).not.toBe('Belum pernah');

    // "Keluar dari mode kios" asks for the PIN again, then forgets the token.
    await page.getByRole('button', { name: 'Keluar dari mode kios' }).click();
    await page.locator('#kiosk-leave-pin').fill(PIN);
    await page.getByRole('button', { name: 'Ya, keluar' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Mode kios sudah dimatikan di tablet ini.');
    const device = (await dumpIndexedDb(page)).find((d) => d.db === 'nusalayan-kiosk' && d.store === 'device')!;
    expect(device.rows).toBe(0);
    await page.goto(`${server.url}/kios`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tablet ini belum didaftarkan sebagai kios');
    expect(await storedApplications(submittedId)).toHaveLength(1);
  });

  it('five wrong staff PINs lock the panel for five minutes, even for the right PIN', async () => {
    const { bearer } = await enrolKiosk(server.app, admin, OFFICE, 'Kios Talango 2');
    await enrol(bearer!);
    await page.goto(`${server.url}/kios/petugas`);
    for (let i = 1; i <= 4; i++) {
      await page.getByLabel('PIN petugas').fill('1111');
      await page.getByRole('button', { name: 'Buka panel' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(`PIN salah. Sisa percobaan: ${5 - i}.`);
    }
    await page.getByLabel('PIN petugas').fill('1111');
    await page.getByRole('button', { name: 'Buka panel' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Terlalu banyak PIN salah. Coba lagi dalam 5 menit.');
    await page.reload();
    await page.getByLabel('PIN petugas').fill(PIN);
    await page.getByRole('button', { name: 'Buka panel' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Terlalu banyak PIN salah. Coba lagi dalam 5 menit.');
    expect(await page.locator('.kiosk-staff').count()).toBe(0);
  });

  it('a page left while a delivered application is cleared away keeps its receipt for the staff', async () => {
    // The tablet of the test before: enrolled, online. A walk-in's application is delivered at once.
    await context.setOffline(false);
    await page.goto(`${server.url}/kios`);
    await page.getByRole('button', { name: new RegExp(`^${SERVICE.name.id}`) }).click();
    await fillForm(page, SERVICE.form.fields, { documents: true });
    await page.getByRole('button', { name: 'Periksa permohonan' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Kirim' }).click();
    const code = page.locator('.kiosk-receipt__code');
    await expect.poll(() => code.getAttribute('data-provisional'), { timeout: 30_000 }).toBe('false');
    const trackingNumber = (await code.textContent())!;
    const [entry] = await outboxEntries(page);
    expect(entry).toMatchObject({ state: 'delivered' });

    // "Selesai" clears the delivered entry away and files its receipt; the kiosk database is held
    // busy (as a slow tablet would be) and the page is left before the receipt could be written.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('nusalayan-kiosk');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const store = db.transaction('receipts', 'readwrite').objectStore('receipts');
      const busy = () => {
        store.count().onsuccess = busy;
      };
      busy();
    });
    await page.getByRole('button', { name: 'Selesai' }).click();
    await page.waitForTimeout(2_000);
    await page.goto(`${server.url}/kios`);

    // The start screen's wipe finishes the job: the receipt is filed, then the entry leaves.
    const receipts = async () =>
      (await dumpIndexedDb(page))
        .filter((d) => d.db === 'nusalayan-kiosk' && d.store === 'receipts')
        .flatMap((d) => JSON.parse(d.json) as Array<{ code: string; trackingNumber: string }>);
    await expect.poll(() => outboxEntries(page), { timeout: 15_000 }).toEqual([]);
    expect((await receipts()).find((r) => r.trackingNumber === trackingNumber)).toMatchObject({
      code: provisionalCode(entry!.id),
    });
  });
});
