// A sealed box: bytes only the office's server can open (issue 7: a lost kiosk or field tablet
// reveals nothing readable). At "Kirim" a shared device seals the application (record, and each
// photo separately) to the server's long-term ECDH P-256 public key — the key export files use
// (GET /api/field/export-key, server/field/keys.ts) — and drops what it could read. From then on the
// device itself cannot open what waits in its outbox; the service worker delivers it without any
// credential, and the server opens it.
//
// Each box has a fresh ephemeral ECDH P-256 key: ECDH(ephemeral, server) → HKDF-SHA-256 with
// info = `${SEALED_BOX_INFO} ${context}` → AES-256-GCM; the header is the GCM additional data.
// `context` names what the box holds ('record' | 'file'), so a record's box never opens as a photo's.
//
// Layout: "NLSEAL" (6 bytes) | version (1 byte) | server key id (43 ASCII bytes, RFC 7638 thumbprint)
//         | ephemeral public key (65 bytes, uncompressed P-256 point) | IV (12 bytes) | ciphertext+tag
// Pure WebCrypto: runs in the page, the service worker and Node.
import { concat } from '../crypto/bytes.ts';
import {
  deriveContentKey,
  type EcPublicJwk,
  generateEcdhKeyPair,
  importServerPublicKey,
  KeyId,
} from '../crypto/keys.ts';

export const SEALED_BOX_MAGIC = 'NLSEAL';
export const SEALED_BOX_VERSION = 1;
export const SEALED_BOX_INFO = `nusa-layan-sealed-box v${SEALED_BOX_VERSION} ECDH-P256 HKDF-SHA256 AES-256-GCM`;
/** The media type of a sealed photo or file, in the uploads protocol and the files store. */
export const SEALED_MEDIA_TYPE = 'application/vnd.nusalayan.sealed';

export type SealContext = 'record' | 'file';

const KEY_ID_BYTES = 43;
const POINT_BYTES = 65;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const MAGIC = utf8.encode(SEALED_BOX_MAGIC);
export const SEALED_HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + POINT_BYTES + IV_BYTES;
/** What sealing adds to the plaintext's size. */
export const SEALED_OVERHEAD_BYTES = SEALED_HEADER_BYTES + TAG_BYTES;

/** The server key a device seals to, as GET /api/field/export-key serves it. */
export type SealingKey = { keyId: string; publicKey: EcPublicJwk };
/** The server's private half (server/field/keys.ts serverDecryptionKey). */
export type OpeningKey = { keyId: string; privateKey: CryptoKey };

export type SealedBoxErrorCode =
  | 'not_sealed' // too short, or no magic / unknown version
  | 'other_key' // sealed to another server key
  | 'undecryptable'; // the tag does not match: altered, or another context

export class SealedBoxError extends Error {
  constructor(
    readonly code: SealedBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SealedBoxError';
  }
}

function infoFor(context: SealContext): string {
  return `${SEALED_BOX_INFO} ${context}`;
}

export async function sealBox(
  key: SealingKey,
  plaintext: Uint8Array,
  context: SealContext,
): Promise<Uint8Array<ArrayBuffer>> {
  const keyId = utf8.encode(KeyId.parse(key.keyId));
  const ephemeral = await generateEcdhKeyPair();
  const point = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header = concat([MAGIC, Uint8Array.of(SEALED_BOX_VERSION), keyId, point, iv]);
  const aes = await deriveContentKey(
    ephemeral.privateKey,
    await importServerPublicKey(key.publicKey),
    infoFor(context),
    'encrypt',
  );
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: header },
      aes,
      plaintext as Uint8Array<ArrayBuffer>,
    ),
  );
  return concat([header, ciphertext]);
}

/** The server key id a box was sealed to, or null when the bytes are not a sealed box. */
export function sealedKeyId(box: Uint8Array): string | null {
  if (
    box.length < SEALED_OVERHEAD_BYTES ||
    MAGIC.some((b, i) => box[i] !== b) ||
    box[MAGIC.length] !== SEALED_BOX_VERSION
  )
    return null;
  const start = MAGIC.length + 1;
  return new TextDecoder().decode(box.subarray(start, start + KEY_ID_BYTES));
}

export async function openBox(
  key: OpeningKey,
  box: Uint8Array,
  context: SealContext,
): Promise<Uint8Array<ArrayBuffer>> {
  const keyId = sealedKeyId(box);
  if (keyId === null) throw new SealedBoxError('not_sealed', 'These bytes are not a sealed box.');
  if (keyId !== key.keyId) throw new SealedBoxError('other_key', 'The box was sealed to another server key.');
  const pointAt = MAGIC.length + 1 + KEY_ID_BYTES;
  const ivAt = pointAt + POINT_BYTES;
  const bodyAt = ivAt + IV_BYTES;
  const point = box.slice(pointAt, ivAt);
  const iv = box.slice(ivAt, bodyAt);
  const header = box.slice(0, bodyAt);
  try {
    const ephemeral = await crypto.subtle.importKey('raw', point, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const aes = await deriveContentKey(key.privateKey, ephemeral, infoFor(context), 'decrypt');
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: header }, aes, box.slice(bodyAt)),
    );
  } catch {
    throw new SealedBoxError('undecryptable', 'The box does not open with this server key.');
  }
}
