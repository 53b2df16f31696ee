// The village-office kiosk (/kios) in real Chromium: a staff member enrols the tablet with a real
// kiosk token and sets the staff PIN; a walk-in resident fills an application offline and gets a
// receipt (code, QR); dismissing it wipes the session's draft and photos from IndexedDB while the
// outbox entry waits; an idle session shows the countdown and is wiped; back online the application
// reaches the server once with channel 'kiosk' and leaves the tablet; the staff panel needs the PIN
// (five wrong ones lock it) and shows the queue. axe on every kiosk screen.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { enrolKiosk, firstAdministrator, type Creds } from '../support/accounts.ts';
import { startInProcessServer, type InProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { documentPhoto, fillForm, VALID } from '../support/fill-form.ts';
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

type Dump = { db: string; store: string; rows: number; json: string };

/** Every IndexedDB database of the origin, read raw (blobs serialize as {}), store by store. */
async function dumpIndexedDb(p: Page): Promise<Dump[]> {
  return p.evaluate(async () => {
    const out: Dump[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push({ db: info.name!, store, rows: rows.length, json: JSON.stringify(rows) });
      }
      db.close();
    }
    return out;
  });
}

type RawEntry = { id: string; state: string; record: { channel: string; officeId?: string; attachments: Record<string, Array<{ sha256: string }>> } };
const outboxEntries = async (p: Page): Promise<RawEntry[]> =>
  (await dumpIndexedDb(p)).filter((d) => d.db === 'nusalayan-outbox' && d.store === 'entries').flatMap((d) => JSON.parse(d.json) as RawEntry[]);
const storedFiles = async (p: Page): Promise<string[]> =>
  (await dumpIndexedDb(p)).filter((d) => d.db === 'nusalayan-files' && d.store === 'files').flatMap((d) => (JSON.parse(d.json) as Array<{ sha256: string }>).map((f) => f.sha256)).sort();
/** The RxDB drafts collection's raw storage (RxDB's Dexie storage: one database per collection). */
const draftStores = async (p: Page): Promise<Dump[]> => (await dumpIndexedDb(p)).filter((d) => d.db.startsWith('rxdb-dexie-') && d.db.endsWith('--drafts'));

