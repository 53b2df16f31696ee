// What a kiosk or field tablet keeps at "Kirim" (src/data/outbox/seal.ts): a record box and one box
// per photo that only the server's key opens — the record exactly as the plain path builds it, each
// photo byte-identical, named by the hash of its sealed bytes — and the field officer's sync summary
// worked out from such sealed entries (counts, bytes, progress, failures), which it cannot read.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syncSummary } from '../../src/data/field/summary.ts';
import type { AnyOutboxEntry, SealedOutboxEntry } from '../../src/data/outbox/outbox-db.ts';
import { fromBase64Url } from '../../src/domain/crypto/bytes.ts';
import { exportPublicJwk, generateEcdhKeyPair, jwkThumbprint } from '../../src/domain/crypto/keys.ts';
import { SealedContents } from '../../src/domain/sealing/api.ts';
import { MissingPhotoError, sealApplication } from '../../src/domain/sealing/seal-application.ts';
import { openBox, SEALED_OVERHEAD_BYTES } from '../../src/domain/sealing/sealed-box.ts';
import type { SubmissionRecord } from '../../src/domain/submissions/submission.ts';

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const NIK = '3529011203850007';
const NAME = 'Siti Aminah';

async function serverKey() {
  const pair = await generateEcdhKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), publicKey, privateKey: pair.privateKey };
}

describe('sealing at Kirim', () => {
  const ktp = new TextEncoder().encode(`\u00ff\u00d8\u00ff photo of ${NAME} ${NIK}`);
  const kk = new TextEncoder().encode('\u00ff\u00d8\u00ff family card');
  const ref = (bytes: Uint8Array, name: string) => ({
    sha256: hex(bytes),
    type: 'image/jpeg' as const,
    size: bytes.length,
    name,
  });
  const record: SubmissionRecord = {
    id: '01935f4e-7a00-7000-8000-000000000001',
    serviceId: 'surat-pengantar',
    formVersion: 1,
    channel: 'kiosk',
    applicant: { kind: 'self' },
    answers: { nik: NIK, fullName: NAME },
    attachments: { ktpElDoc: [ref(ktp, 'ktp.jpg')], kkDoc: [ref(kk, 'kk.jpg'), ref(ktp, 'ktp-again.jpg')] },
    consent: true,
    secretHash: 'a'.repeat(64),
    officeId: 'desa-talango',
  };
  const photos = new Map([
    [hex(ktp), ktp],
    [hex(kk), kk],
  ]);

  it('seals the record and each photo once; only the server key opens them, to the same record and bytes', async () => {
    const key = await serverKey();
    const sealed = await sealApplication(key, record, async (sha) => photos.get(sha));
    expect(sealed.files).toHaveLength(2); // the KTP attached twice is sealed once

    const box = fromBase64Url(sealed.box);
    const text = new TextDecoder('latin1').decode(box);
    expect(text).not.toContain(NIK);
    expect(text).not.toContain(NAME);
    const contents = SealedContents.parse(JSON.parse(new TextDecoder().decode(await openBox(key, box, 'record'))));
    expect(contents.record).toEqual(record);

    for (const f of sealed.files) {
      expect(f.sealed).toBe(hex(f.bytes)); // the upload's name is the hash of the sealed bytes
      expect(f.sealedSize).toBe(f.bytes.length);
      expect(f.sealedSize).toBe(f.size + SEALED_OVERHEAD_BYTES);
      expect(new TextDecoder('latin1').decode(f.bytes)).not.toContain(NIK);
      const opened = await openBox(key, f.bytes, 'file');
      expect(hex(opened)).toBe(f.sha256);
      expect(contents.files).toContainEqual({
        sha256: f.sha256,
        type: 'image/jpeg',
        size: f.size,
        sealed: f.sealed,
        sealedSize: f.sealedSize,
      });
    }
    await expect(openBox(key, sealed.files[0]!.bytes, 'record')).rejects.toThrow(); // a photo box never opens as a record
  });

  it('queues nothing when a photo the record names is no longer on the device', async () => {
    const key = await serverKey();
    await expect(
      sealApplication(key, record, async (sha) => (sha === hex(kk) ? kk : undefined)),
    ).rejects.toBeInstanceOf(MissingPhotoError);
  });
});

describe('field sync summary from sealed entries', () => {
  const h = (c: string) => c.repeat(64);
  const sealedEntry = (
    id: string,
    state: SealedOutboxEntry['state'],
    files: Array<[string, number]>,
    extra: Partial<SealedOutboxEntry> = {},
    channel: 'field' | 'kiosk' = 'field',
  ): AnyOutboxEntry => ({
    id,
    kind: 'sealed',
    state,
    attempts: 0,
    nextAttemptAt: 0,
    queuedAt: 1,
    updatedAt: 1,
    box: 'B'.repeat(1000 + id.charCodeAt(0)),
    files: files.map(([sha256, size]) => ({ sha256, size })),
    channel,
    serviceId: 'surat-pengantar',
    ...extra,
  });

  it('counts applications and sealed photos, bytes of boxes and photos not yet uploaded, progress and failures', () => {
    const now = 1_000_000;
    const entries = [
      sealedEntry(
        'a',
        'queued',
        [
          [h('1'), 1100],
          [h('2'), 2100],
        ],
        { sending: { at: now - 1000, sent: 700, total: 3200 } },
      ),
      sealedEntry('b', 'queued', [[h('3'), 4100]], { uploaded: [h('3')] }), // the server holds this one
      sealedEntry('c', 'delivered', [[h('4'), 50]]),
      sealedEntry('d', 'quarantined', [], { attempts: 9, lastError: { kind: 'http', status: 503 } }),
      sealedEntry('e', 'rejected', [], {
        result: { id: 'e', status: 'rejected', errors: { _sealed: { code: 'sealed.undecryptable' } } },
      }),
      sealedEntry('k', 'queued', [[h('5'), 99_999]], {}, 'kiosk'), // a kiosk's: not the officer's
    ];
    const s = syncSummary(entries, now);
    expect(s.queued).toBe(2);
    expect(s.photos).toBe(2);
    expect(s.bytes).toBe(1000 + 'a'.charCodeAt(0) + 1000 + 'b'.charCodeAt(0) + 1100 + 2100);
    expect(s.progress).toEqual({ sent: 700, total: 3200 });
    expect(s.delivered).toBe(1);
    expect(s.failed).toEqual([
      { id: 'd', state: 'quarantined', attempts: 9, sealed: true, error: { kind: 'http', status: 503 } },
      { id: 'e', state: 'rejected', attempts: 0, sealed: true, fields: { _sealed: { code: 'sealed.undecryptable' } } },
    ]);
  });
});
