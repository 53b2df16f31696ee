// The field officer's export file (".nlx"): queued applications with their photos, carried on a USB
// stick (or by another device that gets online first) to the office, which imports it. Pure format
// and crypto code shared by the device (which writes it) and the server (which reads it); WebCrypto
// only (`crypto.subtle`, in browsers and Node 20), no DOM or node: imports.
//
// Version 2 (issue 7): the tablet seals each application and photo to the office's key at "Kirim"
// (domain/sealing) and can no longer read them, so the file carries those sealed boxes as they wait
// in the outbox, the very boxes POST /api/sealed takes; the office opens them exactly as it does for
// that route. The outer frame below still proves who wrote the file and hides how many photos each
// application has.
//
// ## Who can read it, who wrote it
// - Confidential to the office: the server has one long-term ECDH P-256 key pair (its public key is
//   served at GET /api/field/export-key and cached on the device at sign-in). Each file gets a fresh
//   ephemeral ECDH P-256 key; ECDH(ephemeral, server) → HKDF-SHA-256 (empty salt: the ephemeral key is
//   new for every file; info = EXPORT_HKDF_INFO, naming the format version) → AES-256-GCM key. The
//   12-byte IV is random; the GCM additional data is the whole signed preamble, so the header is bound
//   to the ciphertext twice (by the tag and by the signature).
// - Authentic: the officer's device holds an ECDSA P-256 signing key (private key non-extractable, in
//   IndexedDB) whose public key is registered for the officer's account (POST /api/field/device-keys).
//   The signature (ECDSA P-256 / SHA-256, IEEE P1363 r‖s, 64 bytes) covers every byte of the file
//   except the signature block itself: preamble ‖ ciphertext. The importer checks it with the
//   registered key BEFORE decrypting anything, then decrypts, then validates every record with the
//   domain schemas.
//
// ## Layout (big-endian integers)
//   "NLEXPORT"              8 bytes magic: not a Nusa Layan export otherwise
//   version                 1 byte (EXPORT_VERSION)
//   keyIdLength, keyId      1 byte + ASCII: the signing key's id (RFC 7638 JWK thumbprint, base64url)
//   headerLength, header    4 bytes + UTF-8 JSON (ExportHeader: format, version, keyId, officer
//                           account id, created time, server key id, ephemeral public key, iv)
//   signatureLength, sig    2 bytes + signature
//   ciphertext              the rest: AES-256-GCM(payload) with its 16-byte tag
// The key id and version sit outside the JSON in fixed fields so that the importer can find the key
// and check the signature before it parses anything the signer wrote: a changed byte anywhere in the
// header or ciphertext is "tampered", never a parse error.
//
// ## Payload (the plaintext), binary rather than one JSON document
//   manifestLength, manifest   4 bytes + UTF-8 JSON (ExportManifest: the sealed record boxes, files)
//   file bytes                 each sealed photo box of `manifest.files`, in order, `size` bytes each
// Photos are most of the bytes (~300 KB each); base64 in JSON would make the file a third larger and
// build one string of tens of MB on a cheap tablet. The framing keeps the photo bytes as they are.
// (A record box is a few KB: base64url in the manifest, as the device keeps it and POST /api/sealed takes it.)
import { z } from 'zod';
import { Base64Url, concat, fromBase64Url, sha256Hex, toBase64Url } from '../crypto/bytes.ts';
import {
  deriveContentKey,
  EcPublicJwk,
  exportPublicJwk,
  generateEcdhKeyPair,
  importServerPublicKey,
  importVerifyKey,
  KeyId,
  SIGNATURE_ALG,
} from '../crypto/keys.ts';
import { Sha256 } from '../drafts/draft.ts';

export const EXPORT_MAGIC = 'NLEXPORT';
export const EXPORT_VERSION = 2;
export const EXPORT_FORMAT = 'nusa-layan-export';
/** The file's media type (also accepted as application/octet-stream by the import route). */
export const EXPORT_MEDIA_TYPE = 'application/vnd.nusalayan.export';
export const EXPORT_FILE_EXTENSION = '.nlx';
/** The largest file the office imports: 40 applications with three ~300 KB photos each fit twice over. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
/** The most applications in one file. */
export const MAX_EXPORT_RECORDS = 2000;
export const EXPORT_HKDF_INFO = `${EXPORT_FORMAT} v${EXPORT_VERSION} ECDH-P256 HKDF-SHA256 AES-256-GCM`;

const IV_BYTES = 12;

// ---------------------------------------------------------------------------------------------
// Shapes

export const ExportHeader = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  /** The officer device's signing key. */
  keyId: KeyId,
  /** The field officer's account the signing key is registered for. */
  officerAccountId: z.uuid(),
  /** Device time the file was made (informative only: device clocks are not trusted). */
  createdAt: z.iso.datetime({ offset: true }),
  /** The server key the file is encrypted for. */
  serverKeyId: KeyId,
  ephemeralPublicKey: EcPublicJwk,
  iv: Base64Url.length(16),
});
export type ExportHeader = z.infer<typeof ExportHeader>;

