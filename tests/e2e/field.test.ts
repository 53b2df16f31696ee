// The field officer (/lapangan) in real Chromium against the real server — issue 7's "done when": a
// field officer signs in online with a PIN, goes offline, unlocks with the PIN after a restart (a
// wrong one says how many tries are left), collects three applications for two residents (their names
// and NIKs typed into the residents list and the forms, document photos attached), and the raw
// IndexedDB of the origin holds no NIK, name or readable photo — while drafting, on the PIN screen
// after a restart, and after "Kirim", when the outbox entries are sealed to the office (kind 'sealed',
// no record). After the PIN the draft shows its answers and photo thumbnails again. The sync summary
// counts what waits; "Ekspor ke berkas" downloads a .nlx file that the office import stores once, and
// the device's own sync afterwards adds nothing: the office sees all three once. Five wrong PINs lock
// the officer's data (and drop the drafts and photos sealed under the key) until an online sign-in;
// sign-out deletes the field database; a revoked account learned at the next online check after the
// PIN wipes it too. axe on every field screen.
import { readFile, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportResponse } from '../../src/domain/field/api.ts';
import { EXPORT_MEDIA_TYPE } from '../../src/domain/field/export-format.ts';
import { evaluate } from '../../src/domain/forms/rules/evaluate.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { getApplication } from '../../src/server/office/queue.ts';
import { type Creds, caller, createAccount, firstAdministrator, signIn } from '../support/accounts.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import {
  assertChromium,
  CHROMIUM_FLAGS,
  CHROMIUM_PATH,
  expectAccessible,
  installApp,
  openProfile,
} from '../support/browser.ts';
import { documentPhoto, fillForm, VALID } from '../support/fill-form.ts';
import { type Dump, dumpIndexedDb, READABLE_JPEG_TEXT, whereFound } from '../support/indexeddb.ts';
import { identityOf } from '../support/records.ts';
import { tempDir } from '../support/server.ts';

const OFFICE = 'kecamatan-raas';
const PASSWORD = 'perahu-talango-2024';
const PIN = '482916';
const SERVICE = SEED_SERVICES.find((s) => s.id === 'ktp-el-baru')!;
const REPLACEMENT = SEED_SERVICES.find((s) => s.id === 'ktp-el-hilang-rusak')!;
/** The residents of the trip: names and NIKs typed into the residents list and into the forms. */
const RESIDENT = { name: 'Rahmat Hidayatullah', nik: '3529011203850007', village: 'Talango' };
const SECOND = { name: 'Nur Aini Fitriyah', nik: '3529015708920004', village: 'Gili Genting' };
/** What was typed that a lost tablet must not show: the residents, and the forms' other answers. */
const TYPED = [RESIDENT.name, RESIDENT.nik, SECOND.name, SECOND.nik, VALID.kk, VALID.phone, 'Siti Aminah'];

let server: InProcessServer;
let officer: Creds;
let admin: Creds;
let fieldAccountId: string;
let profileDir: string;
let context: BrowserContext;
let page: Page;
/** The three applications, in the order they were sent. */
const submitted: string[] = [];
let draftLeft = '';
/** A proxy that is not there: every connection through it is closed at once. */
const deadEnd = net.createServer((socket) => socket.destroy());

const databaseNames = (p: Page) => p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
const fieldStores = async (p: Page) => (await dumpIndexedDb(p)).filter((d) => d.db === 'nusalayan-field');
type RawEntry = {
  id: string;
  state: string;
  kind?: string;
  channel?: string;
  box?: string;
  record?: unknown;
  secret?: unknown;
};
const outboxEntries = async (p: Page): Promise<RawEntry[]> =>
  (await dumpIndexedDb(p))
    .filter((d) => d.db === 'nusalayan-outbox' && d.store === 'entries')
    .flatMap((d) => JSON.parse(d.json) as RawEntry[]);
const storedApplications = (id: string) =>
  server.db.query<{ channel: string; tracking_number: string; collected_by: string | null }>(
    'select channel, tracking_number, collected_by::text from applications where id = $1',
    [id],
  );
