// The back office's complaints, SKM report and field-file import (issues #8 and #7) in real Chromium
// against the built app: an officer sees a resident's complaint, answers and closes it — the server
// holds the answer and the filing device's pull returns it; a confidential complaint shows
// "dirahasiakan"; the SKM page shows the IKM, unit value and grade the domain computes for the seeded
// answers, an SVG chart with a text alternative, a CSV download, and prints only the report; a
// field officer's .nlx made as the device makes it is imported through the page (tracking numbers
// shown, stored once even when imported twice), a tampered one is refused in plain words; axe on
// every screen.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPublicJwk, generateSigningKeyPair, jwkThumbprint } from '../../src/domain/crypto/keys.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { ComplaintBatchResult, type ComplaintInput, ComplaintUpdate } from '../../src/domain/feedback/complaint.ts';
import { computeIkm } from '../../src/domain/feedback/ikm.ts';
import { SKM_ELEMENTS, type SkmAnswers, SurveyBatchResult } from '../../src/domain/feedback/skm.ts';
import { DeviceKeyResponse, ExportKeyResponse } from '../../src/domain/field/api.ts';
import { collectionStatement, signStatement } from '../../src/domain/field/collection.ts';
import { readExportFrame, sealExport } from '../../src/domain/field/export-format.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import type { SubmissionRecord } from '../../src/domain/submissions/submission.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { updateApplication } from '../../src/server/applications/updates.ts';
import { insertAccount } from '../../src/server/auth/accounts.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { caller, fieldToken, signIn } from '../support/accounts.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installedAppPage } from '../support/browser.ts';
import { createOfficer } from '../support/office-accounts.ts';
import { ktpApplication } from '../support/records.ts';
import { type PlainFile, sealApplication } from '../support/sealing.ts';
import { tempDir } from '../support/server.ts';

const PASSWORD = 'perahu-talango-2024';
const OFFICE = 'kecamatan-raas';
const SERVICE = 'ktp-el-baru';
const NAME = 'Siti Aminah';
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const DEVICE_KEY = randomBytes(32).toString('hex');

let server: InProcessServer;
const dirs: string[] = [];
const contexts: BrowserContext[] = [];
let officer: Page;
let call: ReturnType<typeof caller>;

const kk = (() => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)]);
  const ref: AttachmentRef = { sha256: sha(bytes), type: 'image/jpeg', size: bytes.length, name: 'kk.jpg' };
  return { bytes, ref };
})();

const application = (officeId: string, channel: SubmissionRecord['channel'] = 'online'): SubmissionRecord =>
  ktpApplication(kk.ref, { channel, applicant: { kind: 'self', name: NAME }, officeId }, { fullName: NAME });

const complaint = (over: Partial<ComplaintInput> = {}): ComplaintInput => ({
  id: uuidv7(),
  about: { kind: 'service', serviceId: SERVICE, officeId: OFFICE },
  what: 'Antrean tiga jam, loket tutup sebelum jam pelayanan berakhir.',
  when: '2025-06-02',
  privacy: 'public',
  complainant: { name: NAME, phone: '0812 3456 7890' },
  channel: 'online',
  secretHash: sha(randomBytes(16).toString('hex')),
  deviceKeyHash: sha(DEVICE_KEY),
  ...over,
});

async function fileComplaint(c: ComplaintInput): Promise<{ id: string; trackingNumber: string }> {
  const res = await call('POST', '/api/complaints', {}, { records: [c] });
  expect(res.statusCode, res.body).toBe(200);
  const [r] = ComplaintBatchResult.parse(res.json()).results;
  expect(r?.status, JSON.stringify(r)).toBe('accepted');
  return r as { id: string; trackingNumber: string };
}

const appPage = (): Promise<Page> => installedAppPage(server.url, 'nusa-office-feedback-', { dirs, contexts });

const SCORES = [
  [4, 3, 3, 4, 3, 4, 4, 3, 3],
  [3, 3, 2, 4, 3, 3, 4, 3, 3],
  [4, 4, 3, 4, 4, 4, 4, 3, 4],
].map((s) => Object.fromEntries(s.map((v, i) => [SKM_ELEMENTS[i]!, v])) as SkmAnswers);

