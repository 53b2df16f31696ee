// The field officer (/lapangan) in real Chromium against the real server: an online sign-in with a
// field-officer account and a PIN; offline, a reload asks for the PIN (a wrong one says how many tries
// are left); a resident is added and an application filled for them offline and queued with channel
// 'field'; the raw IndexedDB of nusalayan-field holds no name or NIK of the residents list; the sync
// summary counts it; "Ekspor ke berkas" downloads a .nlx file that the office import stores once, and
// the device's own sync afterwards adds nothing; five wrong PINs lock the officer's data until an
// online sign-in; sign-out deletes the field database; a revoked account learned at the next online
// check after the PIN wipes it too. axe on every field screen.
import { readFile, rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportResponse } from '../../src/domain/field/api.ts';
import { EXPORT_MEDIA_TYPE } from '../../src/domain/field/export-format.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { getApplication } from '../../src/server/office/queue.ts';
import { caller, createAccount, firstAdministrator, signIn, type Creds } from '../support/accounts.ts';
import { startInProcessServer, type InProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { fillForm } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

const OFFICE = 'kecamatan-raas';
const PASSWORD = 'perahu-talango-2024';
const PIN = '482916';
const SERVICE = SEED_SERVICES.find((s) => s.id === 'ktp-el-baru')!;
/** The resident of the trip: a name and NIK typed only into the residents list. */
const RESIDENT = { name: 'Rahmat Hidayatullah', nik: '3529011203850007', village: 'Talango' };

let server: InProcessServer;
let officer: Creds;
let admin: Creds;
let fieldAccountId: string;
let profileDir: string;
let context: BrowserContext;
let page: Page;
let submittedId: string;

type Dump = { db: string; store: string; rows: number; json: string };

/** Every IndexedDB database of the origin, read raw (typed arrays serialize as index maps), store by store. */
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
        // Typed arrays as text too, so a plaintext name inside bytes would be found.
        const json = JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? String.fromCharCode(...v) : v));
        out.push({ db: info.name!, store, rows: rows.length, json });
      }
      db.close();
    }
    return out;
  });
}

const databaseNames = (p: Page) => p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
const fieldStores = async (p: Page) => (await dumpIndexedDb(p)).filter((d) => d.db === 'nusalayan-field');
type RawEntry = { id: string; state: string; record: { channel: string; applicant: { kind: string; name?: string }; collectedBy?: { keyId: string; signature: string } } };
const outboxEntries = async (p: Page): Promise<RawEntry[]> =>
  (await dumpIndexedDb(p)).filter((d) => d.db === 'nusalayan-outbox' && d.store === 'entries').flatMap((d) => JSON.parse(d.json) as RawEntry[]);
const storedApplications = (id: string) =>
  server.db.query<{ channel: string; tracking_number: string; collected_by: string | null }>('select channel, tracking_number, collected_by::text from applications where id = $1', [id]);
const h1 = (p: Page) => p.getByRole('heading', { level: 1 }).textContent();

/** Signs in online; answers the bearer token the server issued. */
async function signInOnline(): Promise<string> {
  await page.goto(`${server.url}/lapangan/masuk`);
  await expect.poll(() => page.locator('#lapangan-signin-title').textContent()).toBe('Masuk sebagai petugas lapangan');
  await page.getByLabel('Nama pengguna').fill('jemput.bola');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/token') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Masuk', exact: true }).click(),
  ]);
  await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Buat PIN');
  return ((await response.json()) as { token: string }).token;
}

async function setPin(pin: string): Promise<void> {
  await page.getByLabel('PIN baru (minimal 6 angka)').fill(pin);
  await page.getByLabel('Ulangi PIN').fill(pin);
  await page.getByRole('button', { name: 'Simpan PIN' }).click();
  await expect.poll(() => h1(page), { timeout: 30_000 }).toBe('Warga perjalanan ini');
}

async function enterPin(pin: string): Promise<void> {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Buka', exact: true }).click();
}

