// The resident's correction round trip in Chromium: an application queued offline is delivered when
// the network returns, the office sends it back ("needs correction") with a message, the device
// shows the message, the resident taps "Perbaiki permohonan", changes one answer and sends the same
// application again; the server holds it once, with the new answer, verifying, same tracking number.
import { rm } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/applications/history.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { openStep, queueApplication } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

const OFFICER: Actor = { accountId: 'acc-e2e', role: 'office-officer' };
const MESSAGE = 'Nama pasien harus sesuai KTP, mohon diperbaiki.';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;

const stored = async (id: string) =>
  server.db.query<{ tracking_number: string; status: string; answers: Record<string, unknown> }>(
    'select tracking_number, status, answers from applications where id = $1',
    [id],
  );

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

describe('correction round trip', () => {
  it('shows the office message, lets the resident correct and resend the same application, delivered once', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await context.setOffline(true);
    const id = await queueApplication(page, server.url, 'pendaftaran-puskesmas');
    expect(await stored(id)).toHaveLength(0);
    await context.setOffline(false);
    await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
    const [first] = await stored(id);
    expect(first!.answers.patientName).toBe('Siti Aminah');
    await expect.poll(() => page.locator('.office-update__status').textContent(), { timeout: 30_000 }).toBe('Diterima');

    // The office sends it back with a message: the open page shows it live (event stream, pull).
    expect(await moveApplication(server.db, 'all', id, { to: 'verifying' }, OFFICER)).toMatchObject({
      ok: true,
    });
    expect(
      await moveApplication(server.db, 'all', id, { to: 'needs-correction', message: MESSAGE }, OFFICER),
    ).toMatchObject({ ok: true });
    const correction = page.locator('.office-update--correction');
    await expect.poll(() => correction.textContent(), { timeout: 30_000 }).toContain(MESSAGE);
    expect(await correction.textContent()).toContain('Perlu perbaikan');

    // The list says so too, after a reload (the state is on the device).
    await page.goto(`${server.url}/permohonan`);
    const card = page.locator('.draft', { hasText: 'Pendaftaran' });
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain(MESSAGE);
    expect(await card.textContent()).toContain('Perlu perbaikan');

    await page.goto(`${server.url}/permohonan/${id}`);
    await page.getByRole('button', { name: 'Perbaiki permohonan' }).click();
    expect(page.url()).toBe(`${server.url}/permohonan/${id}`);
    // The same application, editable again with everything the resident had typed (the patient's
    // details are step 2 of the form).
    await openStep(page, 'answers');
    const name = page.locator('#f-patientName');
    await expect.poll(() => name.inputValue(), { timeout: 10_000 }).toBe('Siti Aminah');
    expect(await page.locator('#f-patientNik').inputValue()).toBe('3529014507900003');
    expect(page.url()).toBe(`${server.url}/permohonan/${id}/isian`);
    expect(await page.locator('.office-update--correction').textContent()).toContain(MESSAGE);
    await expectAccessible(page, 'correction form');

    await name.fill('Siti Aminah Putri');
    await expect.poll(() => page.locator('.save-state').getAttribute('data-state')).toBe('saved');
    await openStep(page, 'check');
    await expect.poll(() => page.locator('.answers').textContent()).toContain('Siti Aminah Putri');
    await expectAccessible(page, 'correction review');
    await openStep(page, 'send');
    await page.getByRole('button', { name: 'Kirim' }).click();

    // Delivered again: same id, same tracking number, the new answer, back to verifying.
    await expect
      .poll(async () => (await stored(id))[0]?.answers.patientName, { timeout: 30_000 })
      .toBe('Siti Aminah Putri');
    const rows = await stored(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'verifying', tracking_number: first!.tracking_number });
    expect(
      await server.db.query('select 1 from applications where tracking_number = $1', [first!.tracking_number]),
    ).toHaveLength(1);

    await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
    await expect
      .poll(() => page.locator('.office-update__status').textContent(), { timeout: 30_000 })
      .toBe('Sedang diverifikasi');
    expect(await page.locator('.receipt__number').textContent()).toBe(first!.tracking_number);
    expect(await page.getByRole('button', { name: 'Perbaiki permohonan' }).count()).toBe(0);

    // The outbox holds the application once, delivered, in its second round.
    const entry = await page.evaluate(
      (key) =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('nusalayan-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('entries', 'readonly');
            const all = tx.objectStore('entries').getAll();
            all.onsuccess = () =>
              resolve(
                (all.result as Array<{ id: string; state: string; round?: number }>)
                  .filter((e) => e.id === key)
                  .map((e) => ({ state: e.state, round: e.round })),
              );
          };
        }),
      id,
    );
    expect(entry).toEqual([{ state: 'delivered', round: 2 }]);

    await page.reload();
    await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
    await expect
      .poll(() => page.locator('.office-update__status').textContent(), { timeout: 30_000 })
      .toBe('Sedang diverifikasi');
  });
});