const idNumber = (n: number) =>
  new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
const GRADE_WORDS = { A: 'sangat baik', B: 'baik', C: 'kurang baik', D: 'tidak baik' } as const;

beforeAll(async () => {
  // NUSA_E2E_DIST: another build directory than dist/ (when several builds run side by side).
  server = await startInProcessServer({ staticDir: process.env.NUSA_E2E_DIST || undefined });
  call = caller(server.app);
  await declareUpload(server.db, kk.ref.sha256, 'image/jpeg', kk.ref.size);
  await appendChunk(server.db, kk.ref.sha256, 0, kk.bytes);
  await createOfficer(server.db, 'petugas.raas', PASSWORD, [OFFICE], 'Petugas Raas');
  // Three completed applications, each with its survey response (after completion, as the app offers it).
  for (const answers of SCORES) {
    const record = application(OFFICE);
    const [result] = await submitBatch(server.db, [record]);
    expect(result?.status, JSON.stringify(result)).toBe('accepted');
    expect(await updateApplication(server.db, record.id, { status: 'completed' })).toBe(true);
    const res = await call(
      'POST',
      '/api/surveys',
      {},
      {
        records: [
          { id: uuidv7(), serviceId: SERVICE, officeId: OFFICE, applicationId: record.id, channel: 'online', answers },
        ],
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(SurveyBatchResult.parse(res.json()).results[0]?.status).toBe('accepted');
  }
  officer = await appPage();
  await officer.goto(`${server.url}/petugas/masuk`);
  await officer.getByLabel('Nama pengguna').fill('petugas.raas');
  await officer.getByLabel('Kata sandi').fill(PASSWORD);
  await officer.getByRole('button', { name: 'Masuk', exact: true }).click();
  await officer.waitForURL(`${server.url}/petugas`);
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('back office: complaints, SKM, field import', () => {
  it('an officer sees the complaint, answers and closes it; the server holds the answer and the device pull returns it', async () => {
    const filed = await fileComplaint(complaint());
    await officer.locator('.office-nav').getByRole('link', { name: 'Pengaduan', exact: true }).click();
    await officer.waitForURL(`${server.url}/petugas/pengaduan`);
    const row = officer.locator('tr.office-complaints__row', { hasText: filed.trackingNumber });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    const rowText = (await row.textContent())!;
    expect(rowText).toContain('Belum dijawab');
    expect(rowText).toContain('Mutu layanan');
    expect(rowText).not.toContain(NAME); // the list names no complainant
    await expectAccessible(officer, 'office complaints');

    // The status filter: closed ones only → none yet.
    await officer.getByLabel('Status', { exact: true }).selectOption('closed');
    await officer.getByRole('button', { name: 'Terapkan saringan' }).click();
    await expect.poll(() => officer.getByText('Tidak ada pengaduan yang cocok.').count()).toBe(1);
    await officer.getByLabel('Status', { exact: true }).selectOption('');
    await officer.getByRole('button', { name: 'Terapkan saringan' }).click();

    await officer.getByRole('link', { name: filed.trackingNumber }).click();
    await officer.waitForURL(`${server.url}/petugas/pengaduan/${filed.id}`);
    await expect.poll(() => officer.locator('h1').textContent()).toBe(`Pengaduan ${filed.trackingNumber}`);
    expect(await officer.locator('.office-complaint__complainant').textContent()).toContain(NAME);
    expect(await officer.locator('.office-complaint__what').textContent()).toContain('Antrean tiga jam');
    await expectAccessible(officer, 'office complaint detail');

    // An empty answer is refused on the page, in words.
    await officer.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect.poll(() => officer.getByRole('alert').textContent()).toBe('Tulis jawaban terlebih dahulu.');

    const answer = 'Mohon maaf. Mulai pekan depan loket buka sampai pukul 15.00 sesuai standar pelayanan.';
    await officer.getByLabel('Jawaban untuk pengadu').fill(answer);
    await officer.getByLabel('Tutup pengaduan setelah jawaban ini').check();
    await officer.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect
      .poll(() => officer.locator('.office-move__done').textContent())
      .toBe('Jawaban terkirim dan pengaduan ditutup.');
    await expect.poll(() => officer.locator('.office-complaint__status').textContent()).toBe('Ditutup');
    expect(await officer.locator('.office-complaint__answers').textContent()).toContain(answer);
    expect(await officer.getByLabel('Jawaban untuk pengadu').count()).toBe(0); // closed: no form

    const [stored] = await server.db.query<{ status: string; closed_at: unknown }>(
      'select status, closed_at from complaints where id = $1',
      [filed.id],
    );
    expect(stored).toMatchObject({ status: 'closed' });
    expect(stored!.closed_at).not.toBeNull();
    const answers = await server.db.query<{ text: string; actor_role: string }>(
      'select text, actor_role from complaint_answers where complaint_id = $1',
      [filed.id],
    );
    expect(answers).toEqual([{ text: answer, actor_role: 'officer' }]);

    const pull = await call('GET', '/api/sync/complaints/pull?seq=0&limit=100', { bearer: DEVICE_KEY });
    expect(pull.statusCode, pull.body).toBe(200);
    const docs = (pull.json() as { documents: unknown[] }).documents.map((d) => ComplaintUpdate.parse(d));
    const mine = docs.find((d) => d.id === filed.id)!;
    expect(mine).toMatchObject({ status: 'closed', trackingNumber: filed.trackingNumber });
    expect(mine.answers.map((a) => a.text)).toEqual([answer]);

    // Answering a complaint closed meanwhile (another tab, another officer): 409 → said in words.
    const other = await fileComplaint(complaint());
    await officer.goto(`${server.url}/petugas/pengaduan/${other.id}`);
    await officer.getByLabel('Jawaban untuk pengadu').fill('Sudah kami tindak lanjuti.');
    const creds = await signIn(server.app, 'petugas.raas', PASSWORD);
    expect(
      (
        await call('POST', `/api/office/complaints/${other.id}/answers`, creds, {
          text: 'Ditutup dari tab lain.',
          close: true,
        })
      ).statusCode,
    ).toBe(200);
    await officer.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect
      .poll(() => officer.getByRole('alert').textContent())
      .toBe('Pengaduan ini sudah ditutup dan tidak menerima jawaban lagi.');
    await expect.poll(() => officer.locator('.office-complaint__status').textContent()).toBe('Ditutup');
  });

  it('a confidential complaint shows "dirahasiakan" to an officer; an anonymous one "anonim"', async () => {
    const secret = await fileComplaint(
      complaint({ privacy: 'confidential', complainant: { name: 'Nama Rahasia Sekali' } }),
    );
    await officer.goto(`${server.url}/petugas/pengaduan/${secret.id}`);
    await expect.poll(() => officer.locator('.office-complaint__complainant').textContent()).toBe('dirahasiakan');
    expect(await officer.locator('main').textContent()).not.toContain('Nama Rahasia Sekali');
    const anonymous = await fileComplaint(complaint({ privacy: 'anonymous', complainant: undefined }));
    await officer.goto(`${server.url}/petugas/pengaduan/${anonymous.id}`);
    await expect.poll(() => officer.locator('.office-complaint__complainant').textContent()).toBe('anonim');
  });

  it('the SKM page shows the IKM, unit value and grade of the seeded answers, a chart with its numbers, a CSV and a printable report', async () => {
    const expected = computeIkm(SCORES);
    expect(expected.unitValue).not.toBeNull();
    await officer.goto(`${server.url}/petugas`);
    await officer.locator('.office-nav').getByRole('link', { name: 'Survei kepuasan (SKM)' }).click();
    await officer.waitForURL(`${server.url}/petugas/skm`);
    await expect.poll(() => officer.locator('.office-skm__respondents').textContent(), { timeout: 15_000 }).toBe('3');
    expect(await officer.locator('.office-skm__unit').textContent()).toBe(idNumber(expected.unitValue!));
    expect(await officer.locator('.office-skm__ikm').textContent()).toBe(
      idNumber(Math.round(expected.ikm! * 100) / 100),
    );
    expect(await officer.locator('.office-skm__grade').textContent()).toBe(
      `${expected.grade} (${GRADE_WORDS[expected.grade!]})`,
    );
    const total = (await officer.locator('tr.office-skm__total').textContent())!;
    for (const e of SKM_ELEMENTS) expect(total).toContain(idNumber(expected.elements[e].nrr!));
    expect(await officer.locator('tr.office-skm__row').count()).toBe(1);

    // The chart: inline SVG, named by its title and described with every NRR.
    const chart = officer.locator('svg[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('rect.office-skm__bar').count()).toBe(9);
    const labelledBy = (await chart.getAttribute('aria-labelledby'))!.split(' ');
    const desc = await officer.locator(`#${labelledBy[1]}`).textContent();
    expect(await officer.locator(`#${labelledBy[0]}`).textContent()).toContain('NRR');
    for (const e of SKM_ELEMENTS) expect(desc).toContain(`${e} `);
    expect(desc).toContain(`U1 Persyaratan: ${idNumber(expected.elements.U1.nrr!)}`);
    await expectAccessible(officer, 'office SKM');

    // The CSV link downloads text/csv for the same period.
    const csvLink = officer.getByRole('link', { name: 'Unduh CSV' });
    const href = (await csvLink.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/office\/skm\.csv\?from=\d{4}-01-01&to=\d{4}-\d\d-\d\d$/);
    const contentType = await officer.evaluate(
      async (url) => (await fetch(url, { credentials: 'same-origin' })).headers.get('content-type'),
      href,
    );
    expect(contentType).toMatch(/^text\/csv/);
    const [download] = await Promise.all([officer.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^skm-.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/).filter(Boolean).length).toBeGreaterThanOrEqual(2);

    // Print: only the report (office, period, respondents, table, chart, grade); no navigation.
    await officer.emulateMedia({ media: 'print' });
    expect(await officer.locator('.office-nav').isVisible()).toBe(false);
    expect(await officer.locator('.office-filters').isVisible()).toBe(false);
    expect(await officer.getByRole('button', { name: 'Cetak laporan' }).isVisible()).toBe(false);
    expect(await officer.locator('.office-skm-report').isVisible()).toBe(true);
    expect(await officer.locator('.office-skm__table').isVisible()).toBe(true);
    expect(await officer.locator('.office-skm__chart svg').isVisible()).toBe(true);
    expect(await officer.locator('.office-skm__period').isVisible()).toBe(true);
    await officer.emulateMedia({ media: 'screen' });
    expect(await officer.locator('.office-nav').isVisible()).toBe(true);
    expect(await officer.getByRole('button', { name: 'Cetak laporan' }).isVisible()).toBe(true);

    // A period without responses says so.
    await officer.getByLabel('Dari tanggal').fill('2020-01-01');
    await officer.getByLabel('Sampai tanggal').fill('2020-01-31');
    await officer.getByRole('button', { name: 'Tampilkan' }).click();
    await expect.poll(() => officer.locator('.office-skm__respondents').textContent()).toBe('0');
    expect(await officer.getByText('Belum ada jawaban survei pada periode ini.').count()).toBe(1);
  });

  it('imports a field officer’s .nlx through the page once, and refuses a tampered one in plain words', async () => {
    // A field officer of the office: device signing key registered, office key fetched (as at sign-in).
    const fieldAccountId = await insertAccount(server.db, {
      username: 'jemput.bola',
      name: 'Petugas Lapangan',
      role: 'field-officer',
      officeIds: [OFFICE],
      passwordHash: await hashPassword(PASSWORD),
    });
    const field = await fieldToken(server.app, 'jemput.bola', PASSWORD);
    const pair = await generateSigningKeyPair();
    const publicKey = await exportPublicJwk(pair.publicKey);
    const device = { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
    const registered = await call('POST', '/api/field/device-keys', field, { publicKey });
    expect(registered.statusCode, registered.body).toBeLessThan(300);
    expect(DeviceKeyResponse.parse(registered.json()).keyId).toBe(device.keyId);
    const keyRes = await call('GET', '/api/field/export-key', field);
    expect(keyRes.statusCode, keyRes.body).toBe(200);
    const serverKey = ExportKeyResponse.parse(keyRes.json());

    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(20_000)]));
    const photo: PlainFile = { sha256: sha(bytes), type: 'image/jpeg', size: bytes.length, bytes };
    const records = [0, 1].map(() => {
      const record = {
        ...application(OFFICE, 'field'),
        applicant: { kind: 'resident', name: NAME },
        attachments: { kkDoc: [{ sha256: photo.sha256, type: photo.type, size: photo.size, name: 'kk.jpg' }] },
      } as SubmissionRecord;
      delete (record as { officeId?: string }).officeId;
      record.secretHash = sha(randomBytes(32).toString('hex'));
      return record;
    });
    // Signed at "Kirim" by the officer's device key (issue 7, field officer point 2), then sealed with the photo to the office's key, as the outbox holds them.
    for (const r of records)
      r.collectedBy = {
        keyId: device.keyId,
        signature: await signStatement(device.privateKey, collectionStatement(r)),
      };
    const office = { keyId: serverKey.keyId, publicKey: serverKey.publicKey };
    const sealed = await Promise.all(records.map((r) => sealApplication(office, r, [photo])));
    const file = await sealExport({
      contents: {
        officerAccountId: fieldAccountId,
        entries: sealed.map(({ id, box }) => ({ id, box })),
        files: sealed.flatMap((s) => s.files),
      },
      signer: device,
      server: office,
    });
    const dir = await tempDir('nusa-nlx-');
    dirs.push(dir);
    const good = join(dir, 'jemput-bola-raas.nlx');
    await writeFile(good, file);
    const frame = readExportFrame(file);
    const changed = file.slice();
    changed[frame.preamble.length - 10] = changed[frame.preamble.length - 10]! ^ 0x01;
    const tampered = join(dir, 'jemput-bola-diubah.nlx');
    await writeFile(tampered, changed);

    const ids = records.map((r) => r.id);
    const stored = () =>
      server.db.query<{ id: string; tracking_number: string; channel: string }>(
        'select id, tracking_number, channel from applications where id = any($1::uuid[])',
        [ids],
      );

    await officer.goto(`${server.url}/petugas`);
    await officer.locator('.office-nav').getByRole('link', { name: 'Impor berkas lapangan' }).click();
    await officer.waitForURL(`${server.url}/petugas/impor`);
    await expect.poll(() => officer.locator('h1').textContent()).toBe('Impor berkas petugas lapangan');
    await expectAccessible(officer, 'office import');

    // No file chosen: said in words.
    await officer.getByRole('button', { name: 'Impor berkas' }).click();
    await expect.poll(() => officer.getByRole('alert').textContent()).toBe('Pilih berkas .nlx terlebih dahulu.');

    // A tampered file: refused, nothing stored.
    await officer.getByLabel('Berkas ekspor (.nlx)').setInputFiles(tampered);
    await officer.getByRole('button', { name: 'Impor berkas' }).click();
    await expect
      .poll(() => officer.locator('.office-import__error').textContent(), { timeout: 15_000 })
      .toBe(
        'Berkas ini telah diubah setelah dibuat (tanda tangan tidak cocok). Berkas ditolak, tidak ada yang disimpan.',
      );
    await expectAccessible(officer, 'office import refused');
    expect(await stored()).toHaveLength(0);

    // The real file: two applications with their tracking numbers; twice → still two.
    for (const round of [1, 2]) {
      await officer.getByLabel('Berkas ekspor (.nlx)').setInputFiles(good);
      await officer.getByRole('button', { name: 'Impor berkas' }).click();
      await expect
        .poll(() => officer.locator('#import-done').textContent(), { timeout: 15_000 })
        .toBe('Berkas diimpor: 2 permohonan.');
      const rows = await stored();
      expect(rows, `round ${round}`).toHaveLength(2);
      expect(rows.every((r) => r.channel === 'field')).toBe(true);
      const table = (await officer.locator('.office-import__table').textContent())!;
      for (const r of rows) expect(table).toContain(r.tracking_number);
      expect(await officer.locator('tr.office-import__row--accepted').count()).toBe(2);
    }
    await expectAccessible(officer, 'office import results');
  });
});
