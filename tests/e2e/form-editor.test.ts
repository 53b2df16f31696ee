// The administrators' form editor in real Chromium (issue 17): an administrator adds a required document
// to a service, sees it in the phone-size preview, and saves it as form version 2; a resident's device
// that syncs shows it in new drafts, while a draft begun before keeps version 1 and is accepted by the
// server as it is. Every screen passes axe.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../src/server/auth/accounts.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installedAppPage } from '../support/browser.ts';
import { fillForm, openStep } from '../support/fill-form.ts';

const SERVICE = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;
const PASSWORD = 'admin-kabupaten-2026';

let server: InProcessServer;
const dirs: string[] = [];
const contexts: BrowserContext[] = [];
let resident: Page;
let admin: Page;
let oldDraftUrl: string;

const appPage = (): Promise<Page> => installedAppPage(server.url, 'nusa-editor-', { dirs, contexts });

async function startDraft(page: Page): Promise<string> {
  await page.goto(`${server.url}/permohonan/baru/${SERVICE.id}`);
  await page.getByRole('button', { name: 'Mulai mengisi' }).click();
  await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
  return page.url();
}

beforeAll(async () => {
  server = await startInProcessServer();
  await createAdministrator(server.db, 'admin', PASSWORD, { onlyIfNone: true, via: 'environment' });
  resident = await appPage();
  admin = await appPage();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('the form editor', () => {
  it('a resident starts an application with form version 1, offline', async () => {
    await resident.context().setOffline(true);
    oldDraftUrl = await startDraft(resident);
    await fillForm(resident, SERVICE.form, { documents: true });
    await openStep(resident, 'documents');
    await expect.poll(() => resident.locator('.save-state').getAttribute('data-state')).toBe('saved');
    expect(await resident.locator('#f-pasFotoDoc').count()).toBe(0);
  });

  it('an administrator adds a required document, sees it in the preview and saves version 2', async () => {
    await admin.goto(`${server.url}/petugas/masuk`);
    await admin.getByLabel('Nama pengguna').fill('admin');
    await admin.getByLabel('Kata sandi').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Masuk', exact: true }).click();
    await admin.waitForURL(`${server.url}/petugas`);
    await admin.getByRole('link', { name: 'Formulir layanan' }).click();
    await admin.waitForURL(`${server.url}/petugas/formulir`);
    await admin.getByRole('link', { name: SERVICE.name.id }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe(`Formulir: ${SERVICE.name.id}`);
    expect(await admin.locator('.lead').textContent()).toBe('Versi formulir: 1');

    const add = admin.locator('fieldset.forms-add');
    await add.getByLabel('Kode persyaratan (huruf kecil dan tanda hubung)').fill('pas-foto');
    await add.getByLabel('Nama persyaratan (Bahasa Indonesia)').fill('Pas foto berwarna 3×4');
    await add.getByLabel('Nama persyaratan (Bahasa Inggris)').fill('Colour photo, 3×4 cm');
    await add.getByRole('button', { name: 'Tambahkan dokumen' }).click();

    // The phone-size preview shows the new upload as required, at once.
    const preview = admin.getByTestId('phone-preview');
    const photoField = preview.locator('fieldset', {
      has: admin.locator('legend', { hasText: 'Pas foto berwarna 3×4' }),
    });
    await expect.poll(() => photoField.count()).toBe(1);
    expect(await photoField.locator('legend').textContent()).toContain('(wajib)');
    expect(await preview.evaluate((el) => el.getBoundingClientRect().width)).toBe(360);
    await expectAccessible(admin, 'form editor');

    // A rule with a typo is explained before anything is saved.
    const field = admin.locator('li.forms-item', { has: admin.locator('summary', { hasText: 'pasFotoDoc' }) });
    expect((await field.locator('summary').innerText()).replace(/\s+/g, ' ')).toBe(
      'pasFotoDoc — Pas foto berwarna 3×4 (unggahan dokumen)',
    );
    // The key and its label are one line of text that wraps, not two blocks.
    const summaryParts = await field.locator('summary > *').count();
    expect(summaryParts).toBe(1);
    await field.getByLabel('Tampilkan hanya bila').fill("purpos = 'skck'");
    await admin.getByRole('button', { name: 'Periksa dan simpan' }).click();
    await expect
      .poll(() =>
        admin
          .getByText('Isian pasFotoDoc (tampilkan bila): aturan menyebut isian purpos yang tidak ada di formulir')
          .count(),
      )
      .toBe(1);
    await field.getByLabel('Tampilkan hanya bila').fill('');

    await admin.getByRole('button', { name: 'Periksa dan simpan' }).click();
    await expect
      .poll(() => admin.getByRole('status').filter({ hasText: 'Tersimpan sebagai versi 2' }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(await admin.locator('.lead').textContent()).toBe('Versi formulir: 2');
    expect(await admin.getByText('Versi 1 masih dibuka.').count()).toBe(1);
  });

  it('a device that syncs shows the new document in new drafts', async () => {
    await resident.context().setOffline(false);
    // The catalogue is checked once the page is up with a signal; the service's page, left open,
    // shows the new requirement when that sync ends (reloading it over and over would cut the sync).
    await resident.goto(`${server.url}/layanan/${SERVICE.id}`);
    await expect
      .poll(() => resident.locator('.requirements').innerText(), { timeout: 30_000 })
      .toContain('Pas foto berwarna 3×4');
    await startDraft(resident);
    await openStep(resident, 'documents');
    await expect.poll(() => resident.locator('#f-pasFotoDoc').count()).toBe(1);
  });

  it('a draft begun before keeps version 1 and is accepted by the server', async () => {
    await resident.goto(oldDraftUrl);
    await expect.poll(() => resident.getByLabel('Nama lengkap sesuai KK').inputValue()).toBe('Siti Aminah');
    await openStep(resident, 'documents');
    expect(await resident.locator('#f-pasFotoDoc').count()).toBe(0);
    await openStep(resident, 'check');
    expect(await resident.locator('.checklist').innerText()).not.toContain('Pas foto');
    await openStep(resident, 'send');
    await resident.getByRole('checkbox').check();
    await resident.getByRole('button', { name: 'Kirim' }).click();
    const id = oldDraftUrl.split('/').pop()!;
    await expect
      .poll(
        async () =>
          (
            await server.db.query<{ form_version: number }>(
              'select form_version from applications where id = $1::uuid',
              [id],
            )
          )[0]?.form_version,
        { timeout: 30_000 },
      )
      .toBe(1);
    await expect.poll(() => resident.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
  });
});
