// Screenshot references of every screen in Indonesian (issue #18), in real Chromium: each resident
// screen on a 360 × 740 phone (full page, cut at 3 screens' height) with no sideways overflow, each
// kiosk screen at 1280 × 800 and each back-office screen at 1366 × 900 (full page, cut at 2 screens),
// compared with the PNGs under tests/e2e/__screenshots__/ by tests/support/screenshot-compare.ts.
// Beyond the shared tours: a document issued to the resident (its cover sheet and public verification
// page), a withdrawal, the offline "needs a connection" page, the field officer's screens (PIN, residents,
// form, review, sync summary waiting and sent, PIN unlock), the kiosk's idle warning, the counter's
// receipt and the dashboard with the server's data.
// Regenerate after a deliberate change: `npm run build && UPDATE_SCREENSHOTS=1 npx vitest run
// tests/e2e/screenshots.test.ts`, then review the images before committing them.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, wibClock } from '../../src/domain/time/wib.ts';
import { SEED_OFFICES } from '../../src/server/catalogue/seed/offices.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { type Creds, createAccount, enrolKiosk, firstAdministrator } from '../support/accounts.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { installedAppPage } from '../support/browser.ts';
import { fillForm, VALID } from '../support/fill-form.ts';
import { issueDocument } from '../support/issued-documents.ts';
import { kioskTour, residentLaterTour, residentTour } from '../support/screen-tours.ts';
import { compareImages } from '../support/screenshot-compare.ts';
import {
  assertReferenceFonts,
  freezeClock,
  photographer,
  type ScreenSet,
  sidewaysOverflow,
  VOLATILE_TEXT,
} from '../support/screenshots.ts';

const ADMIN_PASSWORD = 'layar-admin-password-1';

const PHONE: ScreenSet = { name: 'phone-360x740', maxHeight: 3 * 740, checkOverflow: true };
const KIOSK: ScreenSet = { name: 'kiosk-1280x800', maxHeight: 2 * 800, checkOverflow: false };
const OFFICE: ScreenSet = { name: 'office-1366x900', maxHeight: 2 * 900, checkOverflow: false };

const FIELD_OFFICE = 'kecamatan-raas';
const FIELD_PASSWORD = 'perahu-talango-2024';
const FIELD_SERVICE = SEED_SERVICES.find((s) => s.id === 'ktp-el-baru')!;

let server: InProcessServer;
let admin: Creds;
/** The resident tour's application (delivered), completed with a document later. */
let tourApplicationId = '';
const dirs: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Before anything else: references made with other fonts compare as garbage.
  assertReferenceFonts();
  server = await startInProcessServer();
  admin = await firstAdministrator(server.app, server.db, ADMIN_PASSWORD);
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/**
 * The dashboard's period made to cover the server's data: the page's clock is fixed (freezeClock) but
 * the server stamps applications with its real one, so the default period (the page's last 30 days)
 * may hold nothing. The 30 days up to the server's today (WIB) are asked for, then its table waited for.
 */
async function showServerPeriod(page: Page): Promise<void> {
  const today = wibClock(new Date()).date;
  await page.locator('#dash-from').fill(addDays(today, -30));
  await page.locator('#dash-to').fill(today);
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await page.locator('table.office-dashboard tbody tr').first().waitFor({ timeout: 15_000 });
}

/** Waits until no "Memuat…" (loading) is left on the screen. */
async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.innerText.includes('Memuat'), undefined, { timeout: 30_000 });
}

/** A photographer whose pictures wait for the screen's loading notes to go first. */
function loadedPhotographer(page: Page, set: ScreenSet) {
  const p = photographer(page, set);
  const shoot = async (screen: string) => {
    await loaded(page);
    await p.shoot(screen);
  };
  return { ...p, shoot };
}

