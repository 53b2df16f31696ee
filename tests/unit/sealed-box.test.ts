// Sealed boxes (src/domain/sealing/sealed-box.ts) with Node's WebCrypto: what a shared device seals
// only the server's key opens, byte for byte; a changed byte, the other context, another server key
// (even one that claims the right id) and bytes that are no box are each refused with their own code.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportPublicJwk, generateEcdhKeyPair, jwkThumbprint } from '../../src/domain/crypto/keys.ts';
import {
  openBox,
  SEALED_HEADER_BYTES,
  SEALED_MEDIA_TYPE,
  SEALED_OVERHEAD_BYTES,
  SealedBoxError,
  type SealedBoxErrorCode,
  sealBox,
  sealedKeyId,
} from '../../src/domain/sealing/sealed-box.ts';
import { MAX_UPLOAD_BYTES, startsLikeType, UploadType } from '../../src/domain/uploads.ts';

async function serverKey() {
  const pair = await generateEcdhKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), publicKey, privateKey: pair.privateKey };
}

async function refusal(work: () => Promise<unknown>): Promise<SealedBoxErrorCode> {
  try {
    await work();
  } catch (err) {
    if (err instanceof SealedBoxError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('sealed box', () => {
  it('round-trips the bytes, shows nothing of them, and is fresh every time', async () => {
    const key = await serverKey();
    const plain = new TextEncoder().encode(JSON.stringify({ nik: '3529014507900003', name: 'Siti Aminah' }));
    const box = await sealBox(key, plain, 'record');
    expect(box.length).toBe(plain.length + SEALED_OVERHEAD_BYTES);
    expect(sealedKeyId(box)).toBe(key.keyId);
    const text = Buffer.from(box).toString('latin1');
    expect(text).not.toContain('3529014507900003');
    expect(text).not.toContain('Siti Aminah');
    expect(Buffer.from(await openBox(key, box, 'record')).equals(Buffer.from(plain))).toBe(true);
    // A fresh ephemeral key and IV: the same bytes never seal alike (nothing to match across devices).
    expect(Buffer.from(await sealBox(key, plain, 'record')).equals(Buffer.from(box))).toBe(false);
    const photo = new Uint8Array(randomBytes(50_000));
    expect(Buffer.from(await openBox(key, await sealBox(key, photo, 'file'), 'file')).equals(Buffer.from(photo))).toBe(
      true,
    );
  });

  it('refuses a changed byte anywhere (header, ephemeral key, ciphertext, tag) as undecryptable', async () => {
    const key = await serverKey();
    const box = await sealBox(key, new Uint8Array(randomBytes(300)), 'record');
    // The ephemeral point's last byte, the IV, the ciphertext, the tag.
    for (const at of [SEALED_HEADER_BYTES - 13, SEALED_HEADER_BYTES - 1, SEALED_HEADER_BYTES + 100, box.length - 1]) {
      const changed = box.slice();
      changed[at] = changed[at]! ^ 0x01;
      expect(await refusal(() => openBox(key, changed, 'record')), `byte ${at}`).toBe('undecryptable');
    }
  });

  it('opens only in its own context: a record never opens as a file, nor a file as a record', async () => {
    const key = await serverKey();
    const bytes = new Uint8Array(randomBytes(64));
    expect(await refusal(async () => openBox(key, await sealBox(key, bytes, 'record'), 'file'))).toBe('undecryptable');
    expect(await refusal(async () => openBox(key, await sealBox(key, bytes, 'file'), 'record'))).toBe('undecryptable');
  });

  it('names another server key as other_key; another key claiming the id does not open it', async () => {
    const [key, other] = await Promise.all([serverKey(), serverKey()]);
    const box = await sealBox(key, new Uint8Array(randomBytes(64)), 'record');
    expect(await refusal(() => openBox(other, box, 'record'))).toBe('other_key');
    expect(await refusal(() => openBox({ keyId: key.keyId, privateKey: other.privateKey }, box, 'record'))).toBe(
      'undecryptable',
    );
  });

  it('refuses what is no box: too short, another magic, another version', async () => {
    const key = await serverKey();
    const box = await sealBox(key, new Uint8Array(10), 'file');
    expect(await refusal(() => openBox(key, box.subarray(0, SEALED_OVERHEAD_BYTES - 1), 'file'))).toBe('not_sealed');
    const magic = box.slice();
    magic[0] = 0x00;
    expect(await refusal(() => openBox(key, magic, 'file'))).toBe('not_sealed');
    const version = box.slice();
    version[6] = 9;
    expect(await refusal(() => openBox(key, version, 'file'))).toBe('not_sealed');
    expect(sealedKeyId(version)).toBeNull();
  });

  it('is an upload type of its own: limit above the largest plain file by the overhead, signature the magic and version', async () => {
    const key = await serverKey();
    expect(UploadType.parse(SEALED_MEDIA_TYPE)).toBe(SEALED_MEDIA_TYPE);
    expect(MAX_UPLOAD_BYTES[SEALED_MEDIA_TYPE]).toBe(MAX_UPLOAD_BYTES['application/pdf'] + SEALED_OVERHEAD_BYTES);
    expect(startsLikeType(SEALED_MEDIA_TYPE, await sealBox(key, new Uint8Array(1), 'file'))).toBe(true);
    expect(startsLikeType(SEALED_MEDIA_TYPE, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]))).toBe(false);
    expect(startsLikeType('image/jpeg', await sealBox(key, new Uint8Array([0xff, 0xd8, 0xff]), 'file'))).toBe(false);
  });
});