const h1 = (p: Page) => p.getByRole('heading', { level: 1 }).textContent();

/**
 * What someone holding the tablet reads: every IndexedDB database raw (Blob bytes too) and the web
 * storage. Nothing typed is there, and no Blob is a readable JPEG. Answers the dumps.
 */
async function expectNothingReadable(when: string): Promise<Dump[]> {
  const dumps = await dumpIndexedDb(page);
  const web = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  for (const text of TYPED) {
    expect(whereFound(dumps, text), `${when}: "${text}" is readable in`).toEqual([]);
    expect(web, `${when}: "${text}" in web storage`).not.toContain(text);
  }
  expect(whereFound(dumps, READABLE_JPEG_TEXT), `${when}: a readable photo in`).toEqual([]);
  return dumps;
}

/** The stored drafts (the database RxDB's Dexie storage keeps the drafts collection in), as text. */
const draftsStore = (dumps: Dump[]) =>
  dumps
    .filter((d) => /^rxdb-dexie-nusalayan--\d+--drafts$/.test(d.db))
    .map((d) => d.json)
    .join('\n');

/**
 * Closes the browser and opens the same profile again without signal, at /lapangan. Offline emulation
 * covers the pages, but a service worker the browser starts for a Background Sync may fetch before it
 * is applied: this profile also reaches the network only through a proxy that hangs up (loopback too).
 */
