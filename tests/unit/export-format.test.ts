// The field officer's export file (src/domain/field/export-format.ts, version 2) with Node's WebCrypto:
// a round trip keeps the sealed record boxes and the sealed photo bytes as they are; a changed byte in
// the header or the ciphertext is "tampered"; another device's key is refused as the signer; another
// server's key cannot open it; not-an-export, unknown versions (version 1 too), a manifest of another
// officer and photo bytes that do not match their hash are refused.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concat, toBase64Url } from '../../src/domain/crypto/bytes.ts';
import {
  exportPublicJwk,
  generateEcdhKeyPair,
  generateSigningKeyPair,
  jwkThumbprint,
} from '../../src/domain/crypto/keys.ts';
import {
  type ExportContents,
  type ExportErrorCode,
  ExportFormatError,
  exportFileName,
  openExport,
  readExportFrame,
  sealExport,
  verifyExport,
} from '../../src/domain/field/export-format.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const OFFICER = '0192f0e4-7b5c-7d2e-8a1b-3c4d5e6f7a8b';

async function signer() {
  const pair = await generateSigningKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}

async function server() {
  const pair = await generateEcdhKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}

/**
 * The format carries sealed boxes without opening them: stand-ins of the right shape (the sealing
 * itself is tests/unit/sealed-box.test.ts, the opening at import tests/integration/field-import.test.ts).
 */
function contents(officer = OFFICER): ExportContents {
  const photoBox = concat([new TextEncoder().encode('NLSEAL'), randomBytes(2000)]);
  return {
    officerAccountId: officer,
    entries: [{ id: uuidv7(), box: toBase64Url(randomBytes(900)) }],
    files: [{ sha256: sha(photoBox), size: photoBox.length, bytes: photoBox }],
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
async function read(
  file: Uint8Array,
  registered: { keyId: string; publicKey: Awaited<ReturnType<typeof signer>>['publicKey'] },
  srv: Awaited<ReturnType<typeof server>>,
) {
  const frame = readExportFrame(file);
  if (frame.keyId !== registered.keyId) throw new ExportFormatError('foreign_export', 'unknown key');
  const header = await verifyExport(frame, registered.publicKey);
  return { header, contents: await openExport(frame, header, srv) };
}

describe('field export file', () => {
  it('round-trips the sealed boxes and photo bytes, and names the signer and the officer', async () => {
    const [device, srv] = await Promise.all([signer(), server()]);
    const input = contents();
    const file = await sealExport({
      contents: input,
      signer: device,
      server: srv,
      now: new Date('2026-11-24T03:00:00Z'),
    });
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe('NLEXPORT');
    expect(file[8]).toBe(2);
    // The outer encryption hides even the sealed boxes: not one of them shows in the file.
    const text = Buffer.from(file).toString('latin1');
    expect(text).not.toContain(input.entries[0]!.box.slice(0, 40));
    expect(text).not.toContain('NLSEAL');

    const { header, contents: out } = await read(file, device, srv);
    expect(header).toMatchObject({
      keyId: device.keyId,
      officerAccountId: OFFICER,
      serverKeyId: srv.keyId,
      createdAt: '2026-11-24T03:00:00.000Z',
      version: 2,
    });
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
    const forged = await sealExport({
      contents: contents(),
      signer: { keyId: device.keyId, privateKey: stranger.privateKey },
      server: srv,
    });
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
    expect(await refusal(async () => readExportFrame(new TextEncoder().encode('{"records":[]}')))).toBe(
      'not_an_export',
    );
    expect(await refusal(async () => readExportFrame(new Uint8Array(0)))).toBe('not_an_export');
    const file = await sealExport({ contents: contents(), signer: device, server: srv });
    // Version 1 carried readable records: this server no longer reads it.
    for (const version of [1, 3]) {
      const other = file.slice();
      other[8] = version;
      expect(await refusal(async () => readExportFrame(other))).toBe('unsupported_version');
    }
    expect(await refusal(async () => readExportFrame(file.subarray(0, 60)))).toBe('not_an_export');
  });

  it('refuses a manifest of another officer than the header names, and photo bytes that do not match their hash', async () => {
    const [device, srv] = await Promise.all([signer(), server()]);
    // sealExport writes one officer into both; a header that names another than the manifest inside does not open.
    const file = await sealExport({
      contents: contents('0192f0e4-7b5c-7d2e-8a1b-000000000000'),
      signer: device,
      server: srv,
    });
    const frame = readExportFrame(file);
    const header = await verifyExport(frame, device.publicKey);
    expect(await refusal(() => openExport(frame, { ...header, officerAccountId: OFFICER }, srv))).toBe('wrong_officer');
    const wrongPhoto = contents();
    wrongPhoto.files[0] = { ...wrongPhoto.files[0]!, sha256: sha('something else') };
    expect(
      await refusal(async () =>
        read(await sealExport({ contents: wrongPhoto, signer: device, server: srv }), device, srv),
      ),
    ).toBe('invalid_export');
  });

  it('names files by date and count', () => {
    expect(exportFileName(new Date(2026, 10, 4, 9), 5)).toBe('nusa-layan-2026-11-04-5-permohonan.nlx');
  });
});
