// Walks through every resident screen (phone) and every kiosk screen the way a person does, calling
// `visit(screen)` on each once it is shown: the target-size and screenshot tests look at the same
// screens in the same states, from one list.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { fillForm, openStep, queueApplication } from './fill-form.ts';

export type Visit = (screen: string) => Promise<void>;

/** The service both tours apply for. */
export const TOUR_SERVICE = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;

/**
 * Home, catalogue, service page, the new application, the form filled offline, its review, the sent
 * receipt waiting for a signal, my applications, the receipt once delivered, tracking (empty and with
 * an answer), the complaint form and its card once sent (offline). The app must be installed in
 * `page`; returns the application's id and tracking number.
 */
export async function residentTour(
  page: Page,
  baseUrl: string,
  visit: Visit,
): Promise<{ applicationId: string; trackingNumber: string }> {
  const service = TOUR_SERVICE;
  await page.goto(`${baseUrl}/`);
  await visit('home');
  await page.goto(`${baseUrl}/layanan`);
  await page.locator('.service-list .card').first().waitFor();
  await visit('catalogue');
  await page.goto(`${baseUrl}/layanan/${service.id}`);
  // The standard is drawn in stages, one frame each; its print button comes last.
  await page.getByRole('button', { name: 'Cetak standar pelayanan' }).waitFor();
  await visit('service page');

  // The form, filled offline, its review, and the receipt while it waits for a signal.
  await page.context().setOffline(true);
  await page.goto(`${baseUrl}/permohonan/baru/${service.id}`);
  await visit('new application');
  await page.getByRole('button', { name: 'Mulai mengisi' }).click();
  await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
  const applicationId = page.url().split('/').pop()!;
  await visit('form step 1, applicant');
  // The form in steps: filled step by step up to the check; then each step as it looks filled.
  await fillForm(page, service.form.fields, { documents: true });
  await visit('form step 4, check');
  await openStep(page, 'answers');
  await visit('form step 2, answers');
  await openStep(page, 'documents');
  await visit('form step 3, documents');
  await openStep(page, 'send');
  await page.getByRole('checkbox').check();
  await visit('form step 5, send');
  await page.getByRole('button', { name: 'Kirim', exact: true }).click();
  await expect.poll(() => page.locator('.state').first().textContent()).toMatch(/^Menunggu sinyal/);
  await visit('sent, waiting for a signal');
  await page.goto(`${baseUrl}/permohonan`);
  await page.locator('.card.draft').first().waitFor();
  await visit('my applications');

  // Delivered: the receipt to keep, and the application's page.
  await page.context().setOffline(false);
  await page.goto(`${baseUrl}/permohonan/${applicationId}`);
  const number = page.locator('.receipt__number');
  await expect.poll(() => number.count(), { timeout: 30_000 }).toBe(1);
  const trackingNumber = (await number.textContent())!;
  // The office's status follows in the background pull: shown once it is there.
  await page.locator('.office-update').waitFor({ timeout: 30_000 });
  await visit('sent receipt');
  await page.goto(`${baseUrl}/lacak`);
  await visit('track');
  await page.locator('#tracking').fill(trackingNumber);
  await page.locator('form.track button[type="submit"]').click();
  await page.locator('.track__status').first().waitFor();
  await visit('track with an answer');

  // A complaint about it: the form, and its card once sent (offline: waiting).
  await page.goto(`${baseUrl}/pengaduan`);
  // This device's complaints are read from IndexedDB after the form is drawn: none yet.
  await page.getByText('Belum ada pengaduan dari perangkat ini.').waitFor();
  await visit('complaint form');
  await page.context().setOffline(true);
  await page.getByRole('radio', { name: 'Permohonan saya' }).check();
  await page.locator('#c-application').selectOption(trackingNumber);
  await page.locator('#c-what').fill('Petugas loket tidak ada di tempat selama jam layanan.');
  // Yesterday by the page's clock (which a screenshot test fixes).
  const yesterday = await page.evaluate(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await page.locator('#c-when').fill(yesterday);
  await page.getByRole('radio', { name: 'Biasa' }).check();
  await page.locator('#c-name').fill('Siti Aminah');
  await page.locator('#c-phone').fill('081234567890');
  await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
  await expect.poll(() => page.locator('.complaint .state').first().textContent()).toMatch(/^Menunggu sinyal/);
  await visit('complaint sent card');
  await page.context().setOffline(false);
  return { applicationId, trackingNumber };
}

/**
 * After the resident tour, with `applicationId` (delivered): the office issues a document for it
 * (`issue`, answering its SHA-256), and the resident sees it ready with the document, its cover sheet
 * and its public verification page; a second application, delivered, is withdrawn (the question, then
 * the withdrawn state once pulled); and, offline, a screen whose code is not kept on the device (the
 * back office) says it needs a connection. Leaves `page` online.
 */
export async function residentLaterTour(
  page: Page,
  baseUrl: string,
  applicationId: string,
  issue: (applicationId: string) => Promise<string>,
  visit: Visit,
): Promise<void> {
  const sha256 = await issue(applicationId);
  // The device pulls the ready state with the document and keeps the file.
  await page.goto(`${baseUrl}/permohonan/${applicationId}`);
  const doc = page.locator('.issued__doc');
  await expect.poll(() => doc.locator('.issued__state').getAttribute('data-kept'), { timeout: 30_000 }).toBe('yes');
  await visit('ready with its document');
  await doc.getByRole('link', { name: 'Lembar sampul untuk dicetak' }).click();
  await page.waitForURL(/\/dokumen\/[0-9A-Z]{16}$/);
  const code = page.url().split('/').pop()!;
  await page.locator('.cover svg.qr').waitFor();
  await visit('document cover sheet');
  await page.goto(`${baseUrl}/verifikasi/${code}`);
  await expect.poll(() => page.locator('.verify__hash').textContent(), { timeout: 15_000 }).toBe(sha256);
  await visit('document verification');

  await page.context().setOffline(true);
  await queueApplication(page, baseUrl, 'pendaftaran-puskesmas');
  await page.context().setOffline(false);
  const officeStatus = page.locator('.office-update__status');
  await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Diterima');
  await page.getByRole('button', { name: 'Batalkan permohonan ini' }).click();
  await page.getByRole('button', { name: 'Ya, batalkan' }).waitFor();
  await visit('withdraw, asked to confirm');
  await page.getByRole('button', { name: 'Ya, batalkan' }).click();
  await page.getByRole('status').filter({ hasText: 'Permohonan sudah dibatalkan.' }).waitFor({ timeout: 15_000 });
  await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Dibatalkan pemohon');
  await visit('withdrawn');

  await page.context().setOffline(true);
  await page.goto(`${baseUrl}/petugas`);
  await page.getByText('Tanpa sinyal: kantor layanan membaca data dari server.', { exact: false }).waitFor();
  await visit('needs a connection');
  await page.context().setOffline(false);
}

/**
 * The kiosk's enrolment with `token` (a device token of an office), its start screen, the form, the
 * review, the receipt, the staff PIN, the staff panel and the idle warning over a new session's form. The app must be installed in `page`.
 */
export async function kioskTour(page: Page, baseUrl: string, token: string, visit: Visit): Promise<void> {
  const service = TOUR_SERVICE;
  await page.goto(`${baseUrl}/kios/daftar`);
  await visit('kiosk enrolment');
  await page.getByLabel('Token perangkat dari administrator').fill(token);
  await page.getByLabel('PIN petugas baru (4–8 angka)').fill('482915');
  await page.getByLabel('Ulangi PIN petugas').fill('482915');
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await page.waitForURL(/\/kios$/, { timeout: 30_000 });
  await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Selamat datang');
  await visit('kiosk start');
  await page.getByRole('button', { name: new RegExp(`^${service.name.id}`) }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(service.name.id);
  await fillForm(page, service.form.fields, { documents: true });
  await visit('kiosk form');
  await page.getByRole('button', { name: 'Periksa permohonan' }).click();
  await page.getByRole('checkbox').check();
  await visit('kiosk review');
  await page.getByRole('button', { name: 'Kirim' }).click();
  await page.locator('.kiosk-receipt__code').waitFor({ timeout: 15_000 });
  await visit('kiosk receipt');
  await page.getByRole('button', { name: 'Selesai' }).click();
  await page.goto(`${baseUrl}/kios/petugas`);
  await visit('kiosk staff PIN');
  await page.getByLabel('PIN petugas').fill('482915');
  await page.getByRole('button', { name: 'Buka panel' }).click();
  await page.locator('.kiosk-staff__facts').waitFor();
  await visit('kiosk staff panel');

  // A session left alone: the idle warning with its countdown, shortened to show after 2 s and to
  // stay up for 2 minutes (long enough to be looked at); "Saya masih di sini" keeps the session.
  await page.evaluate(() => {
    localStorage.setItem('nusa-layan.kiosk.idleSeconds', '122');
    localStorage.setItem('nusa-layan.kiosk.warnSeconds', '120');
  });
  await page.goto(`${baseUrl}/kios`);
  await page.getByRole('button', { name: new RegExp(`^${service.name.id}`) }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(service.name.id);
  const warning = page.locator('dialog.kiosk-idle');
  await warning.waitFor({ state: 'visible', timeout: 15_000 });
  await visit('kiosk idle warning');
  await page.getByRole('button', { name: 'Saya masih di sini' }).click();
  await warning.waitFor({ state: 'hidden' });
  await page.evaluate(() => {
    localStorage.removeItem('nusa-layan.kiosk.idleSeconds');
    localStorage.removeItem('nusa-layan.kiosk.warnSeconds');
  });
}
