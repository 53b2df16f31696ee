// The service catalogue on a resident's phone: synced on the first visit, then read offline —
// search, the full standard, office hours and announcements — and kept current by delta sync
// that costs almost nothing when nothing changed.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnouncementContent } from '../../src/domain/catalogue/announcement.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { putDocuments } from '../../src/server/catalogue/store.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, openProfile, waitForServiceWorkerControl } from '../support/browser.ts';
import { dumpIndexedDb } from '../support/indexeddb.ts';
import { recordApiTraffic } from '../support/network.ts';
import { tempDir } from '../support/server.ts';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;
let page: Page;

const CLOSURE: AnnouncementContent = {
  id: 'raas-tutup-uji',
  kind: 'closure',
  officeIds: ['kecamatan-raas'],
  title: { id: 'Kantor Kecamatan Ra\u2019as tutup sementara', en: 'Ra\u2019as District Office temporarily closed' },
  body: {
    id: 'Gedung sedang diperbaiki setelah badai. Layanan dialihkan ke MPP Sumenep.',
    en: 'The building is being repaired after a storm. Services move to MPP Sumenep.',
  },
  validFrom: new Date(Date.now() - 3600_000).toISOString(),
  validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
};

const h1 = () => page.getByRole('heading', { level: 1 });
const resultTitles = () => page.locator('.service-list .card__title').allTextContents();
const syncedAt = () => page.evaluate(() => localStorage.getItem('nusa-layan.catalogue.syncedAt'));
/** Asks the app to check the server now (as it does when the network returns) and waits for the end. */
async function syncNow() {
  const before = await syncedAt();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(syncedAt, { timeout: 30_000 }).not.toBe(before);
}