describe('screenshots', () => {
  it('every resident screen on a 360 × 740 phone matches its reference and does not overflow sideways', async () => {
    const page = await installedAppPage(
      server.url,
      'nusa-shots-phone-',
      { dirs, contexts },
      { viewport: { width: 360, height: 740 }, prepare: freezeClock },
    );
    const { shoot, failures, shot } = photographer(page, PHONE);
    ({ applicationId: tourApplicationId } = await residentTour(page, server.url, async (screen) => {
      await loaded(page);
      await shoot(screen);
    }));
    // The screens the tour does not pass through.
    await page.goto(`${server.url}/kantor/${SEED_OFFICES[0]!.id}`);
    await shoot('office page');
    await page.goto(`${server.url}/survei`);
    await shoot('survey');
    await page.goto(`${server.url}/lapangan/masuk`);
    await shoot('field officer sign-in');
    await page.goto(`${server.url}/halaman-yang-tidak-ada`);
    await shoot('not found');
    console.info(`phone: ${shot.length} screens`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('every kiosk screen at 1280 × 800 matches its reference', async () => {
    const page = await installedAppPage(
      server.url,
      'nusa-shots-kiosk-',
      { dirs, contexts },
      { viewport: { width: 1280, height: 800 }, prepare: freezeClock },
    );
    const { shoot, failures, shot } = photographer(page, KIOSK);
    const token = (await enrolKiosk(server.app, admin, 'desa-talango')).bearer!;
    await kioskTour(page, server.url, token, async (screen) => {
      // The receipt changes from the provisional code to the tracking number on delivery: shown delivered.
      if (screen === 'kiosk receipt')
        await expect
          .poll(() => page.locator('.kiosk-receipt__code').getAttribute('data-provisional'), { timeout: 30_000 })
          .toBe('false');
      // Whether the delivered entry has become a staff receipt yet depends on which path delivered it
      // (the page or the service worker): "Sinkronkan sekarang" settles it, then the panel lists it.
      if (screen === 'kiosk staff panel') {
        await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
        await expect.poll(() => page.locator('.kiosk-staff__report').textContent()).not.toBe('');
        await page.locator('.kiosk-staff__receipts tbody tr').first().waitFor({ timeout: 30_000 });
      }
      await loaded(page);
      await shoot(screen);
    });
    console.info(`kiosk: ${shot.length} screens`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('every back-office screen at 1366 × 900 matches its reference', async () => {
    const page = await installedAppPage(
      server.url,
      'nusa-shots-office-',
      { dirs, contexts },
      { viewport: { width: 1366, height: 900 }, prepare: freezeClock },
    );
    const { shoot, failures, shot } = photographer(page, OFFICE);
    // The resident's application and complaint and the kiosk's application, all delivered.
    await expect
      .poll(async () => (await server.db.query('select id from applications')).length, { timeout: 30_000 })
      .toBe(2);
    await expect
      .poll(async () => (await server.db.query('select id from complaints')).length, { timeout: 30_000 })
      .toBe(1);

    await page.goto(`${server.url}/petugas`);
    await page.waitForURL(/\/petugas\/masuk/);
    await shoot('sign-in');
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(`${server.url}/petugas`);
    await expect.poll(() => page.locator('tr.office-queue__row').count(), { timeout: 15_000 }).toBe(2);
    await loaded(page);
    await shoot('queue');

    const [first] = await server.db.query<{ id: string }>(
      "select id::text from applications where channel <> 'kiosk' order by received_at limit 1",
    );
    await page.goto(`${server.url}/petugas/permohonan/${first!.id}`);
    await expect
      .poll(
        () =>
          page
            .locator('img.office-documents__photo')
            .first()
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        { timeout: 15_000 },
      )
      .toBe(true);
    await loaded(page);
    await shoot('application detail');

    const [complaint] = await server.db.query<{ id: string }>('select id::text from complaints limit 1');
    const screens: Array<[string, string]> = [
      ['counter', '/petugas/loket'],
      ['dashboard', '/petugas/dasbor'],
      ['catalogue editor', '/petugas/katalog'],
      ['complaints', '/petugas/pengaduan'],
      ['complaint detail', `/petugas/pengaduan/${complaint!.id}`],
      ['satisfaction survey', '/petugas/skm'],
      ['import', '/petugas/impor'],
      ['forms', '/petugas/formulir'],
      ['form editor', '/petugas/formulir/surat-pengantar'],
      ['accounts', '/petugas/akun'],
      ['devices', '/petugas/perangkat'],
      ['holidays', '/petugas/libur'],
      ['audit log', '/petugas/audit'],
      ['failed notices', '/petugas/pesan-gagal'],
    ];
    for (const [screen, path] of screens) {
      await page.goto(`${server.url}${path}`);
      await page.locator('h1').first().waitFor();
      if (screen === 'dashboard') await showServerPeriod(page);
      await loaded(page);
      await shoot(screen);
    }

    // A walk-in at the counter, saved: its receipt.
    const walkIn = SEED_SERVICES.find((s) => s.id === 'pendaftaran-puskesmas')!;
    await page.goto(`${server.url}/petugas/loket`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Loket: permohonan langsung');
    await page.getByLabel('Kantor loket').selectOption('puskesmas-talango');
    await page.getByLabel('Layanan', { exact: true }).selectOption(walkIn.id);
    await page.getByLabel('Nama warga yang datang').fill('Bapak Sutrisno');
    await fillForm(page, walkIn.form.fields, { documents: false });
    await page.getByLabel('Warga setuju datanya diproses untuk layanan ini.').check();
    await page.getByRole('button', { name: 'Simpan dan cetak tanda terima' }).click();
    await page.locator('.office-receipt__number').waitFor({ timeout: 15_000 });
    await page.locator('.office-receipt svg.qr').waitFor();
    await shoot('counter receipt');
    console.info(`office: ${shot.length} screens`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('the resident’s issued document, its cover sheet and verification, a withdrawal and the offline page match their references', async () => {
    const page = contexts[0]!.pages()[0]!;
    const { shoot, failures, shot } = loadedPhotographer(page, PHONE);
    await residentLaterTour(page, server.url, tourApplicationId, (id) => issueDocument(server.app, admin, id), shoot);
    console.info(`phone, later: ${shot.length} screens`);
    expect(failures).toEqual([]);
  }, 180_000);

  it('the field officer’s screens on a 360 × 740 phone match their references and do not overflow sideways', async () => {
    await createAccount(server.app, admin, {
      username: 'jemput.bola',
      name: 'Bu Lailatul',
      role: 'field-officer',
      officeIds: [FIELD_OFFICE],
      password: FIELD_PASSWORD,
    });
    const page = await installedAppPage(
      server.url,
      'nusa-shots-field-',
      { dirs, contexts },
      { viewport: { width: 360, height: 740 }, prepare: freezeClock },
    );
    const { shoot, failures, shot } = loadedPhotographer(page, PHONE);
    const h1 = () => page.locator('h1').first().textContent();
    await page.goto(`${server.url}/lapangan/masuk`);
    await expect
      .poll(() => page.locator('#lapangan-signin-title').textContent())
      .toBe('Masuk sebagai petugas lapangan');
    await page.getByLabel('Nama pengguna').fill('jemput.bola');
    await page.getByLabel('Kata sandi').fill(FIELD_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(h1, { timeout: 15_000 }).toBe('Buat PIN');
    await shoot('field officer sets a PIN');
    await page.getByLabel('PIN baru (minimal 6 angka)').fill('482916');
    await page.getByLabel('Ulangi PIN').fill('482916');
    await page.getByRole('button', { name: 'Simpan PIN' }).click();
    await expect.poll(h1, { timeout: 30_000 }).toBe('Warga perjalanan ini');

    // On the trip, without signal: a resident, an application for them, sent into the outbox.
    await page.context().setOffline(true);
    await page.getByLabel('Nama lengkap', { exact: true }).fill('Siti Aminah');
    await page.getByLabel('NIK (16 angka)').fill(VALID.nik);
    await page.getByLabel('Desa', { exact: true }).fill('Talango');
    await page.getByRole('button', { name: 'Tambah warga' }).click();
    await page.locator('.lapangan-resident__name', { hasText: 'Siti Aminah' }).waitFor();
    await shoot('field residents');
    await page.getByLabel('Layanan untuk Siti Aminah').selectOption(FIELD_SERVICE.id);
    await page.getByRole('button', { name: 'Mulai permohonan' }).click();
    await expect.poll(h1, { timeout: 15_000 }).toBe(FIELD_SERVICE.name.id);
    await fillForm(page, FIELD_SERVICE.form.fields, { documents: true });
    await shoot('field application form');
    await page.getByRole('button', { name: 'Periksa permohonan' }).click();
    await page.getByRole('checkbox').check();
    await shoot('field application review');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await expect.poll(h1, { timeout: 15_000 }).toBe('Warga perjalanan ini');
    await page.locator('.lapangan-app[data-state="queued"]').waitFor();
    await shoot('field residents, application waiting');

    // The sync summary while it waits, then once back in coverage it has gone.
    await page.getByRole('link', { name: 'Ringkasan sinkron' }).click();
    await expect.poll(h1, { timeout: 15_000 }).toBe('Ringkasan sinkron');
    await expect.poll(() => page.locator('.lapangan-sync__queued').textContent()).toBe('1');
    await shoot('field sync, waiting for a signal');
    await page.context().setOffline(false);
    await expect.poll(() => page.locator('.lapangan-sync__delivered').textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => page.locator('.lapangan-sync__queued').textContent()).toBe('0');
    await shoot('field sync, sent');
    // Opened again, the officer's data stays locked until the PIN.
    await page.reload();
    await expect.poll(h1, { timeout: 15_000 }).toBe('Buka dengan PIN');
    await shoot('field PIN unlock');
    console.info(`field: ${shot.length} screens`);
    expect(failures).toEqual([]);
  }, 180_000);

  it('gives every wording of a relative time one stand-in, whichever clock stamped it', () => {
    // A delivery the service worker stamped (its clock is real) reads "dalam 18 hari" on a page whose
    // clock is fixed; one the page stamped reads "menit ini": the picture must not depend on which.
    const standIn = (text: string) => VOLATILE_TEXT.reduce((t, [re, to]) => t.replace(re, to), text);
    const wordings = ['dalam 18 hari', '3 menit yang lalu', '2 jam lalu', 'menit ini', 'Kemarin', 'besok'];
    expect(new Set(wordings.map(standIn))).toEqual(new Set(['menit ini']));
  });

  it('a block moved by 8 px or a heading that wraps fails the comparison', async () => {
    // The comparison of real screens, not only of drawn test images: the home screen as it is, then
    // with its heading 8 px lower, then with the heading made to wrap.
    const page = contexts[0]!.pages()[0]!;
    await page.goto(`${server.url}/`);
    await page.locator('h1').first().waitFor();
    const picture = async () => PNG.sync.read(await page.screenshot({ animations: 'disabled', caret: 'hide' }));
    const style = (css: string) =>
      page.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [sheet];
      }, css);
    const before = await picture();
    expect(compareImages(before, await picture()).pass).toBe(true);
    await style('main h1 { position: relative; top: 8px; }');
    const moved = compareImages(before, await picture());
    await style('main h1 { max-width: 8em; }');
    const wrapped = compareImages(before, await picture());
    console.info(`moved by 8 px: ${moved.reason}; wrapped: ${wrapped.reason}`);
    expect(moved.pass).toBe(false);
    expect(wrapped.pass).toBe(false);

    // And the overflow check names what sticks out at 360 px.
    await style('');
    expect((await sidewaysOverflow(page)).offenders).toEqual([]);
    await style('main h1 { width: 400px; }');
    const o = await sidewaysOverflow(page);
    expect(o.scrollWidth).toBeGreaterThan(360);
    expect(o.offenders.map((e) => e.element)).toContain('h1');
  }, 60_000);
});
