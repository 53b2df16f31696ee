// The administrator's screens (issue 16) in real Chromium: signed in through /petugas/masuk, the
// administrator creates an officer account on /petugas/akun and enrols a kiosk on /petugas/perangkat
// (its one-time token shown as text and QR), then a tablet enrolled with that token serves a walk-in
// resident whose application reaches the server from the kiosk; the holiday calendar on
// /petugas/libur takes a day of the next year and gives it back; a password reset's one-time code,
// shown once, lets the officer sign in and choose a new password. axe on every new screen.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPublicJwk, generateSigningKeyPair, jwkThumbprint } from '../../src/domain/crypto/keys.ts';
import { createAdministrator } from '../../src/server/auth/accounts.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { signIn as apiSignIn, createAccount, fieldToken } from '../support/accounts.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { fillForm } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

const OFFICE = 'desa-talango';
const SERVICE = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;
const ADMIN_PASSWORD = 'admin-kabupaten-2026';
const OFFICER_PASSWORD = 'petugas-talango-2026';
const PIN = '573904';
/** Waits that follow a request to the server: a loaded machine answers slowly. */
const SLOW = { timeout: 15_000 };

let server: InProcessServer;
const dirs: string[] = [];
const contexts: BrowserContext[] = [];
let admin: Page;
let token: string;

async function appPage(): Promise<Page> {
  const dir = await tempDir('nusa-admin-');
  dirs.push(dir);
  const context = await openProfile(dir);
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
  return page;
}

/** The SVG path QrCode draws for a text: what a tablet scanning it would read. */
function qrPath(text: string): string {
  let path = '';
  for (const [y, row] of encode(text, { ecc: 'M', border: 2 }).data.entries()) {
    for (const [x, dark] of row.entries()) if (dark) path += `M${x} ${y}h1v1h-1z`;
  }
  return path;
}

