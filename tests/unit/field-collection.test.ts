// The statement a field officer's device signs for each collected application (issue 7, field
// officer point 2): deterministic bytes (key order, absent members), different for any change of
// the record's identity or content, and a signature over it verifies only for the same record.
import { describe, expect, it } from 'vitest';
import { exportPublicJwk, generateSigningKeyPair } from '../../src/domain/crypto/keys.ts';
import {
  canonicalJson,
  collectionStatement,
  signStatement,
  verifyCollection,
} from '../../src/domain/field/collection.ts';
import type { SubmissionRecord } from '../../src/domain/submissions/submission.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const record = (): SubmissionRecord => ({
  id: '01920000-0000-7000-8000-000000000001',
  serviceId: 'kartu-keluarga',
  formVersion: 1,
  channel: 'field',
  applicant: { kind: 'resident', name: 'Siti Aminah' },
  answers: {
    nik: '3529014507900003',
    fullName: 'Siti Aminah',
    agreed: true,
    address: {
      provinceCode: '35',
      regencyCode: '35.29',
      districtCode: '35.29.01',
      villageCode: '35.29.01.2001',
      street: 'Jl. Pantai 1',
    },
  },
  attachments: { kkDoc: [{ sha256: A, type: 'image/jpeg', size: 1000, name: 'kk.jpg' }] },
  consent: true,
  secretHash: B,
  deviceKeyHash: 'c'.repeat(64),
});
const text = (r: Parameters<typeof collectionStatement>[0]) => new TextDecoder().decode(collectionStatement(r));

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });
});

describe('collectionStatement', () => {
  it('is the same bytes for the same record whatever the key order, and ignores consent and collectedBy', () => {
    const r = record();
    const { secretHash, answers, ...others } = r;
    const shuffled = JSON.parse(
      JSON.stringify({ secretHash, answers: Object.fromEntries(Object.entries(answers).reverse()), ...others }),
    ) as SubmissionRecord;
    expect(Object.keys(shuffled)[0]).toBe('secretHash');
    expect(text(shuffled)).toBe(text(r));
    expect(text({ ...r, collectedBy: { keyId: 'k'.repeat(43), signature: 's'.repeat(86) } })).toBe(text(r));
    expect(text(r)).toMatch(/^\{"answers":\{"address":\{/);
    expect(text(r)).toContain('"context":"nusa-layan-collection v1"');
  });

  it('changes with any change of identity or content', () => {
    const base = text(record());
    const changes: Array<(r: SubmissionRecord) => void> = [
      (r) => (r.id = '01920000-0000-7000-8000-000000000002'),
      (r) => (r.serviceId = 'akta-kelahiran'),
      (r) => (r.formVersion = 2),
      (r) => (r.channel = 'online'),
      (r) => (r.applicant = { kind: 'resident', name: 'Siti Aminah ' }),
      (r) => (r.answers.nik = '3529014507900011'),
      (r) => (r.answers.agreed = false),
      (r) => ((r.answers.address as { street: string }).street = 'Jl. Pantai 2'),
      (r) => (r.answers.extra = 'x'),
      (r) => delete r.answers.fullName,
      (r) => (r.attachments.kkDoc![0]!.sha256 = B),
      (r) => (r.attachments.other = [{ sha256: A, type: 'image/jpeg', size: 1000, name: 'x.jpg' }]),
      (r) => (r.secretHash = A),
      (r) => (r.deviceKeyHash = A),
      (r) => (r.officeId = 'kecamatan-raas'),
    ];
    const seen = new Set([base]);
    for (const change of changes) {
      const r = record();
      change(r);
      const t = text(r);
      expect(t, change.toString()).not.toBe(base);
      seen.add(t);
    }
    expect(seen.size).toBe(changes.length + 1);
  });
});

describe('verifyCollection', () => {
  it('accepts the signer’s signature over the same record only', async () => {
    const pair = await generateSigningKeyPair();
    const other = await generateSigningKeyPair();
    const publicKey = await exportPublicJwk(pair.publicKey);
    const signature = await signStatement(pair.privateKey, collectionStatement(record()));
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(await verifyCollection(record(), signature, publicKey)).toBe(true);
    const tampered = record();
    tampered.answers.nik = '3529014507900011';
    expect(await verifyCollection(tampered, signature, publicKey)).toBe(false);
    expect(await verifyCollection(record(), signature, await exportPublicJwk(other.publicKey))).toBe(false);
    expect(await verifyCollection(record(), 'AAAA', publicKey)).toBe(false);
  });
});