const storedApplications = (id: string) => server.db.query<{ channel: string; tracking_number: string }>('select channel, tracking_number from applications where id = $1', [id]);

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
    const [device] = JSON.parse(kiosk.json) as Array<{ token: string; officeId: string; pin: { algorithm: string; salt: string; hash: string } }>;
    expect(device).toMatchObject({ token: bearer, officeId: OFFICE, pin: { algorithm: 'PBKDF2-SHA-256' } });
    expect(kiosk.json).not.toContain(PIN);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(bearer);

    // English is one visible switch away.
    await page.getByLabel('Bahasa').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome');
    await page.getByLabel('Language').selectOption('id');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Selamat datang');
  });

  it('a walk-in fills an application offline and gets a receipt; “Selesai” wipes the session but not the outbox entry', async () => {
    await context.setOffline(true);
    await page.goto(`${server.url}/kios`);
    await page.getByRole('button', { name: new RegExp(`^${SERVICE.name.id}`) }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(SERVICE.name.id);
    await fillForm(page, SERVICE.form.fields, { documents: true });
    await expectAccessible(page, '/kios form');
    await page.getByRole('button', { name: 'Periksa permohonan' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Kirim' }).click();

    const code = page.locator('.kiosk-receipt__code');
    await expect.poll(() => code.textContent(), { timeout: 15_000 }).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    const shown = (await code.textContent())!;
    expect(await page.locator('.kiosk-receipt svg.qr').getAttribute('aria-label')).toContain(shown);
    expect(await page.getByRole('button', { name: 'Cetak' }).isVisible()).toBe(true);
    await expectAccessible(page, '/kios receipt');

    const [entry] = await outboxEntries(page);
    expect(entry).toMatchObject({ state: 'queued', record: { channel: 'kiosk', officeId: OFFICE } });
    submittedId = entry!.id;
    expect(entry!.id.replaceAll('-', '').slice(-8).toUpperCase()).toBe(shown.replace('-', ''));
    const needed = [...new Set(Object.values(entry!.record.attachments).flat().map((a) => a.sha256))].sort();
    expect(needed.length).toBeGreaterThan(0);
    // Before dismissal the draft is still on the device.
    expect((await draftStores(page)).some((d) => d.json.includes(submittedId))).toBe(true);

    await page.evaluate(() => sessionStorage.setItem('kiosk-test', 'x'));
    await page.getByRole('button', { name: 'Selesai' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Selamat datang');
    expect(await page.locator('.kiosk-start__wiped').textContent()).toBe('Sesi sebelumnya sudah dihapus.');

    const drafts = await draftStores(page);
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) {
      expect(d.json, d.store).not.toContain(submittedId);
      expect(d.json, d.store).not.toContain(VALID.nik);
    }
    expect(await storedFiles(page)).toEqual(needed); // only the photos the queued entry still has to send
    expect((await outboxEntries(page)).map((e) => ({ id: e.id, state: e.state }))).toEqual([{ id: submittedId, state: 'queued' }]);
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
    await input.setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: await documentPhoto(page, `${IDLE_NAME} ${IDLE_NIK}`) });
    await page.locator('fieldset', { has: input }).locator('img.thumb').first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await storedFiles(page)).length).toBe(before.length + 1);
    await expect.poll(async () => (await draftStores(page)).some((d) => d.json.includes(IDLE_NIK))).toBe(true);

    const warning = page.locator('dialog.kiosk-idle');
    await warning.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('.kiosk-idle__countdown').textContent()).toMatch(/^Data Anda akan dihapus dalam [1-6] detik\.$/);
    await expectAccessible(page, '/kios idle warning');
    await page.getByRole('button', { name: 'Saya masih di sini' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect(await page.locator('#f-nik').inputValue()).toBe(IDLE_NIK); // the session goes on

    await warning.waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Selamat datang');

    const html = await page.content();
    expect(html).not.toContain(IDLE_NIK);
    expect(html).not.toContain(IDLE_NAME);
    for (const d of await dumpIndexedDb(page)) {
      expect(d.json, `${d.db}/${d.store}`).not.toContain(IDLE_NIK);
      expect(d.json, `${d.db}/${d.store}`).not.toContain(IDLE_NAME);
    }
    expect(await storedFiles(page)).toEqual(before); // the session's photo is gone, the queued entry's stay
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    const inCaches = await page.evaluate(async (needles) => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const text = await (await cache.match(req))!.text();
          if (needles.some((n) => req.url.includes(n) || text.includes(n))) return req.url;
        }
      }
      return null;
    }, [IDLE_NIK, IDLE_NAME]);
    expect(inCaches).toBeNull();
    await page.evaluate(() => {
      localStorage.removeItem('nusa-layan.kiosk.idleSeconds');
      localStorage.removeItem('nusa-layan.kiosk.warnSeconds');
    });
  });

  it('the staff panel needs the PIN, shows the queue, and “Sinkronkan sekarang” delivers once with channel kiosk', async () => {
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

    await context.setOffline(false);
    await expect.poll(() => storedApplications(submittedId), { timeout: 30_000 }).toHaveLength(1); // the page drains on `online`
    await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect.poll(() => page.locator('.kiosk-staff__waiting').textContent(), { timeout: 30_000 }).toBe('Menunggu dikirim: 0');
    await expect.poll(() => page.locator('.kiosk-staff__report').textContent(), { timeout: 30_000 }).toMatch(/^Terkirim \d+, masih menunggu 0\.$/);
    const rows = await storedApplications(submittedId);
    expect(rows).toEqual([expect.objectContaining({ channel: 'kiosk' })]);
    // Delivered: the entry, its personal data and its photos leave the tablet.
    await expect.poll(() => outboxEntries(page)).toEqual([]);
    expect(await page.locator('.kiosk-staff__facts dd').first().textContent()).not.toBe('Belum pernah');

    // "Keluar dari mode kios" asks for the PIN again, then forgets the token.
    await page.getByRole('button', { name: 'Keluar dari mode kios' }).click();
    await page.locator('#kiosk-leave-pin').fill(PIN);
    await page.getByRole('button', { name: 'Ya, keluar' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Mode kios sudah dimatikan di tablet ini.');
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
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Terlalu banyak PIN salah. Coba lagi dalam 5 menit.');
    await page.reload();
    await page.getByLabel('PIN petugas').fill(PIN);
    await page.getByRole('button', { name: 'Buka panel' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Terlalu banyak PIN salah. Coba lagi dalam 5 menit.');
    expect(await page.locator('.kiosk-staff').count()).toBe(0);
  });
});