/**
 * A sealed application: the outbox entry's id and its record box (base64url), as POST /api/sealed
 * takes it. Whose it is the importer learns only by opening it (the record's collectedBy).
 */
export const ExportEntry = z.object({ id: z.uuid({ version: 'v7' }), box: Base64Url.max(256 * 1024) });
export type ExportEntry = z.infer<typeof ExportEntry>;

/** A sealed photo box, named (as its upload is) by the SHA-256 of the sealed bytes. */
export const ExportFileRef = z.object({ sha256: Sha256, size: z.number().int().positive() });
export type ExportFileRef = z.infer<typeof ExportFileRef>;

export const ExportManifest = z.object({
  officerAccountId: z.uuid(),
  entries: z.array(ExportEntry).min(1).max(MAX_EXPORT_RECORDS),
  files: z.array(ExportFileRef),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

export type ExportFile = ExportFileRef & { bytes: Uint8Array };
export type ExportContents = { officerAccountId: string; entries: ExportEntry[]; files: ExportFile[] };

/** Why a file is refused; the import route answers each with its own code (see routes/field-import.ts). */
export type ExportErrorCode =
  | 'not_an_export' // no magic, or the framing is broken
  | 'unsupported_version' // a version this build does not read
  | 'foreign_export' // signed with a key not registered here
  | 'revoked_key' // the key, or its officer's account, was revoked
  | 'tampered' // the signature does not match the bytes
  | 'undecryptable' // encrypted for another server key, or the ciphertext does not open
  | 'wrong_officer' // records of another officer than the signer (the importer checks each opened record)
  | 'invalid_export'; // signed and decrypted, but the contents break the schemas or their own hashes

export class ExportFormatError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

function uint(value: number, bytes: 1 | 2 | 4): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = value & 0xff;
    value = Math.floor(value / 256);
  }
  return out;
}

/** A cursor over the file that refuses to read past its end (a truncated or foreign file). */
class Reader {
  at = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly code: ExportErrorCode,
  ) {}
  take(n: number): Uint8Array {
    if (n < 0 || this.at + n > this.bytes.length)
      throw new ExportFormatError(this.code, 'The file is cut short or its framing is broken.');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  uint(n: 1 | 2 | 4): number {
    return this.take(n).reduce((v, b) => v * 256 + b, 0);
  }
  rest(): Uint8Array {
    return this.take(this.bytes.length - this.at);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing (the device)

export type SealOptions = {
  contents: ExportContents;
  /** The device's signing key and its registered id. */
  signer: { keyId: string; privateKey: CryptoKey };
  /** The server's public key as served by GET /api/field/export-key. */
  server: { keyId: string; publicKey: EcPublicJwk };
  now?: Date;
};

/** Builds the signed, encrypted file. */
export async function sealExport({
  contents,
  signer,
  server,
  now = new Date(),
}: SealOptions): Promise<Uint8Array<ArrayBuffer>> {
  const manifest = ExportManifest.parse({
    officerAccountId: contents.officerAccountId,
    entries: contents.entries,
    files: contents.files.map(({ sha256, size }) => ({ sha256, size })),
  });
  for (const f of contents.files)
    if (f.bytes.length !== f.size) throw new Error(`file ${f.sha256} has ${f.bytes.length} bytes, not ${f.size}`);
  const manifestBytes = utf8.encode(JSON.stringify(manifest));
  const plaintext = concat([uint(manifestBytes.length, 4), manifestBytes, ...contents.files.map((f) => f.bytes)]);

  const ephemeral = await generateEcdhKeyPair();
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header: ExportHeader = ExportHeader.parse({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    keyId: signer.keyId,
    officerAccountId: contents.officerAccountId,
    createdAt: now.toISOString(),
    serverKeyId: server.keyId,
    ephemeralPublicKey: await exportPublicJwk(ephemeral.publicKey),
    iv: toBase64Url(iv),
  });
  const headerBytes = utf8.encode(JSON.stringify(header));
  const keyIdBytes = utf8.encode(signer.keyId);
  const preamble = concat([
    utf8.encode(EXPORT_MAGIC),
    uint(EXPORT_VERSION, 1),
    uint(keyIdBytes.length, 1),
    keyIdBytes,
    uint(headerBytes.length, 4),
    headerBytes,
  ]);

  const key = await deriveContentKey(
    ephemeral.privateKey,
    await importServerPublicKey(server.publicKey),
    EXPORT_HKDF_INFO,
    'encrypt',
  );
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: preamble }, key, plaintext),
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign(SIGNATURE_ALG, signer.privateKey, concat([preamble, ciphertext])),
  );
  return concat([preamble, uint(signature.length, 2), signature, ciphertext]);
}

