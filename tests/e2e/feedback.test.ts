// Complaints and the satisfaction survey on the device (issue #8), in Chromium against the built
// app: a complaint with a photo and a survey for a completed application are filed offline, reach
// the server once when the network returns (and not again when resent), the office's answer comes
// back to the device; both screens pass axe; an empty complaint form shows translated errors and
// keeps what was typed.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/applications/history.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { answerComplaint } from '../../src/server/feedback/complaints.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile, syncTrigger } from '../support/browser.ts';
import { documentPhoto, fillForm, openStep } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

const OFFICER: Actor = { accountId: 'acc-e2e', role: 'office-officer' };
const ANSWER = 'Petugas loket sudah kami tegur. Mohon maaf atas ketidaknyamanan Anda.';
const WHAT = 'Saya menunggu tiga jam di loket tanpa nomor antrean.';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;

beforeAll(async () => {
  server = await startInProcessServer();
  profileDir = await tempDir('nusa-profile-');
  context = await openProfile(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

const complaintsOnServer = () =>
  server.db.query<{
    id: string;
    tracking_number: string;
    photo: { sha256: string } | null;
    complainant: { name: string } | null;
    privacy: string;
  }>('select id::text, tracking_number, photo, complainant, privacy from complaints');
const surveysOnServer = () =>
  server.db.query<{ id: string; u1: number; u9: number; application_key: string | null }>(
    'select id::text, u1, u9, application_key from survey_responses',
  );

/** The outbox entries of one kind as stored on the device. */
const outboxEntries = (page: Page, kind: string) =>
  page.evaluate(
    (k) =>
      new Promise<Array<{ id: string; state: string; result?: { status: string; trackingNumber?: string } }>>(
        (resolve, reject) => {
          const open = indexedDB.open('nusalayan-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('entries', 'readonly').objectStore('entries').getAll();
            all.onsuccess = () => {
              open.result.close();
              resolve(
                (all.result as Array<{ kind?: string; id: string; state: string }>).filter(
                  (e) => (e.kind ?? 'application') === k,
                ),
              );
            };
          };
        },
      ),
    kind,
  );

/** Puts every delivered entry back in the queue, as a device that never heard the server's answer would have it. */
const requeueAll = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('nusalayan-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('entries', 'readwrite');
          const store = tx.objectStore('entries');
          const all = store.getAll();
          all.onsuccess = () => {
            for (const e of all.result as Array<Record<string, unknown>>)
              if (e.state === 'delivered') store.put({ ...e, state: 'queued', nextAttemptAt: 0 });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
  );

/** An application sent online and moved to completed by the office; returns its id and tracking number. */
async function completedApplication(page: Page): Promise<{ id: string; trackingNumber: string; officeId: string }> {
  const slug = 'pendaftaran-puskesmas';
  const service = SEED_SERVICES.find((s) => s.id === slug)!;
  await page.goto(`${server.url}/permohonan/baru/${slug}`);
  await page.getByRole('button', { name: 'Mulai mengisi' }).click();
  await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await fillForm(page, service.form.fields, { documents: true });
  await openStep(page, 'send');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
  const scope = 'all' as const;
  expect(await moveApplication(server.db, scope, id, { to: 'verifying' }, OFFICER)).toMatchObject({ ok: true });
  expect(await moveApplication(server.db, scope, id, { to: 'processing' }, OFFICER)).toMatchObject({ ok: true });
  expect(
    await moveApplication(
      server.db,
      scope,
      id,
      { to: 'ready', pickup: { place: 'Loket 1', from: new Date().toISOString() } },
      OFFICER,
    ),
  ).toMatchObject({ ok: true });
  expect(await moveApplication(server.db, scope, id, { to: 'completed' }, OFFICER)).toMatchObject({ ok: true });
  const [row] = await server.db.query<{ tracking_number: string; office_id: string }>(
    'select tracking_number, office_id from applications where id = $1',
    [id],
  );
  return { id, trackingNumber: row!.tracking_number, officeId: row!.office_id };
}

describe('complaints and the satisfaction survey', () => {
  it('files a complaint with a photo and a survey offline; each reaches the server once; the office answer comes back', async () => {
    const page = context.pages()[0]!;
    const app = await completedApplication(page);
    // The device learns that the application is completed, and offers the survey.
    const offer = page.getByRole('link', { name: 'Isi survei kepuasan' });
    await expect.poll(() => offer.count(), { timeout: 30_000 }).toBe(1);

    await context.setOffline(true);
    // The complaint, about that application, with a photo.
    await page.goto(`${server.url}/pengaduan`);
    await page.getByRole('radio', { name: 'Permohonan saya' }).check();
    await page.locator('#c-application').selectOption(app.trackingNumber);
    expect(await page.locator('#c-tracking').inputValue()).toBe(app.trackingNumber);
    await page.locator('#c-what').fill(WHAT);
    await page.locator('#c-when').fill(new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10));
    await page
      .locator('#c-photo')
      .setInputFiles({ name: 'loket.jpg', mimeType: 'image/jpeg', buffer: await documentPhoto(page, 'antrean loket') });
    await expect.poll(() => page.locator('.thumbs img').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('radio', { name: 'Biasa' }).check();
    await page.locator('#c-name').fill('Siti Aminah');
    await page.locator('#c-phone').fill('081234567890');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    const mine = page.locator('.complaint');
    await expect.poll(() => mine.locator('.state').textContent()).toMatch(/^Menunggu sinyal/);
    await expect.poll(() => page.locator('#c-what').inputValue()).toBe(''); // a fresh form for the next one

    // The survey, from the completed application's screen.
    await page.goto(`${server.url}/permohonan/${app.id}`);
    await page.getByRole('link', { name: 'Isi survei kepuasan' }).click();
    await page.waitForURL(/\/survei\?permohonan=/);
    await expect.poll(() => page.locator('.skm-question').count()).toBe(9);
    for (let i = 1; i <= 9; i++) await page.locator(`input[name="s-U${i}"][value="${i === 4 ? 4 : 3}"]`).check();
    if (await page.locator('#s-office').count()) await page.locator('#s-office').selectOption(app.officeId);
    await page.locator('#s-ageBand').selectOption('30-39');
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await expect.poll(() => page.locator('.state').first().textContent()).toMatch(/^Menunggu sinyal/);
    expect(await complaintsOnServer()).toHaveLength(0);
    expect(await surveysOnServer()).toHaveLength(0);

    // Back online: the page drains (the `online` event), photo first, then both records.
    await context.setOffline(false);
    await expect.poll(async () => (await complaintsOnServer()).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await surveysOnServer()).length, { timeout: 30_000 }).toBe(1);
    await expect
      .poll(async () => (await outboxEntries(page, 'survey'))[0]?.state, { timeout: 30_000 })
      .toBe('delivered');
    await expect
      .poll(async () => (await outboxEntries(page, 'complaint'))[0]?.state, { timeout: 30_000 })
      .toBe('delivered');
    const [complaint] = await complaintsOnServer();
    expect(complaint).toMatchObject({ privacy: 'public', complainant: { name: 'Siti Aminah' } });
    expect(complaint!.photo?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await server.db.query('select 1 from uploads where sha256 = $1 and complete', [complaint!.photo!.sha256]),
    ).toHaveLength(1);
    const [survey] = await surveysOnServer();
    expect(survey).toMatchObject({ u1: 3, u9: 3 });
    expect(survey!.application_key).toMatch(/^[0-9a-f]{64}$/);
    // No personal data in the survey's table.
    const columns = (
      await server.db.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_name = 'survey_responses'`,
      )
    ).map((c) => c.column_name);
    expect(columns.filter((c) => /name|nik|phone|address|email/.test(c))).toEqual([]);

    // A device that never heard the answers sends both again (Background Sync): nothing doubles.
    await requeueAll(page);
    const cdp = await context.newCDPSession(page);
    const sync = await syncTrigger(cdp, new URL(server.url).origin);
    await sync();
    await expect
      .poll(async () => (await outboxEntries(page, 'complaint'))[0]?.state, { timeout: 30_000 })
      .toBe('delivered');
    await expect
      .poll(async () => (await outboxEntries(page, 'survey'))[0]?.state, { timeout: 30_000 })
      .toBe('delivered');
    await sync();
    expect(await complaintsOnServer()).toEqual([complaint]);
    expect(await surveysOnServer()).toHaveLength(1);
    const [entry] = await outboxEntries(page, 'complaint');
    expect(entry!.result).toMatchObject({ status: 'accepted', trackingNumber: complaint!.tracking_number });
    await cdp.detach();

    // The device shows its tracking number, then the office's answer after its next pull.
    await page.goto(`${server.url}/pengaduan`);
    await expect
      .poll(() => mine.locator('.receipt__number').textContent(), { timeout: 30_000 })
      .toBe(complaint!.tracking_number);
    await expect
      .poll(() => mine.locator('.complaint__status').textContent(), { timeout: 30_000 })
      .toBe('Sedang ditangani');
    expect(
      await answerComplaint(
        server.db,
        'all',
        complaint!.id,
        { text: ANSWER },
        { accountId: 'acc-e2e', role: 'officer' },
      ),
    ).toMatchObject({ ok: true });
    await expect.poll(() => mine.locator('.complaint__answers').textContent(), { timeout: 30_000 }).toContain(ANSWER);
    expect(await mine.locator('.complaint__status').textContent()).toBe('Sudah dijawab');
    await page.reload();
    await expect.poll(() => mine.locator('.complaint__answers').textContent(), { timeout: 30_000 }).toContain(ANSWER);

    // The survey is offered no more for that application.
    await page.goto(`${server.url}/permohonan/${app.id}`);
    await expect.poll(() => page.locator('.receipt__number').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('link', { name: 'Isi survei kepuasan' }).count()).toBe(0);
  });

  it('passes axe on /pengaduan and /survei', async () => {
    const page = context.pages()[0]!;
    await page.goto(`${server.url}/pengaduan`);
    await page.getByRole('radio', { name: 'Sebuah layanan' }).check();
    await page.getByRole('radio', { name: 'Rahasia' }).check();
    await expectAccessible(page, '/pengaduan');
    await page.goto(`${server.url}/survei`);
    await expect.poll(() => page.locator('.skm-question').count()).toBe(9);
    await expect.poll(() => page.locator('#s-service option').count()).toBeGreaterThan(1);
    await page.locator('#s-service').selectOption('pendaftaran-puskesmas');
    await expectAccessible(page, '/survei');
  });

  it('shows translated errors beside the fields of an incomplete complaint and keeps what was typed, across a reload', async () => {
    const page = context.pages()[0]!;
    // Start from an empty form: cleared while no complaint screen is open to store it again.
    await page.goto(`${server.url}/`);
    await page.evaluate(() => localStorage.removeItem('nusa-layan.complaint.form'));
    await page.goto(`${server.url}/pengaduan`);
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await expect
      .poll(() => page.locator('[data-field="aboutKind"] .field__error').textContent())
      .toBe('Pilih salah satu.');
    expect(await page.locator('#c-what-error').textContent()).toBe('Wajib diisi.');
    expect(await page.locator('#c-when-error').textContent()).toBe('Wajib diisi.');
    expect(await page.locator('[data-field="privacy"] .field__error').textContent()).toBe('Pilih salah satu.');
    expect(await page.locator('#c-what').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#c-what').fill(WHAT);
    await page.getByRole('radio', { name: 'Tanpa nama' }).check();
    expect(await page.locator('#c-name').count()).toBe(0); // anonymous asks no name
    await page.locator('#c-when').fill('2999-01-01');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await expect.poll(() => page.locator('#c-when-error').textContent()).toBe('Tanggal tidak boleh di masa depan.');
    expect(await page.locator('#c-what-error').count()).toBe(0);
    expect(await page.locator('#c-what').inputValue()).toBe(WHAT);
    await expectAccessible(page, '/pengaduan with errors');

    await page.reload();
    await expect.poll(() => page.locator('#c-what').inputValue(), { timeout: 10_000 }).toBe(WHAT);
    expect(await page.getByRole('radio', { name: 'Tanpa nama' }).isChecked()).toBe(true);
    expect(await page.locator('#c-when').inputValue()).toBe('2999-01-01');
    expect(await complaintsOnServer()).toHaveLength(1); // nothing invalid was queued

    // In English, the same errors in English.
    await page.evaluate(() => localStorage.setItem('nusa-layan.lang', 'en'));
    await page.reload();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await expect.poll(() => page.locator('#c-when-error').textContent()).toBe('The date cannot be in the future.');
    await page.evaluate(() => localStorage.setItem('nusa-layan.lang', 'id'));
  });
});