beforeAll(async () => {
  server = await startInProcessServer();
  profileDir = await tempDir('nusa-profile-');
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('catalogue on the device', () => {
  it('downloads the whole catalogue on the first visit, without the screen waiting for it', async () => {
    await page.goto(`${server.url}/layanan`);
    await expect.poll(() => h1().textContent()).toBe('Layanan publik');
    await waitForServiceWorkerControl(page);
    await expect.poll(resultTitles, { timeout: 30_000 }).toHaveLength(SEED_SERVICES.length);
    await expect.poll(syncedAt, { timeout: 30_000 }).not.toBeNull();
    await expect.poll(() => page.locator('.conn__sync').textContent()).toMatch(/^Sinkron /);
    // The device database opens its collections one task at a time: every one of them is there, and
    // the catalogue the list showed from its first pull is stored in it too.
    const dumps = await dumpIndexedDb(page);
    const rows = (collection: string) =>
      dumps.filter((d) => new RegExp(`^rxdb-dexie-nusalayan--\\d+--${collection}$`).test(d.db)).map((d) => d.rows);
    for (const collection of [
      'services',
      'offices',
      'announcements',
      'regions',
      'drafts',
      'applications',
      'complaints',
    ])
      expect(rows(collection), collection).not.toEqual([]);
    expect(Math.max(...rows('services'))).toBe(SEED_SERVICES.length);
    // Stored by a worker of its own: the page itself never loaded the device database's code (RxDB,
    // Dexie, zod), and a device that sent nothing has no outbox for the page to open.
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toContainEqual(
      expect.stringMatching(/^\/assets\/catalogue\.worker-[\w-]+\.js$/),
    );
    const pageScripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    expect(pageScripts.filter((p) => p.includes('device-data'))).toEqual([]);
    expect(dumps.map((d) => d.db)).not.toContain('nusalayan-outbox');
    await expectAccessible(page, '/layanan');
  });

  it('pulls exactly the changed service when one service changes on the server', async () => {
    const traffic = await recordApiTraffic(page);
    const pulled = page.waitForResponse((r) => r.url().includes('/api/sync/services/pull'));
    const original = SEED_SERVICES.find((s) => s.id === 'akta-kematian')!;
    await putDocuments(server.db, 'services', [{ ...original, completionTime: { value: 9, unit: 'working-days' } }]);
    await syncNow();
    const body = (await (await pulled).json()) as { documents: Array<{ id: string }> };
    expect(body.documents.map((d) => d.id)).toEqual(['akta-kematian']);
    await traffic.settled();
    await traffic.stop();
    expect(traffic.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/sync/catalogue/head',
      '/api/sync/services/pull',
    ]);

    await page.goto(`${server.url}/layanan/akta-kematian`);
    await expect.poll(() => page.locator('main').innerText()).toContain('9 hari kerja');
  });

  it('pulls exactly the new announcement when the office publishes a closure', async () => {
    const traffic = await recordApiTraffic(page);
    const pulled = page.waitForResponse((r) => r.url().includes('/api/sync/announcements/pull'));
    await putDocuments(server.db, 'announcements', [CLOSURE]);
    await syncNow();
    const body = (await (await pulled).json()) as { documents: Array<{ id: string }> };
    expect(body.documents.map((d) => d.id)).toEqual([CLOSURE.id]);
    await traffic.settled();
    await traffic.stop();
    expect(traffic.requests.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('/pull'))).toEqual([
      '/api/sync/announcements/pull',
    ]);
  });

  it('costs under 1 KB to learn that nothing changed', async () => {
    const traffic = await recordApiTraffic(page);
    await syncNow();
    await traffic.settled();
    await traffic.stop();
    expect(traffic.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/sync/catalogue/head']);
    const [head] = traffic.requests;
    expect(head!.status).toBe(200);
    expect(head!.sentBytes).toBeGreaterThan(100); // measured, not missing
    expect(head!.sentBytes + head!.receivedBytes).toBeLessThan(1024);
  });

  it('searches offline: case, accents, both languages and abbreviations', async () => {
    await context.setOffline(true);
    const res = await page.goto(`${server.url}/layanan?q=akta`);
    expect(res?.fromServiceWorker()).toBe(true);
    await expect.poll(resultTitles).toEqual(['Akta kelahiran', 'Akta kematian']);
    await expect.poll(() => page.locator('.freshness').textContent()).toMatch(/^Data diperbarui /);

    const search = page.getByRole('searchbox', { name: 'Cari layanan' });
    await search.fill('ÁKTA KELAHIRAN');
    await expect.poll(resultTitles).toEqual(['Akta kelahiran']);
    await search.fill('sktm');
    await expect.poll(resultTitles).toEqual(['Surat keterangan tidak mampu (SKTM)']);
    await search.fill('KTP');
    await expect
      .poll(async () => (await resultTitles()).sort())
      .toEqual(expect.arrayContaining(['KTP-el baru', 'Penggantian KTP-el hilang atau rusak']));
    expect(page.url()).toContain('q=KTP'); // the search is in the URL: it survives a reload
    // Stems and the service's synonyms, best match first (issue 18, point 10).
    await search.fill('kelahiran anak');
    await expect.poll(async () => (await resultTitles())[0]).toBe('Akta kelahiran');
    await search.fill('pindahan');
    await expect.poll(async () => (await resultTitles())[0]).toBe('Pindah keluar dan pindah datang (SKPWNI)');

    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByRole('searchbox', { name: 'Search services' }).fill('birth certificate');
    await expect.poll(resultTitles).toEqual(['Birth certificate']);
    await page.getByLabel('Language').selectOption('id');
    await expectAccessible(page, '/layanan?q= (offline)');
  });

  it('filters by island, office and channel offline', async () => {
    await page.goto(`${server.url}/layanan`);
    // The filters are folded under one line until asked for, so the first result shows on a phone.
    const first = await page.locator('.service-list .card').first().boundingBox();
    expect(first!.y + first!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(await page.getByLabel('Pulau').isVisible()).toBe(false);
    await page.getByText('Saring menurut kantor, pulau, atau cara mengajukan').click();
    // Giligenting has a district office and a Puskesmas but no village office in the seed.
    await page.getByLabel('Pulau').selectOption({ label: 'Pulau Giligenting' });
    await expect.poll(resultTitles).toContain('Akta kelahiran');
    const onGiligenting = await resultTitles();
    expect(onGiligenting).not.toContain('Surat keterangan domisili');
    expect(onGiligenting.length).toBeLessThan(SEED_SERVICES.length);
    await page.getByLabel('Kantor').selectOption('puskesmas-masalembu');
    await expect.poll(resultTitles).toEqual(expect.arrayContaining(['Pendaftaran rawat jalan Puskesmas']));
    expect(await resultTitles()).not.toContain('Akta kelahiran');
    await page.getByLabel('Cara mengajukan').selectOption('field');
    await expect.poll(async () => (await resultTitles()).length).toBeLessThanOrEqual(1);
    await page.reload();
    // Filters in use stay unfolded, and say how many are on.
    expect(await page.getByLabel('Kantor').inputValue()).toBe('puskesmas-masalembu');
    expect(await page.locator('.filters__summary').textContent()).toBe('Saringan aktif: 3');
  });

  it('shows the full standard of akta-kelahiran offline, with the closure of an office that serves it', async () => {
    await page.goto(`${server.url}/layanan/akta-kelahiran`);
    await expect.poll(() => h1().textContent()).toBe('Akta kelahiran');
    // The standard is drawn in stages, one per frame; the print button comes last.
    await page.getByRole('button', { name: 'Cetak standar pelayanan' }).waitFor();
    // Read to the end, the way to apply is still on screen.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const apply = await page.getByRole('link', { name: 'Ajukan permohonan' }).boundingBox();
    expect(apply!.y).toBeGreaterThanOrEqual(0);
    expect(apply!.y + apply!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await page.evaluate(() => window.scrollTo(0, 0));
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const part of [
      'Persyaratan',
      'Prosedur',
      'Waktu penyelesaian',
      '1 hari kerja',
      'Biaya',
      'Gratis',
      'Produk layanan',
      'Kartu Keluarga',
      'SP4N-LAPOR!',
    ]) {
      expect(text).toContain(part);
    }
    // An electronic product: the resident is told it comes to the app, not to be collected.
    expect(await page.locator('.service-delivery').textContent()).toBe(
      'Diterima sebagai dokumen elektronik di aplikasi ini: tersimpan di perangkat untuk dibuka tanpa sinyal, dan dapat dicek keasliannya lewat kode QR. Tidak perlu datang mengambil.',
    );
    await expect.poll(() => page.getByText(CLOSURE.title.id).count()).toBeGreaterThan(0);
    const raas = page.locator('.office', { hasText: 'Kantor Kecamatan Ra' });
    expect(await raas.locator('.badge').textContent()).toBe('Tutup');
    // Sample contacts are marked as examples and offer no call; the national channel stays a link.
    const samplePhone = page.locator('#complaint-title + .contacts li', { hasText: '+62328662101' });
    expect((await samplePhone.innerText()).replace(/\s+/g, ' ')).toContain('Contoh, belum dikonfirmasi kantor');
    expect(await samplePhone.locator('a').count()).toBe(0);
    expect(await page.locator('.contacts a[href="https://www.lapor.go.id"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, '/layanan/akta-kelahiran (offline)');

    await page.goto(`${server.url}/layanan/tidak-ada`);
    await expect.poll(() => h1().textContent()).toBe('Layanan tidak ditemukan');
  });

  it('shows an office with its weekly hours, the closure and its services offline', async () => {
    await page.goto(`${server.url}/kantor/kecamatan-raas`);
    await expect.poll(() => h1().textContent()).toBe("Kantor Kecamatan Ra'as");
    expect(await page.locator('.open-status .badge').first().textContent()).toBe('Tutup');
    expect(await page.locator('table.hours tbody tr').count()).toBe(7);
    expect(await page.getByRole('link', { name: 'Akta kelahiran' }).count()).toBe(1);
    await expectAccessible(page, '/kantor/kecamatan-raas (offline)');
  });

  it('prints every service standard on one page with a QR code to its page', async () => {
    for (const s of SEED_SERVICES) {
      await page.goto(`${server.url}/layanan/${s.id}`);
      await expect.poll(() => h1().textContent()).toBe(s.name.id);
      if (s === SEED_SERVICES[0]) {
        // Paper alone shows the code: a first visit on screen spends no time encoding it, even idle.
        await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 1_000))));
        expect(await page.locator('svg.qr').count()).toBe(0);
      }
      const pdf = await page.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length, s.id).toBe(1);
      expect(await page.locator('svg.qr').getAttribute('aria-label')).toContain(`/layanan/${s.id}`);
    }
  });

  it('draws the print-only code for a print asked for the moment the page shows', async () => {
    // A print menu opened (or a script printing) in the same instant the standard appears: the
    // page must already listen for it, not only after its next paint.
    await page.goto(`${server.url}/layanan`);
    await expect.poll(() => h1().textContent()).toBe('Layanan publik');
    await page.evaluate(() => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('.print-qr')) return;
        observer.disconnect();
        window.dispatchEvent(new Event('beforeprint'));
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.locator(`a[href="/layanan/${SEED_SERVICES[1]!.id}"]`).first().click();
    await expect.poll(() => h1().textContent()).toBe(SEED_SERVICES[1]!.name.id);
    await expect
      .poll(() => page.locator('svg.qr').getAttribute('aria-label'), { timeout: 5_000 })
      .toContain(`/layanan/${SEED_SERVICES[1]!.id}`);
  });

  it('draws a long standard top first, and whole for a print asked for before it is', async () => {
    // At the moment the standard appears: what is on the page, and what a print asked for in that
    // instant finds one task later (at most one frame has passed; the complaints come three after).
    const watch = () =>
      page.evaluate(() => {
        const w = window as unknown as {
          standard?: Promise<{ first: string[]; printed: string[]; internalOpen: boolean; qr: boolean }>;
        };
        const headings = () => [...document.querySelectorAll('.standard h2')].map((h) => h.id).filter(Boolean);
        w.standard = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('.standard h1')) return;
            observer.disconnect();
            const first = headings();
            window.dispatchEvent(new Event('beforeprint'));
            setTimeout(() => {
              const printed = headings();
              const internalOpen = document.querySelector<HTMLDetailsElement>('details.internal')?.open === true;
              const qr = document.querySelector('.print-qr svg.qr') !== null;
              window.dispatchEvent(new Event('afterprint'));
              resolve({ first, printed, internalOpen, qr });
            });
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
      });
    const standard = () =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              standard: Promise<{ first: string[]; printed: string[]; internalOpen: boolean; qr: boolean }>;
            }
          ).standard,
      );
    await page.goto(`${server.url}/layanan`);
    await expect.poll(() => h1().textContent()).toBe('Layanan publik');
    await watch();
    await page.locator(`a[href="/layanan/${SEED_SERVICES[0]!.id}"]`).first().click();
    const { first, printed, internalOpen, qr } = await standard();
    expect(first).toContain('req-title');
    expect(first).not.toContain('offices-title');
    expect(first).not.toContain('complaint-title');
    for (const id of ['req-title', 'steps-title', 'cost-title', 'offices-title', 'complaint-title', 'qr-title'])
      expect(printed).toContain(id);
    // The officers' part of the standard prints open, and the code back to the page is drawn.
    expect(internalOpen).toBe(true);
    expect(qr).toBe(true);
    // Left alone, the rest follows within a few frames.
    await page.goto(`${server.url}/layanan`);
    await expect.poll(() => h1().textContent()).toBe('Layanan publik');
    await page.locator(`a[href="/layanan/${SEED_SERVICES[1]!.id}"]`).first().click();
    await page.getByRole('button', { name: 'Cetak standar pelayanan' }).waitFor({ timeout: 5_000 });
    expect(await page.locator('#offices-title + .office-list .office').count()).toBeGreaterThan(0);
    expect(await page.locator('#complaint-title').count()).toBe(1);
  });

  it('stores the catalogue from the page itself where its worker cannot start', async () => {
    const dir = await tempDir('nusa-profile-noworker-');
    const other = await openProfile(dir);
    try {
      // A browser that cannot run the worker's script (here: it never arrives).
      await other.route(/\/assets\/catalogue\.worker-[\w-]+\.js$/, (route) => route.abort());
      const p = other.pages()[0] ?? (await other.newPage());
      await p.goto(`${server.url}/layanan`);
      await expect
        .poll(() => p.evaluate(() => localStorage.getItem('nusa-layan.catalogue.syncedAt')), { timeout: 30_000 })
        .not.toBeNull();
      const services = (await dumpIndexedDb(p)).filter((d) => /^rxdb-dexie-nusalayan--\d+--services$/.test(d.db));
      expect(Math.max(...services.map((d) => d.rows))).toBe(SEED_SERVICES.length);
      expect(p.workers().filter((w) => w.url().includes('catalogue.worker'))).toEqual([]);
    } finally {
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checks from the page itself where the page has the device database loaded already (a form)', async () => {
    await context.setOffline(false);
    await page.goto(`${server.url}/permohonan/baru/akta-kelahiran`);
    await page.getByRole('button', { name: 'Mulai mengisi' }).click();
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
    // A new document: the form loads RxDB for the draft, and the check that follows uses it.
    await page.goto(`${page.url()}/isian`);
    await page.locator('.application input').first().waitFor();
    await syncNow();
    expect(page.workers().filter((w) => w.url().includes('catalogue.worker'))).toEqual([]);
  });
});