/** `nusa-layan-2026-11-24-5-permohonan.nlx`: the device's date and the number of applications. */
export function exportFileName(now: Date, count: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `nusa-layan-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${count}-permohonan${EXPORT_FILE_EXTENSION}`;
}

// ---------------------------------------------------------------------------------------------
// Reading (the office's server), in three steps: frame → verify → open

export type ExportFrame = {
  keyId: string;
  /** The signed bytes before the signature: magic, version, key id, header. */
  preamble: Uint8Array<ArrayBuffer>;
  headerBytes: Uint8Array;
  signature: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
};

/** Splits a file into its parts without trusting any of them yet. */
export function readExportFrame(file: Uint8Array): ExportFrame {
  const magic = utf8.encode(EXPORT_MAGIC);
  if (file.length < magic.length + 2 || magic.some((b, i) => file[i] !== b)) {
    throw new ExportFormatError('not_an_export', 'This is not a Nusa Layan export file (.nlx).');
  }
  const r = new Reader(file, 'not_an_export');
  r.take(magic.length);
  const version = r.uint(1);
  if (version !== EXPORT_VERSION)
    throw new ExportFormatError(
      'unsupported_version',
      `Export format version ${version} is not supported (this server reads version ${EXPORT_VERSION}).`,
    );
  const keyIdBytes = r.take(r.uint(1));
  let keyId: string;
  try {
    keyId = KeyId.parse(fromUtf8.decode(keyIdBytes));
  } catch {
    throw new ExportFormatError('not_an_export', 'The file names no valid signing key.');
  }
  const headerBytes = r.take(r.uint(4));
  const preamble = file.slice(0, r.at);
  const signature = r.take(r.uint(2)).slice();
  const ciphertext = r.rest().slice();
  if (ciphertext.length < 16) throw new ExportFormatError('not_an_export', 'The file holds no encrypted contents.');
  return { keyId, preamble, headerBytes, signature, ciphertext };
}

/** Checks the signature with the registered public key; only then parses the header. */
export async function verifyExport(frame: ExportFrame, signerKey: EcPublicJwk): Promise<ExportHeader> {
  const ok = await crypto.subtle.verify(
    SIGNATURE_ALG,
    await importVerifyKey(signerKey),
    frame.signature,
    concat([frame.preamble, frame.ciphertext]),
  );
  if (!ok) throw new ExportFormatError('tampered', 'The file was changed after the field officer’s device signed it.');
  let header: ExportHeader;
  try {
    header = ExportHeader.parse(JSON.parse(fromUtf8.decode(frame.headerBytes)));
  } catch {
    throw new ExportFormatError('invalid_export', 'The signed header of the file is malformed.');
  }
  if (header.keyId !== frame.keyId)
    throw new ExportFormatError('invalid_export', 'The header names another signing key than the file.');
  return header;
}

/**
 * Decrypts and validates the contents: the manifest against its schema, every file against its hash.
 * The boxes inside stay sealed: the importer opens them as POST /api/sealed does.
 */
export async function openExport(
  frame: ExportFrame,
  header: ExportHeader,
  server: { keyId: string; privateKey: CryptoKey },
): Promise<ExportContents> {
  if (header.serverKeyId !== server.keyId)
    throw new ExportFormatError('undecryptable', 'The file was encrypted for another server’s key.');
  let plaintext: Uint8Array;
  try {
    const key = await deriveContentKey(
      server.privateKey,
      await importServerPublicKey(header.ephemeralPublicKey),
      EXPORT_HKDF_INFO,
      'decrypt',
    );
    plaintext = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(header.iv), additionalData: frame.preamble },
        key,
        frame.ciphertext,
      ),
    );
  } catch {
    throw new ExportFormatError('undecryptable', 'The file cannot be decrypted with this server’s key.');
  }
  const r = new Reader(plaintext, 'invalid_export');
  let manifest: ExportManifest;
  try {
    manifest = ExportManifest.parse(JSON.parse(fromUtf8.decode(r.take(r.uint(4)))));
  } catch (err) {
    if (err instanceof ExportFormatError) throw err;
    throw new ExportFormatError('invalid_export', 'The applications in the file do not match the expected shape.');
  }
  if (manifest.officerAccountId !== header.officerAccountId) {
    throw new ExportFormatError(
      'wrong_officer',
      'The file holds applications of another field officer than the one who signed it.',
    );
  }
  const files: ExportFile[] = [];
  for (const ref of manifest.files) {
    const bytes = r.take(ref.size).slice();
    if ((await sha256Hex(bytes)) !== ref.sha256)
      throw new ExportFormatError('invalid_export', 'A photo in the file does not match its SHA-256.');
    files.push({ ...ref, bytes });
  }
  if (r.at !== plaintext.length)
    throw new ExportFormatError('invalid_export', 'The file holds bytes that no photo claims.');
  return { officerAccountId: manifest.officerAccountId, entries: manifest.entries, files };
}
