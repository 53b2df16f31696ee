// The field officer's export file (src/domain/field/export-format.ts) with Node's WebCrypto: a round
// trip keeps records, secrets and photo bytes; a changed byte in the header or the ciphertext is
// "tampered"; another device's key is refused as the signer; another server's key cannot open it;
// not-an-export, unknown versions, another officer's records and wrong photo bytes are refused.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import {
  exportFileName,
  ExportFormatError,
  exportPublicJwk,
  generateServerKeyPair,
  generateSigningKeyPair,
  jwkThumbprint,
  openExport,
  readExportFrame,
  sealExport,
  verifyExport,
  type ExportContents,
  type ExportErrorCode,
} from '../../src/domain/field/export-format.ts';
import type { SubmissionRecord } from '../../src/domain/submissions/submission.ts';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const OFFICER = '0192f0e4-7b5c-7d2e-8a1b-3c4d5e6f7a8b';

async function signer() {
  const pair = await generateSigningKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}

async function server() {
  const pair = await generateServerKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}

function contents(officer = OFFICER): ExportContents {
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
  const secret = randomBytes(32).toString('hex');
  const record: SubmissionRecord = {
    id: uuidv7(),
    serviceId: 'ktp-el-baru',
    formVersion: 1,
    channel: 'field',
    applicant: { kind: 'resident', name: 'Siti Aminah' },
    answers: { nik: '3529014507900003', fullName: 'Siti Aminah' },
    attachments: { kkDoc: [{ sha256: sha(photo), type: 'image/jpeg', size: photo.length, name: 'kk.jpg' }] },
    consent: true,
    secretHash: sha(secret),
  };
  return {
    officerAccountId: officer,
    entries: [{ officerAccountId: officer, record, secret }],
    files: [{ sha256: sha(photo), type: 'image/jpeg', size: photo.length, bytes: new Uint8Array(photo) }],
  };
}

async function refusal(work: () => Promise<unknown>): Promise<ExportErrorCode> {
  try {
    await work();
  } catch (err) {
    if (err instanceof ExportFormatError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** The reader as the server runs it: frame, verify with the registered key, open with its own key. */
async function read(file: Uint8Array, registered: { keyId: string; publicKey: Awaited<ReturnType<typeof signer>>['publicKey'] }, srv: Awaited<ReturnType<typeof server>>) {
  const frame = readExportFrame(file);
  if (frame.keyId !== registered.keyId) throw new ExportFormatError('foreign_export', 'unknown key');
  const header = await verifyExport(frame, registered.publicKey);
  return { header, contents: await openExport(frame, header, srv) };
}

describe('field export file', () => {
  it('round-trips records, secrets and photo bytes, and names the signer and the officer', async () => {
    const [device, srv] = await Promise.all([signer(), server()]);
    const input = contents();
    const file = await sealExport({ contents: input, signer: device, server: srv, now: new Date('2026-11-24T03:00:00Z') });
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe('NLEXPORT');
    // Nothing readable: no NIK, name or secret in the file.
    const text = Buffer.from(file).toString('latin1');
    for (const secret of ['3529014507900003', 'Siti Aminah', input.entries[0]!.secret]) expect(text).not.toContain(secret);

    const { header, contents: out } = await read(file, device, srv);
    expect(header).toMatchObject({ keyId: device.keyId, officerAccountId: OFFICER, serverKeyId: srv.keyId, createdAt: '2026-11-24T03:00:00.000Z', version: 1 });
    expect(out.entries).toEqual(input.entries);
    expect(out.files).toHaveLength(1);
    expect(Buffer.from(out.files[0]!.bytes).equals(Buffer.from(input.files[0]!.bytes))).toBe(true);
  });

  it('refuses a flipped byte in the header or in the ciphertext as tampered', async () => {
    const [device, srv] = await Promise.all([signer(), server()]);
    const file = await sealExport({ contents: contents(), signer: device, server: srv });
    const frame = readExportFrame(file);
    const headerAt = frame.preamble.length - frame.headerBytes.length;
    // Header: a byte inside the JSON (the created time) and its first byte ('{'); ciphertext: the middle and the tag.
    const createdAt = new TextDecoder().decode(frame.headerBytes).indexOf('"createdAt":"') + 13;
    for (const at of [headerAt, headerAt + createdAt, file.length - frame.ciphertext.length / 2, file.length - 1]) {
      const changed = file.slice();
      changed[at] = changed[at]! ^ 0x01;
      expect(await refusal(() => read(changed, device, srv)), `byte ${at}`).toBe('tampered');
    }
    // The signature itself.
    const sigAt = frame.preamble.length + 2;
    const changed = file.slice();
    changed[sigAt] = changed[sigAt]! ^ 0x80;
    expect(await refusal(() => read(changed, device, srv))).toBe('tampered');
  });

  it('refuses a file signed by another key as foreign (and verifying it with the registered key fails)', async () => {
    const [device, stranger, srv] = await Promise.all([signer(), signer(), server()]);
    const file = await sealExport({ contents: contents(), signer: stranger, server: srv });
    expect(await refusal(() => read(file, device, srv))).toBe('foreign_export');
    // A stranger's file that claims the registered key id: its signature does not verify.
    const forged = await sealExport({ contents: contents(), signer: { keyId: device.keyId, privateKey: stranger.privateKey }, server: srv });
    expect(await refusal(() => read(forged, device, srv))).toBe('tampered');
  });

  it('cannot be opened with another server key', async () => {
    const [device, srv, other] = await Promise.all([signer(), server(), server()]);
    const file = await sealExport({ contents: contents(), signer: device, server: srv });
    expect(await refusal(() => read(file, device, other))).toBe('undecryptable');
    // Even when the other key claims the right id: the AES-GCM tag does not open.
    expect(await refusal(() => read(file, device, { ...other, keyId: srv.keyId }))).toBe('undecryptable');
  });

  it('refuses what is not an export, an unknown version and a cut file', async () => {
    const [device, srv] = await Promise.all([signer(), server()]);
    expect(await refusal(async () => readExportFrame(new TextEncoder().encode('{"records":[]}')))).toBe('not_an_export');
    expect(await refusal(async () => readExportFrame(new Uint8Array(0)))).toBe('not_an_export');
    const file = await sealExport({ contents: contents(), signer: device, server: srv });
    const v2 = file.slice();
    v2[8] = 2;
    expect(await refusal(async () => readExportFrame(v2))).toBe('unsupported_version');
    expect(await refusal(async () => readExportFrame(file.subarray(0, 60)))).toBe('not_an_export');
  });

  it('refuses records of another officer than the signer, and a secret that does not match its hash', async () => {
    const [device, srv] = await Promise.all([signer(), server()]);
    const mixed = contents();
    mixed.entries[0] = { ...mixed.entries[0]!, officerAccountId: '0192f0e4-7b5c-7d2e-8a1b-000000000000' };
    expect(await refusal(async () => read(await sealExport({ contents: mixed, signer: device, server: srv }), device, srv))).toBe('wrong_officer');
    const badSecret = contents();
    badSecret.entries[0] = { ...badSecret.entries[0]!, secret: 'ab'.repeat(32) };
    expect(await refusal(async () => read(await sealExport({ contents: badSecret, signer: device, server: srv }), device, srv))).toBe('invalid_export');
  });

  it('names files by date and count', () => {
    expect(exportFileName(new Date(2026, 10, 4, 9), 5)).toBe('nusa-layan-2026-11-04-5-permohonan.nlx');
  });
});