async function restartOffline(): Promise<void> {
  await context.close();
  assertChromium();
  const proxy = { server: `http://127.0.0.1:${(deadEnd.address() as AddressInfo).port}`, bypass: '<-loopback>' };
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
    offline: true,
    proxy,
    viewport: { width: 412, height: 915 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/lapangan`);
}

/** Back in coverage: the same profile opened again with the network, at the URL given. */
async function restartOnline(url: string): Promise<void> {
  await context.close();
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
}

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

async function addResident(r: { name: string; nik: string; village: string }): Promise<void> {
  await page.getByLabel('Nama lengkap', { exact: true }).fill(r.name);
  await page.getByLabel('NIK (16 angka)').fill(r.nik);
  await page.getByLabel('Desa', { exact: true }).fill(r.village);
  await page.getByRole('button', { name: 'Tambah warga' }).click();
  await expect.poll(() => page.locator('.lapangan-resident__name').allTextContents()).toContain(r.name);
}

/** Starts an application for the resident and fills it (photos attached); answers its id. */
async function fillApplication(r: { name: string; nik: string }, service: typeof SERVICE): Promise<string> {
  await page.getByLabel(`Layanan untuk ${r.name}`).selectOption(service.id);
  await page
    .locator('.lapangan-resident', { hasText: r.name })
    .getByRole('button', { name: 'Mulai permohonan' })
    .click();
  await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(service.name.id);
  expect(await page.locator('#f-nik').inputValue()).toBe(r.nik); // filled in from the resident
  expect(await page.locator('#f-fullName').inputValue()).toBe(r.name);
  await fillForm(page, service.form.fields, { documents: true });
  await page.locator('#f-nik').fill(r.nik);
  await page.locator('#f-fullName').fill(r.name);
  // A form that checks the date of birth and sex against the NIK gets the resident's own.
  const { dateOfBirth, sex } = identityOf(r.nik);
  if (await page.locator('#f-dateOfBirth').count()) await page.locator('#f-dateOfBirth').fill(dateOfBirth);
  if (await page.locator('input[name="sex"]').count()) await page.locator(`input[name="sex"][value="${sex}"]`).check();
  return page.url().split('/').pop()!;
}

/** From the form: review, the resident's consent, "Kirim"; back on the residents list. */
async function send(id: string): Promise<void> {
  await page.getByRole('button', { name: 'Periksa permohonan' }).click();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Kirim', exact: true }).click();
  await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Warga perjalanan ini');
  await expect.poll(() => page.locator(`.lapangan-app[data-state="queued"]`).count()).toBe(submitted.length + 1);
  submitted.push(id);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => deadEnd.listen(0, '127.0.0.1', resolve));
  server = await startInProcessServer();
  admin = await firstAdministrator(server.app, server.db, 'field-admin-password-1');
  await createAccount(server.app, admin, {
    username: 'petugas.raas',
    name: 'Petugas Raas',
    role: 'officer',
    officeIds: [OFFICE],
    password: PASSWORD,
  });
  fieldAccountId = (
    await createAccount(server.app, admin, {
      username: 'jemput.bola',
      name: 'Bu Lailatul',
      role: 'field-officer',
      officeIds: [OFFICE],
      password: PASSWORD,
    })
  ).id;
  officer = await signIn(server.app, 'petugas.raas', PASSWORD);
  profileDir = await tempDir('nusa-field-');
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
});

afterAll(async () => {
  await context?.close();
  deadEnd.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('field officer', () => {
  it('signs in once online and sets a PIN; the token is kept only sealed under the data key', async () => {
    await page.goto(`${server.url}/lapangan`);
    await expect
      .poll(() => page.locator('#lapangan-signin-title').textContent())
      .toBe('Masuk sebagai petugas lapangan');
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

    const [row] = JSON.parse((await fieldStores(page)).find((d) => d.store === 'officer')!.json) as Array<
      Record<string, unknown>
    >;
    expect(row).toMatchObject({
      pinValidityDays: expect.any(Number),
      failures: 0,
      wrappedKey: { algorithm: 'PBKDF2-SHA-256/AES-GCM', iterations: 210_000 },
    });
    const all =
      JSON.stringify(await dumpIndexedDb(page)) +
      (await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })));
    expect(all).not.toContain(PIN);
    expect(token.length).toBeGreaterThan(20);
    expect(all).not.toContain(token); // the bearer token is nowhere in plaintext
    // Signed in online: the export keys are ready.
    expect(
      (await dumpIndexedDb(page)).find((d) => d.db === 'nusalayan-field-keys' && d.store === 'signing')!.rows,
    ).toBe(1);
  });

  it('offline after a restart asks for the PIN; a wrong PIN says how many tries are left; the right one unlocks', async () => {
    await restartOffline();
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    await expectAccessible(page, '/lapangan PIN');
    await enterPin('000000');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('PIN salah. Sisa percobaan: 4.');
    await enterPin(PIN);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Warga perjalanan ini');
  });

  it('collects applications for two residents offline; while drafting and after “Kirim” no database holds a NIK, a name or a readable photo', async () => {
    await page.getByLabel('Nama lengkap', { exact: true }).fill(RESIDENT.name);
    await page.getByLabel('NIK (16 angka)').fill('1234');
    await page.getByLabel('Desa', { exact: true }).fill(RESIDENT.village);
    await page.getByRole('button', { name: 'Tambah warga' }).click();
    await expect.poll(() => page.locator('#lapangan-add-nik-error').textContent()).toBe('NIK harus 16 angka.');
    await addResident(RESIDENT);
    expect(await page.locator('.lapangan-resident__facts').first().textContent()).toContain('3529••••••••0007');
    await addResident(SECOND);
    await expectAccessible(page, '/lapangan residents');

    const first = await fillApplication(RESIDENT, SERVICE);
    // Drafting: the answers and photos are stored (sealed), and nothing typed is readable.
    let dumps = await expectNothingReadable('while drafting');
    expect(draftsStore(dumps)).toContain(first);
    expect(draftsStore(dumps)).toContain('"sealed":"');
    expect(dumps.find((d) => d.db === 'nusalayan-files')!.rows).toBeGreaterThan(0);
    await send(first);
    await send(await fillApplication(SECOND, SERVICE));

    // The third is left as a draft for now (the next test opens it after a restart).
    draftLeft = await fillApplication(RESIDENT, REPLACEMENT);
    await page.getByRole('link', { name: 'Simpan sebagai draf' }).click();
    await expect.poll(() => h1(page)).toBe('Warga perjalanan ini');

    const entries = await outboxEntries(page);
    expect(entries.map((e) => e.id).sort()).toEqual([...submitted].sort());
    for (const entry of entries) {
      // Sealed to the office at "Kirim": no record, no secret on the device.
      expect(entry).toMatchObject({ state: 'queued', kind: 'sealed', channel: 'field', box: expect.any(String) });
      expect(entry).not.toHaveProperty('record');
      expect(entry).not.toHaveProperty('secret');
    }
    dumps = await expectNothingReadable('after Kirim');
    const stores = dumps.filter((d) => d.db === 'nusalayan-field');
    expect(stores.find((d) => d.store === 'residents')!.rows).toBe(2);
    expect(whereFound(stores, RESIDENT.village)).toEqual([]);
  });

  it('after a restart the PIN opens the draft again — answers and photo thumbnails — and it is sent; still nothing readable at rest', async () => {
    await restartOffline();
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    await expectNothingReadable('locked after a restart');
    await enterPin(PIN);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Warga perjalanan ini');
    await expect
      .poll(() => page.locator('.lapangan-resident__name').allTextContents())
      .toEqual([RESIDENT.name, SECOND.name]);

    await page.locator(`a[href="/lapangan/permohonan/${draftLeft}"]`).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(REPLACEMENT.name.id);
    expect(await page.locator('#f-nik').inputValue()).toBe(RESIDENT.nik);
    expect(await page.locator('#f-fullName').inputValue()).toBe(RESIDENT.name);
    expect(await page.locator('#f-phone').inputValue()).toBe(VALID.phone);
    // fillForm chose the first reason, "hilang": the police report applies, the damaged card does not.
    const rules = evaluate({
      form: REPLACEMENT.form,
      answers: { reason: 'hilang' },
      attachments: {},
      today: new Date(),
    });
    const documents = REPLACEMENT.form.fields.filter(
      (f) => f.kind === 'document' && f.required && rules.relevant(f.key),
    );
    expect(documents.length).toBeGreaterThan(0);
    for (const f of documents) {
      const thumb = page
        .locator('fieldset', { has: page.locator(`#f-${f.key}`) })
        .locator('img.thumb')
        .first();
      await thumb.waitFor({ timeout: 15_000 });
      // The photo opened with the key: a real picture, not a broken image.
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
    }
    await send(draftLeft);

    const entries = await outboxEntries(page);
    expect(entries).toHaveLength(3);
    expect(
      entries.every((e) => e.kind === 'sealed' && e.channel === 'field' && e.state === 'queued' && !('record' in e)),
    ).toBe(true);
    await expectNothingReadable('after the third Kirim');
    // Nothing left the tablet yet.
    expect(await server.db.query("select id from applications where channel = 'field'")).toEqual([]);
  });

  it('the sync summary counts what waits; “Ekspor ke berkas” downloads a .nlx the office imports once; the later sync adds nothing: the office sees all three once', async () => {
    await page.getByRole('link', { name: 'Ringkasan sinkron' }).click();
    await expect.poll(() => h1(page)).toBe('Ringkasan sinkron');
    await expect.poll(() => page.locator('.lapangan-sync__queued').textContent()).toBe('3');
    expect(Number(await page.locator('.lapangan-sync__photos').textContent())).toBeGreaterThan(0);
    expect(await page.locator('.lapangan-sync__bytes').textContent()).toMatch(/\d+(,\d)? (KB|MB)$/);
    expect(await page.locator('.lapangan-sync__offline').textContent()).toMatch(/^Tanpa sinyal/);
    await expectAccessible(page, '/lapangan/sinkron');

    const exportButton = page.getByRole('button', { name: 'Ekspor ke berkas' });
    await expect.poll(() => exportButton.isEnabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^nusa-layan-\d{4}-\d{2}-\d{2}-3-permohonan\.nlx$/);
    await expect
      .poll(() => page.locator('.lapangan-export__done').textContent())
      .toMatch(/tetap di antrean dan tidak akan tercatat dua kali/);
    const bytes = await readFile((await download.path())!);
    expect((await outboxEntries(page)).map((e) => e.state)).toEqual(['queued', 'queued', 'queued']); // the entries stay queued

    const res = await server.app.inject({
      method: 'POST',
      url: '/api/office/imports',
      headers: { 'content-type': EXPORT_MEDIA_TYPE, cookie: officer.cookie!, 'x-csrf-token': officer.csrf! },
      payload: bytes,
    });
    expect(res.statusCode, res.body).toBe(200);
    const imported = ImportResponse.parse(res.json());
    expect(imported.results.map((r) => [r.id, r.status]).sort()).toEqual(
      submitted.map((id) => [id, 'accepted']).sort(),
    );
    const stored = new Map<string, Awaited<ReturnType<typeof storedApplications>>>();
    for (const id of submitted) {
      const rows = await storedApplications(id);
      expect(rows).toEqual([expect.objectContaining({ channel: 'field', collected_by: fieldAccountId })]);
      stored.set(id, rows);
    }
    // The office's detail names the collecting officer.
    expect(await getApplication(server.db, 'all', submitted[0]!)).toMatchObject({
      collectedBy: { accountId: fieldAccountId, name: 'Bu Lailatul' },
    });

    // Without signal the button says so; back in coverage (the tablet restarted) the device's own
    // sync delivers the same records — nothing doubled.
    await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect
      .poll(() => page.locator('.lapangan-sync__report').textContent(), { timeout: 30_000 })
      .toMatch(/^Belum ada sinyal\. Terkirim 0, masih menunggu 3\.$/);
    await restartOnline(`${server.url}/lapangan/sinkron`);
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    await enterPin(PIN);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Ringkasan sinkron');
    await page
      .getByRole('button', { name: 'Sinkronkan sekarang' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await expect.poll(() => page.locator('.lapangan-sync__queued').textContent(), { timeout: 60_000 }).toBe('0');
    await expect.poll(() => page.locator('.lapangan-sync__delivered').textContent()).toBe('3');
    for (const id of submitted) expect(await storedApplications(id)).toEqual(stored.get(id));
    expect(
      await server.db.query<{ n: number }>("select count(*)::int as n from applications where channel = 'field'"),
    ).toEqual([{ n: 3 }]);
    await page.getByRole('link', { name: 'Daftar warga' }).click();
    const numbers = submitted.map((id) => `Terkirim, nomor ${stored.get(id)![0]!.tracking_number}`).sort();
    await expect
      .poll(async () => (await page.locator('.lapangan-app__state').allTextContents()).sort())
      .toEqual(numbers);
  });

  it('a resident’s complaint photo on the officer’s tablet: refused while locked, and at “Kirim” once unlocked, each with its reason; what was typed stays', async () => {
    // A fresh page on the tablet is locked: nothing can be stored plain, and the screen says why.
    // (The tests after this one start at /lapangan: `finally` goes back there whatever happens.)
    try {
      await complaintOnTablet();
    } finally {
      await page.goto(`${server.url}/lapangan`);
    }
  });

  async function complaintOnTablet(): Promise<void> {
    const fillComplaint = async () => {
      await page.getByRole('radio', { name: 'Sebuah kantor' }).check();
      await page.locator('#c-office').selectOption(OFFICE);
      await page.locator('#c-what').fill('Loket tutup sebelum jam layanan berakhir.');
      await page.locator('#c-when').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
      await page.getByRole('radio', { name: 'Biasa' }).check();
      await page.locator('#c-name').fill('Siti Aminah');
      await page.locator('#c-phone').fill('081234567890');
    };
    const pickPhoto = async () =>
      page
        .locator('#c-photo')
        .setInputFiles({ name: 'loket.jpg', mimeType: 'image/jpeg', buffer: await documentPhoto(page, 'loket tutup') });

    await page.goto(`${server.url}/pengaduan`);
    await fillComplaint();
    await pickPhoto();
    await expect
      .poll(() => page.getByText('Tablet ini dipakai petugas lapangan dan sedang terkunci', { exact: false }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    expect(await page.locator('.thumbs img').count()).toBe(0);

    // Unlocked (the PIN, then the complaint screen in the same page): the photo is stored sealed
    // under the officer's key, which the plain outbox could never deliver — "Kirim" says so at once.
    await page.goto(`${server.url}/lapangan`);
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    await enterPin(PIN);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Warga perjalanan ini');
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = '/pengaduan';
      document.body.append(a);
      a.click();
    });
    await expect.poll(() => page.locator('#c-what').count()).toBe(1);
    await fillComplaint();
    await pickPhoto();
    await expect.poll(() => page.locator('.thumbs img').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain(
        'Tablet ini dipakai petugas lapangan: foto di sini terkunci dengan kunci petugas. Kirim pengaduan dari ponsel Anda sendiri atau minta bantuan petugas.',
      );
    expect(await page.locator('#c-what').inputValue()).toBe('Loket tutup sebelum jam layanan berakhir.');
    expect((await outboxEntries(page)).filter((e) => (e as { kind?: string }).kind === 'complaint')).toEqual([]);
    await expectNothingReadable('after a resident’s photo on the officer’s tablet');
    // The complaint form is not kept in web storage on an officer's tablet (a resident's phone keeps it).
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain(
      'Loket tutup',
    );
  }

  it('five wrong PINs lock the officer’s data until the next online sign-in', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('Buka dengan PIN');
    for (let left = 4; left >= 1; left--) {
      await enterPin('111111');
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(`PIN salah. Sisa percobaan: ${left}.`);
    }
    await enterPin('111111');
    await expect
      .poll(() => page.locator('.lapangan__notice').textContent())
      .toMatch(/^Terlalu banyak PIN salah\. Data petugas di tablet ini dikunci/);
    const stores = await fieldStores(page);
    const [row] = JSON.parse(stores.find((d) => d.store === 'officer')!.json) as Array<Record<string, unknown>>;
    expect(row).not.toHaveProperty('wrappedKey');
    expect(row).not.toHaveProperty('secret');
    expect(stores.find((d) => d.store === 'residents')!.rows).toBe(0);
    // The drafts and photos sealed under the lost key went with it (the office has the applications).
    const dumps = await dumpIndexedDb(page);
    expect(draftsStore(dumps)).not.toContain('"sealed":"');
    expect(whereFound(dumps, '"sealedAtRest":true')).toEqual([]);

    // Even the right PIN no longer opens anything: a reload still asks for an online sign-in.
    await page.reload();
    await expect
      .poll(() => page.locator('#lapangan-signin-title').textContent())
      .toBe('Masuk sebagai petugas lapangan');
    expect(await page.getByLabel('PIN', { exact: true }).count()).toBe(0);
    await page.getByLabel('Nama pengguna').fill('jemput.bola');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Tidak ada sinyal. Masuk pertama kali memerlukan internet.');

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
    await expect
      .poll(() => page.locator('.lapangan__notice').textContent(), { timeout: 15_000 })
      .toBe('Anda sudah keluar. Data petugas sudah dihapus dari tablet ini.');
    expect(await databaseNames(page)).not.toContain('nusalayan-field');
    const dump = await dumpIndexedDb(page);
    expect(dump.find((d) => d.db === 'nusalayan-field-keys' && d.store === 'signing')?.rows ?? 0).toBe(0);
    for (const d of dump) {
      expect(d.json, `${d.db}/${d.store}`).not.toContain(draftId);
      expect(d.json, `${d.db}/${d.store}`).not.toContain('Siti Aminah');
    }
    // The server forgot the token too: a new sign-in is needed.
    await page.goto(`${server.url}/lapangan`);
    await expect
      .poll(() => page.locator('#lapangan-signin-title').textContent())
      .toBe('Masuk sebagai petugas lapangan');
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
    await expect
      .poll(() => page.locator('.lapangan__notice').textContent(), { timeout: 15_000 })
      .toBe('Akun ini sudah dinonaktifkan. Data petugas sudah dihapus dari tablet ini.');
    expect(await databaseNames(page)).not.toContain('nusalayan-field');
    for (const d of await dumpIndexedDb(page)) expect(d.json, `${d.db}/${d.store}`).not.toContain(RESIDENT.nik);
  });
});