beforeAll(async () => {
  server = await startInProcessServer();
  admin = await firstAdministrator(server.app, server.db, 'field-admin-password-1');
  await createAccount(server.app, admin, { username: 'petugas.raas', name: 'Petugas Raas', role: 'officer', officeIds: [OFFICE], password: PASSWORD });
  fieldAccountId = (await createAccount(server.app, admin, { username: 'jemput.bola', name: 'Bu Lailatul', role: 'field-officer', officeIds: [OFFICE], password: PASSWORD })).id;
  officer = await signIn(server.app, 'petugas.raas', PASSWORD);
  profileDir = await tempDir('nusa-field-');
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('field officer', () => {
  it('signs in once online and sets a PIN; the token is kept only sealed under the data key', async () => {
    await page.goto(`${server.url}/lapangan`);
    await expect.poll(() => page.locator('#lapangan-signin-title').textContent()).toBe('Masuk sebagai petugas lapangan');
    await expectAccessible(page, '/lapangan sign-in');

    await page.getByLabel('Nama pengguna').fill('jemput.bola');
    await page.getByLabel('Kata sandi').fill('salah-sekali-1234');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Nama pengguna atau kata sandi salah.');

    const token = await signInOnline();
    await expectAccessible(page, '/lapangan/masuk set PIN');
    await page.getByLabel('PIN baru (minimal 6 angka)').fill('12345');
    await page.getByLabel('Ulangi PIN').fill('12345');
    await page.getByRole('button', { name: 'Simpan PIN' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('PIN harus 6 sampai 12 angka.');
    await setPin(PIN);
    await expectAccessible(page, '/lapangan residents (empty)');

    const [row] = JSON.parse((await fieldStores(page)).find((d) => d.store === 'officer')!.json) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ pinValidityDays: expect.any(Number), failures: 0, wrappedKey: { algorithm: 'PBKDF2-SHA-256/AES-GCM', iterations: 210_000 } });
    const all = JSON.stringify(await dumpIndexedDb(page)) + (await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })));
    expect(all).not.toContain(PIN);
    expect(token.length).toBeGreaterThan(20);
    expect(all).not.toContain(token); // the bearer token is nowhere in plaintext
    // Signed in online: the export keys are ready.
    expect((await dumpIndexedDb(page)).find((d) => d.db === 'nusalayan-field-keys' && d.store === 'signing')!.rows).toBe(1);
  });

  it('offline after a reload asks for the PIN; a wrong PIN says how many tries are left; the right one unlocks', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    await expectAccessible(page, '/lapangan PIN');
    await enterPin('000000');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('PIN salah. Sisa percobaan: 4.');
    await enterPin(PIN);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Warga perjalanan ini');
  });

  it('adds a resident and fills an application for them offline; the residents list is only ciphertext at rest', async () => {
    await page.getByLabel('Nama lengkap', { exact: true }).fill(RESIDENT.name);
    await page.getByLabel('NIK (16 angka)').fill('1234');
    await page.getByLabel('Desa', { exact: true }).fill(RESIDENT.village);
    await page.getByRole('button', { name: 'Tambah warga' }).click();
    await expect.poll(() => page.locator('#lapangan-add-nik-error').textContent()).toBe('NIK harus 16 angka.');
    await page.getByLabel('NIK (16 angka)').fill(RESIDENT.nik);
    await page.getByRole('button', { name: 'Tambah warga' }).click();
    await expect.poll(() => page.locator('.lapangan-resident__name').first().textContent()).toBe(RESIDENT.name);
    expect(await page.locator('.lapangan-resident__facts').first().textContent()).toContain('3529••••••••0007');
    await expectAccessible(page, '/lapangan residents');

    await page.getByLabel(`Layanan untuk ${RESIDENT.name}`).selectOption(SERVICE.id);
    await page.getByRole('button', { name: 'Mulai permohonan' }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(SERVICE.name.id);
    expect(await page.locator('#f-nik').inputValue()).toBe(RESIDENT.nik); // filled in from the resident
    expect(await page.locator('#f-fullName').inputValue()).toBe(RESIDENT.name);
    await fillForm(page, SERVICE.form.fields, { documents: true });
    await page.locator('#f-nik').fill(RESIDENT.nik);
    await page.locator('#f-fullName').fill(RESIDENT.name);
    await page.getByRole('button', { name: 'Periksa permohonan' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Warga perjalanan ini');
    await expect.poll(() => page.locator('.lapangan-app__state').first().textContent()).toBe('Menunggu dikirim');

    const [entry] = await outboxEntries(page);
    expect(entry).toMatchObject({ state: 'queued', record: { channel: 'field', applicant: { kind: 'resident', name: RESIDENT.name } } });
    submittedId = entry!.id;
    // Signed at "Kirim" by the officer's registered device key (the service worker holds no credential).
    const [key] = await server.db.query<{ key_id: string; account_id: string }>('select key_id, account_id::text from field_device_keys where revoked_at is null');
    expect(key).toMatchObject({ account_id: fieldAccountId });
    expect(entry!.record.collectedBy).toEqual({ keyId: key!.key_id, signature: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) });

    const stores = await fieldStores(page);
    expect(stores.find((d) => d.store === 'residents')!.rows).toBe(1);
    for (const d of stores) {
      expect(d.json, d.store).not.toContain(RESIDENT.name);
      expect(d.json, d.store).not.toContain(RESIDENT.nik);
      expect(d.json, d.store).not.toContain(RESIDENT.village);
    }
  });

  it('the sync summary counts what waits; “Ekspor ke berkas” downloads a .nlx the office imports once; the later sync adds nothing', async () => {
    await page.getByRole('link', { name: 'Ringkasan sinkron' }).click();
    await expect.poll(() => h1(page)).toBe('Ringkasan sinkron');
    await expect.poll(() => page.locator('.lapangan-sync__queued').textContent()).toBe('1');
    expect(Number(await page.locator('.lapangan-sync__photos').textContent())).toBeGreaterThan(0);
    expect(await page.locator('.lapangan-sync__bytes').textContent()).toMatch(/\d+(,\d)? (KB|MB)$/);
    expect(await page.locator('.lapangan-sync__offline').textContent()).toMatch(/^Tanpa sinyal/);
    await expectAccessible(page, '/lapangan/sinkron');

    const exportButton = page.getByRole('button', { name: 'Ekspor ke berkas' });
    await expect.poll(() => exportButton.isEnabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^nusa-layan-\d{4}-\d{2}-\d{2}-1-permohonan\.nlx$/);
    await expect.poll(() => page.locator('.lapangan-export__done').textContent()).toMatch(/tetap di antrean dan tidak akan tercatat dua kali/);
    const bytes = await readFile((await download.path())!);
    expect((await outboxEntries(page)).map((e) => e.state)).toEqual(['queued']); // the entry stays queued

    const res = await server.app.inject({
      method: 'POST',
      url: '/api/office/imports',
      headers: { 'content-type': EXPORT_MEDIA_TYPE, cookie: officer.cookie!, 'x-csrf-token': officer.csrf! },
      payload: bytes,
    });
    expect(res.statusCode, res.body).toBe(200);
    const imported = ImportResponse.parse(res.json());
    expect(imported.results).toEqual([expect.objectContaining({ id: submittedId, status: 'accepted' })]);
    const [stored] = await storedApplications(submittedId);
    expect(stored).toMatchObject({ channel: 'field', collected_by: fieldAccountId });
    // The office's detail names the collecting officer.
    expect(await getApplication(server.db, { officeIds: 'all' }, submittedId)).toMatchObject({ collectedBy: { accountId: fieldAccountId, name: 'Bu Lailatul' } });

    // Without signal the button says so; back in coverage the device's own sync delivers the same
    // record (the page drains on `online` too) — nothing doubled.
    await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect.poll(() => page.locator('.lapangan-sync__report').textContent(), { timeout: 30_000 }).toMatch(/^Belum ada sinyal\. Terkirim 0, masih menunggu 1\.$/);
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click({ timeout: 5_000 }).catch(() => undefined);
    await expect.poll(() => page.locator('.lapangan-sync__queued').textContent(), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => page.locator('.lapangan-sync__delivered').textContent()).toBe('1');
    expect(await storedApplications(submittedId)).toEqual([stored]);
    await page.getByRole('link', { name: 'Daftar warga' }).click();
    await expect.poll(() => page.locator('.lapangan-app__state').first().textContent()).toBe(`Terkirim, nomor ${stored!.tracking_number}`);
  });

  it('five wrong PINs lock the officer’s data until the next online sign-in', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    for (let left = 4; left >= 1; left--) {
      await enterPin('111111');
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(`PIN salah. Sisa percobaan: ${left}.`);
    }
    await enterPin('111111');
    await expect.poll(() => page.locator('.lapangan__notice').textContent()).toMatch(/^Terlalu banyak PIN salah\. Data petugas di tablet ini dikunci/);
    const stores = await fieldStores(page);
    const [row] = JSON.parse(stores.find((d) => d.store === 'officer')!.json) as Array<Record<string, unknown>>;
    expect(row).not.toHaveProperty('wrappedKey');
    expect(row).not.toHaveProperty('secret');
    expect(stores.find((d) => d.store === 'residents')!.rows).toBe(0);

    // Even the right PIN no longer opens anything: a reload still asks for an online sign-in.
    await page.reload();
    await expect.poll(() => page.locator('#lapangan-signin-title').textContent()).toBe('Masuk sebagai petugas lapangan');
    expect(await page.getByLabel('PIN', { exact: true }).count()).toBe(0);
    await page.getByLabel('Nama pengguna').fill('jemput.bola');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Tidak ada sinyal. Masuk pertama kali memerlukan internet.');

    await context.setOffline(false);
    await signInOnline();
    await setPin(PIN);
    expect(await page.locator('.lapangan-resident').count()).toBe(0);
  });

  it('sign-out removes the field database, the export keys and the officer’s drafts; queued entries would stay', async () => {
    await page.getByLabel('Nama lengkap', { exact: true }).fill('Siti Aminah');
    await page.getByLabel('NIK (16 angka)').fill('3529014507900003');
    await page.getByLabel('Desa', { exact: true }).fill('Gili Raja');
    await page.getByRole('button', { name: 'Tambah warga' }).click();
    await page.getByLabel('Layanan untuk Siti Aminah').selectOption(SERVICE.id);
    await page.getByRole('button', { name: 'Mulai permohonan' }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(SERVICE.name.id);
    const draftId = page.url().split('/').pop()!;
    await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).toContain(draftId);

    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.getByRole('button', { name: 'Ya, keluar dan hapus' }).click();
    await expect.poll(() => page.locator('.lapangan__notice').textContent(), { timeout: 15_000 }).toBe('Anda sudah keluar. Data petugas sudah dihapus dari tablet ini.');
    expect(await databaseNames(page)).not.toContain('nusalayan-field');
    const dump = await dumpIndexedDb(page);
    expect(dump.find((d) => d.db === 'nusalayan-field-keys' && d.store === 'signing')?.rows ?? 0).toBe(0);
    for (const d of dump) {
      expect(d.json, `${d.db}/${d.store}`).not.toContain(draftId);
      expect(d.json, `${d.db}/${d.store}`).not.toContain('Siti Aminah');
    }
    // The server forgot the token too: a new sign-in is needed.
    await page.goto(`${server.url}/lapangan`);
    await expect.poll(() => page.locator('#lapangan-signin-title').textContent()).toBe('Masuk sebagai petugas lapangan');
    expect(await databaseNames(page)).not.toContain('nusalayan-field');
  });

  it('a revoked account, learned at the next online check after the PIN, removes the officer’s data', async () => {
    await signInOnline();
    await setPin(PIN);
    await page.getByLabel('Nama lengkap', { exact: true }).fill(RESIDENT.name);
    await page.getByLabel('NIK (16 angka)').fill(RESIDENT.nik);
    await page.getByLabel('Desa', { exact: true }).fill(RESIDENT.village);
    await page.getByRole('button', { name: 'Tambah warga' }).click();
    await expect.poll(() => page.locator('.lapangan-resident').count()).toBe(1);

    const res = await caller(server.app)('PATCH', `/api/admin/accounts/${fieldAccountId}`, admin, { disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    await enterPin(PIN);
    await expect.poll(() => page.locator('.lapangan__notice').textContent(), { timeout: 15_000 }).toBe('Akun ini sudah dinonaktifkan. Data petugas sudah dihapus dari tablet ini.');
    expect(await databaseNames(page)).not.toContain('nusalayan-field');
    for (const d of await dumpIndexedDb(page)) expect(d.json, `${d.db}/${d.store}`).not.toContain(RESIDENT.nik);
  });
});