beforeAll(async () => {
  server = await startInProcessServer();
  // The first administrator, as main.ts makes it from ADMIN_USERNAME; everything else on the screens.
  expect(await createAdministrator(server.db, 'admin', ADMIN_PASSWORD, { onlyIfNone: true, via: 'environment' })).toBe(
    'created',
  );
  admin = await appPage();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('administrator screens', () => {
  it('create an officer account', async () => {
    await admin.goto(`${server.url}/petugas/masuk`);
    await admin.getByLabel('Nama pengguna').fill('admin');
    await admin.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: 'Masuk', exact: true }).click();
    await admin.waitForURL(/\/petugas$/);
    await admin.getByRole('link', { name: 'Akun petugas' }).click();
    await expect.poll(() => admin.locator('h1').textContent(), SLOW).toBe('Akun petugas');
    await expect.poll(() => admin.locator('table.admin-accounts tbody tr').count(), SLOW).toBe(1);
    await expectAccessible(admin, '/petugas/akun');

    await admin.getByLabel('Nama pengguna').fill('petugas.talango');
    await admin.getByLabel('Nama lengkap').fill('Petugas Desa Talango');
    await admin.getByLabel('Peran').selectOption('officer');
    await expect.poll(() => admin.locator(`#account-offices option[value="${OFFICE}"]`).count(), SLOW).toBe(1);
    await admin.locator('#account-offices').selectOption([OFFICE]);
    await admin.getByLabel('Kata sandi awal').fill(OFFICER_PASSWORD);
    await admin.getByRole('button', { name: 'Buat akun' }).click();
    // The server hashes the password first (scrypt): on a loaded machine that takes a while.
    await expect
      .poll(() => admin.locator('.admin-message').textContent(), { timeout: 15_000 })
      .toBe('Akun petugas.talango dibuat.');
    const row = admin.locator('table.admin-accounts tbody tr', { hasText: 'petugas.talango' });
    await expect.poll(() => row.count(), SLOW).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe('petugas');
    expect(await row.locator('td').nth(2).textContent()).toContain('Talango');
    await expectAccessible(admin, '/petugas/akun with a new account');
    // The new officer signs in, bound to the office the screen chose.
    const [account] = await server.db.query<{ role: string; office_ids: string[] }>(
      `select a.role, array(select office_id from account_offices o where o.account_id = a.id) as office_ids
         from accounts a where a.username = 'petugas.talango'`,
    );
    expect(account).toEqual({ role: 'officer', office_ids: [OFFICE] });
    await apiSignIn(server.app, 'petugas.talango', OFFICER_PASSWORD);
  });

  it('enrol a kiosk, showing its one-time token as text and QR code', async () => {
    await admin.getByRole('link', { name: 'Perangkat kios' }).click();
    await expect.poll(() => admin.locator('h1').textContent(), SLOW).toBe('Perangkat kios');
    await expectAccessible(admin, '/petugas/perangkat');
    await admin.getByLabel('Nama perangkat').fill('Kios Balai Desa Talango');
    await expect.poll(() => admin.locator(`#device-office option[value="${OFFICE}"]`).count(), SLOW).toBe(1);
    await admin.locator('#device-office').selectOption(OFFICE);
    await admin.getByRole('button', { name: 'Daftarkan' }).click();
    const text = admin.locator('.admin-token__text');
    await expect.poll(() => text.count(), SLOW).toBe(1);
    token = (await text.textContent())!;
    expect(token).toMatch(/^nlk_/);
    const qr = admin.locator('.admin-token svg.qr');
    expect(await qr.getAttribute('aria-label')).toBe('Kode QR berisi token perangkat Kios Balai Desa Talango');
    expect(await qr.locator('path').getAttribute('d')).toBe(qrPath(token));
    const row = admin.locator('table.admin-devices tbody tr', { hasText: 'Kios Balai Desa Talango' });
    await expect.poll(() => row.locator('td').nth(2).textContent(), SLOW).toBe('Aktif');
    await expectAccessible(admin, '/petugas/perangkat with a token shown');
    // Shown once: a reload does not bring it back.
    await admin.reload();
    await expect.poll(() => admin.locator('table.admin-devices tbody tr').count(), SLOW).toBe(1);
    expect(await admin.locator('.admin-token__text').count()).toBe(0);
  });

  it('the kiosk enrolled with that token serves a walk-in resident', async () => {
    const kiosk = await appPage();
    await kiosk.goto(`${server.url}/kios/daftar`);
    await kiosk.getByLabel('Token perangkat dari administrator').fill(token);
    await kiosk.getByLabel('PIN petugas baru (4–8 angka)').fill(PIN);
    await kiosk.getByLabel('Ulangi PIN petugas').fill(PIN);
    await kiosk.getByRole('button', { name: 'Daftarkan' }).click();
    await kiosk.waitForURL(/\/kios$/, { timeout: 30_000 });
    await expect.poll(() => kiosk.locator('h1').textContent(), { timeout: 30_000 }).toBe('Selamat datang');
    await expect.poll(() => kiosk.locator('.kiosk__office').textContent(), SLOW).toContain('Talango');

    await kiosk.getByRole('button', { name: new RegExp(`^${SERVICE.name.id}`) }).click();
    await expect.poll(() => kiosk.locator('h1').textContent(), SLOW).toBe(SERVICE.name.id);
    await fillForm(kiosk, SERVICE.form.fields, { documents: true });
    await kiosk.getByRole('button', { name: 'Periksa permohonan' }).click();
    await kiosk.getByRole('checkbox').check();
    await kiosk.getByRole('button', { name: 'Kirim' }).click();
    // Online, the tablet delivers at once: the receipt turns from the provisional code to the tracking number.
    const code = kiosk.locator('.kiosk-receipt__code[data-provisional="false"]');
    await expect.poll(() => code.count(), { timeout: 30_000 }).toBe(1);
    const rows = await server.db.query<{ tracking_number: string; channel: string; service_id: string }>(
      'select tracking_number, channel, service_id from applications',
    );
    expect(rows).toEqual([{ tracking_number: await code.textContent(), channel: 'kiosk', service_id: SERVICE.id }]);
  });

  it('keep the holiday calendar: a day of the next year added, then removed', async () => {
    await admin.getByRole('link', { name: 'Hari libur' }).click();
    await expect.poll(() => admin.locator('h1').textContent(), SLOW).toBe('Kalender hari libur');
    await expect.poll(() => admin.locator('table.admin-holidays tbody tr').count(), SLOW).toBe(25);
    expect(await admin.locator('.notice').textContent()).toContain('Hari libur tahun 2027 belum dimasukkan');
    await expectAccessible(admin, '/petugas/libur');

    await admin.getByLabel('Tanggal').fill('2027-01-01');
    await admin.getByLabel('Jenis').selectOption('national');
    await admin.getByLabel('Nama').fill('Tahun Baru 2027 Masehi');
    await admin.getByRole('button', { name: 'Simpan' }).click();
    await expect
      .poll(() => admin.locator('.admin-message').textContent(), SLOW)
      .toMatch(/^1 Januari 2027 disimpan sebagai hari libur\./);
    await expect.poll(() => admin.locator('table.admin-holidays tbody tr').count(), SLOW).toBe(26);
    expect(await admin.locator('.notice').count()).toBe(0);
    await expectAccessible(admin, '/petugas/libur after a change');

    await admin.getByRole('button', { name: 'Hapus hari libur 1 Januari 2027' }).click();
    await expect.poll(() => admin.locator('table.admin-holidays tbody tr').count(), SLOW).toBe(25);
    const days = await server.db.query<{ n: number }>(
      `select count(*)::int as n from holidays where day >= '2027-01-01'`,
    );
    expect(days).toEqual([{ n: 0 }]);
  });

  it('reset an officer’s password with a one-time code; the officer signs in with it and sets a new one', async () => {
    await admin.getByRole('link', { name: 'Akun petugas' }).click();
    await expect.poll(() => admin.locator('h1').textContent(), SLOW).toBe('Akun petugas');
    await admin.getByRole('button', { name: 'Atur ulang kata sandi petugas.talango dengan kode sekali pakai' }).click();
    const text = admin.locator('.admin-token__text');
    await expect.poll(() => text.count(), { timeout: 15_000 }).toBe(1);
    const code = (await text.textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await admin.locator('#reset-code-title').textContent()).toBe('Kode sekali pakai untuk petugas.talango');
    await expectAccessible(admin, '/petugas/akun with a one-time code shown');
    // The old password stopped at once.
    const old = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'petugas.talango', password: OFFICER_PASSWORD },
    });
    expect(old.statusCode).toBe(401);

    const officer = await appPage();
    await officer.goto(`${server.url}/petugas/masuk`);
    await officer.getByLabel('Nama pengguna').fill('petugas.talango');
    await officer.getByLabel('Kata sandi').fill(code);
    await officer.getByRole('button', { name: 'Masuk', exact: true }).click();
    // The code opens no session: the form asks for a new password first.
    await expect.poll(() => officer.getByLabel('Ulangi kata sandi baru').count(), SLOW).toBe(1);
    expect(officer.url()).toMatch(/\/petugas\/masuk$/);
    await expectAccessible(officer, '/petugas/masuk choosing a new password');
    await officer.getByLabel('Kata sandi baru (paling sedikit 12 karakter)').fill('sandi-pilihan-sendiri-1');
    await officer.getByLabel('Ulangi kata sandi baru').fill('sandi-pilihan-sendiri-2');
    await officer.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
    await expect.poll(() => officer.getByRole('alert').textContent(), SLOW).toBe('Kedua kata sandi baru tidak sama.');
    await officer.getByLabel('Ulangi kata sandi baru').fill('sandi-pilihan-sendiri-1');
    await officer.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
    await officer.waitForURL(/\/petugas$/, SLOW);
    await apiSignIn(server.app, 'petugas.talango', 'sandi-pilihan-sendiri-1');
    const used = await server.db.query<{ used: boolean }>(
      `select used_at is not null as used from password_reset_codes r join accounts a on a.id = r.account_id
        where a.username = 'petugas.talango'`,
    );
    expect(used).toEqual([{ used: true }]);
  });

  it('revoke a field officer’s device key; the server refuses the key from then on', async () => {
    const api = await apiSignIn(server.app, 'admin', ADMIN_PASSWORD);
    await createAccount(server.app, api, {
      username: 'jemput.bola',
      name: 'Petugas Lapangan Talango',
      role: 'field-officer',
      officeIds: [OFFICE],
      password: OFFICER_PASSWORD,
    });
    const field = await fieldToken(server.app, 'jemput.bola', OFFICER_PASSWORD);
    const publicKey = await exportPublicJwk((await generateSigningKeyPair()).publicKey);
    const register = () =>
      server.app.inject({
        method: 'POST',
        url: '/api/field/device-keys',
        headers: { authorization: `Bearer ${field.bearer}` },
        payload: { publicKey },
      });
    expect((await register()).statusCode).toBe(201);
    const keyId = await jwkThumbprint(publicKey);

    await admin.getByRole('link', { name: 'Perangkat kios' }).click();
    const row = admin.locator('table.admin-field-keys tbody tr', { hasText: 'jemput.bola' });
    await expect.poll(() => row.locator('td').nth(2).textContent(), SLOW).toBe('Aktif');
    expect(await row.locator('code').textContent()).toBe(keyId.slice(0, 10));
    await expectAccessible(admin, '/petugas/perangkat with a field officer’s key');
    await row.getByRole('button', { name: `Cabut kunci ${keyId.slice(0, 10)} milik jemput.bola` }).click();
    await expect.poll(() => row.locator('td').nth(2).textContent(), SLOW).toBe('Dicabut');
    expect(await row.getByRole('button').count()).toBe(0);
    const [stored] = await server.db.query<{ revoked: boolean }>(
      'select revoked_at is not null as revoked from field_device_keys where key_id = $1',
      [keyId],
    );
    expect(stored).toEqual({ revoked: true });
    // The tablet cannot bring the key back.
    const again = await register();
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('key_revoked');
  });

  it('change an officer’s password, disable the account and revoke the kiosk, each taking effect at once', async () => {
    const login = (password: string) =>
      server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'petugas.talango', password } });
    await admin.getByRole('link', { name: 'Akun petugas' }).click();
    const row = admin.locator('table.admin-accounts tbody tr', { hasText: 'petugas.talango' });
    await admin.getByLabel('Kata sandi baru untuk petugas.talango').fill('kata-sandi-baru-2026');
    await row.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await expect
      .poll(() => admin.locator('.admin-message').textContent(), { timeout: 15_000 })
      .toBe('Kata sandi petugas.talango diganti; semua sesinya berakhir.');
    expect((await login(OFFICER_PASSWORD)).statusCode).toBe(401);
    expect((await login('kata-sandi-baru-2026')).statusCode).toBe(200);

    await admin.getByRole('button', { name: 'Nonaktifkan petugas.talango' }).click();
    await expect.poll(() => row.locator('td').nth(3).textContent(), SLOW).toBe('Dinonaktifkan');
    expect((await login('kata-sandi-baru-2026')).statusCode).toBe(401);
    await expectAccessible(admin, '/petugas/akun with a disabled account');

    await admin.getByRole('link', { name: 'Perangkat kios' }).click();
    await admin.getByRole('button', { name: 'Cabut Kios Balai Desa Talango' }).click();
    const device = admin.locator('table.admin-devices tbody tr', { hasText: 'Kios Balai Desa Talango' });
    await expect.poll(() => device.locator('td').nth(2).textContent(), SLOW).toBe('Dicabut');
    const me = await server.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(401);
  });

  it('read the audit log filtered on the server, without the address of a failed sign-in', async () => {
    await admin.getByRole('link', { name: 'Log audit' }).click();
    await expect.poll(() => admin.locator('h1').textContent(), SLOW).toBe('Log audit');
    const rows = admin.locator('table.admin-audit tbody tr');
    await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(5);
    await expectAccessible(admin, '/petugas/audit');

    await expect.poll(() => admin.locator('#audit-actor option', { hasText: 'petugas.talango' }).count(), SLOW).toBe(1);
    await admin.getByLabel('Pelaku').selectOption({ label: 'petugas.talango' });
    await admin.getByLabel('Tindakan').fill('auth.login-failed');
    await admin.getByRole('button', { name: 'Terapkan' }).click();
    // The officer's failed sign-ins (after the reset, a wrong password, while disabled), addresses not shown.
    await expect
      .poll(() => rows.locator('td:nth-of-type(2)').allTextContents(), SLOW)
      .toEqual(['auth.login-failed', 'auth.login-failed', 'auth.login-failed']);
    for (const actor of await rows.locator('td:nth-of-type(1)').allTextContents())
      expect(actor).toContain('petugas.talango');
    const details = await rows.locator('td:nth-of-type(5)').allTextContents();
    expect(details.map((d) => /reason: ([a-z-]+)/.exec(d)?.[1]).sort()).toEqual([
      'disabled',
      'no-password',
      'password',
    ]);
    for (const d of details) expect(d).not.toMatch(/127\.0\.0\.1|ip:/);
    await expectAccessible(admin, '/petugas/audit filtered');

    // A family of actions and a day range with nothing in it.
    await admin.getByLabel('Pelaku').selectOption('');
    await admin.getByLabel('Tindakan').fill('device');
    await admin.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => rows.count(), SLOW).toBe(2);
    const actions = await rows.locator('td:nth-of-type(2)').allTextContents();
    expect(actions.sort()).toEqual(['device.enrol', 'device.revoke']);
    await admin.getByLabel('Dari tanggal').fill('2020-01-01');
    await admin.getByLabel('Sampai tanggal').fill('2020-01-31');
    await admin.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => rows.first().textContent(), SLOW).toBe('Tidak ada entri yang cocok.');
  });

  it('set an office’s correction period on the office settings screen', async () => {
    await admin.getByRole('link', { name: 'Jam & pengumuman' }).click();
    await expect.poll(() => admin.locator(`#cat-office option[value="${OFFICE}"]`).count(), SLOW).toBe(1);
    await admin.locator('#cat-office').selectOption(OFFICE);
    const days = admin.getByLabel('Masa perbaikan (hari)');
    const notice = admin.getByLabel('Beri tahu warga sebelum berakhir (hari)');
    // The default period until the office sets one.
    await expect.poll(() => days.inputValue(), SLOW).toMatch(/^\d+$/);
    await days.fill('20');
    await notice.fill('25');
    await expect
      .poll(() => admin.locator('#correction-notice-error').textContent(), SLOW)
      .toBe('Pemberitahuan harus lebih pendek dari masa perbaikan.');
    const save = admin.getByRole('button', { name: 'Simpan masa perbaikan' });
    expect(await save.isDisabled()).toBe(true);
    await expectAccessible(admin, '/petugas/katalog with a correction period too short for its notice');
    await notice.fill('5');
    await save.click();
    await expect
      .poll(() => admin.locator('.admin-message').textContent(), SLOW)
      .toBe('Masa perbaikan disimpan: 20 hari, pemberitahuan 5 hari sebelumnya.');
    const rows = await server.db.query<{ days: number; notice_days: number }>(
      'select days, notice_days from office_correction_periods where office_id = $1',
      [OFFICE],
    );
    expect(rows).toEqual([{ days: 20, notice_days: 5 }]);
    await expectAccessible(admin, '/petugas/katalog with the correction period saved');
  });

  it('choose which office types issue a service and whether its product is electronic in the form editor', async () => {
    const issuing = async () =>
      (
        await server.db.query<{ issued_by: string[] | null; electronic: boolean | null }>(
          `select doc->'issuedBy' as issued_by, (doc->>'electronicProduct')::boolean as electronic
             from catalogue_docs where collection = 'services' and id = $1`,
          [SERVICE.id],
        )
      )[0]!;
    const before = await issuing();
    await admin.goto(`${server.url}/petugas/formulir/${SERVICE.id}`);
    const village = admin.getByLabel('Kantor desa', { exact: true });
    const electronic = admin.getByLabel(/^Produk elektronik/);
    await expect.poll(() => village.count(), SLOW).toBe(1);
    expect(await village.isChecked()).toBe(false);
    expect(await electronic.isChecked()).toBe(before.electronic === true);
    await expectAccessible(admin, '/petugas/formulir/:id with the issuing offices');
    await village.check();
    await admin.getByLabel('Kantor kecamatan').check();
    await electronic.setChecked(true);
    await admin.getByRole('button', { name: 'Simpan penerbitan' }).click();
    await expect.poll(() => admin.locator('.forms-ok').textContent(), SLOW).toBe('Penerbitan disimpan.');
    expect(await issuing()).toEqual({ issued_by: ['kecamatan', 'kantor-desa'], electronic: true });
    // None ticked: the flags go, every serving office issues again and the product is collected.
    await admin.getByLabel('Kantor desa', { exact: true }).uncheck();
    await admin.getByLabel('Kantor kecamatan').uncheck();
    await admin.getByLabel(/^Produk elektronik/).uncheck();
    await admin.getByRole('button', { name: 'Simpan penerbitan' }).click();
    await expect.poll(() => issuing(), SLOW).toEqual({ issued_by: null, electronic: null });
  });
});
