// The outbox's per-kind rules (src/data/outbox/kinds.ts) and the complaint form's checks
// (src/app/feedback/complaint-form.ts): pure functions, no browser.
import { describe, expect, it } from 'vitest';
import {
  complaintErrors,
  emptyComplaintForm,
  loadComplaintForm,
  storeComplaintForm,
  toComplaintInput,
} from '../../src/app/feedback/complaint-form.ts';
import { deliveredOf } from '../../src/data/outbox/delivered.ts';
import {
  attachmentsOf,
  channelOf,
  ENDPOINTS,
  groupByKind,
  outcomeOfResult,
  parseResults,
  photosStillNeeded,
  requestBody,
} from '../../src/data/outbox/kinds.ts';
import { type AnyOutboxEntry, kindOf } from '../../src/data/outbox/outbox-db.ts';
import { wibClock } from '../../src/domain/time/wib.ts';

const ID = '01935f4e-7a00-7000-8000-000000000001';
const SHA = 'a'.repeat(64);
const SHA2 = 'b'.repeat(64);
const base = { state: 'queued' as const, attempts: 0, nextAttemptAt: 0, queuedAt: 1, updatedAt: 1 };

const application = (id: string, queuedAt = 1): AnyOutboxEntry =>
  ({
    ...base,
    id,
    queuedAt,
    secret: 's',
    record: {
      id,
      attachments: {
        a: [{ sha256: SHA, type: 'image/jpeg', size: 10, name: 'a.jpg' }],
        b: [
          { sha256: SHA, type: 'image/jpeg', size: 10, name: 'a.jpg' },
          { sha256: SHA2, type: 'application/pdf', size: 20, name: 'b.pdf' },
        ],
      },
    },
  }) as unknown as AnyOutboxEntry;
const complaint = (id: string, photo = true, queuedAt = 2): AnyOutboxEntry =>
  ({
    ...base,
    id,
    queuedAt,
    kind: 'complaint',
    secret: 's',
    record: { id, ...(photo ? { photo: { sha256: SHA2, type: 'image/jpeg', size: 7, name: 'p.jpg' } } : {}) },
  }) as unknown as AnyOutboxEntry;
const survey = (id: string, queuedAt = 3): AnyOutboxEntry =>
  ({ ...base, id, queuedAt, kind: 'survey', record: { id } }) as unknown as AnyOutboxEntry;
const SEALED = 'd'.repeat(64);
const SEALED2 = 'e'.repeat(64);
const sealed = (
  id: string,
  channel: 'kiosk' | 'field' = 'kiosk',
  state: AnyOutboxEntry['state'] = 'queued',
): AnyOutboxEntry => ({
  ...base,
  id,
  state,
  kind: 'sealed',
  box: 'TkxTRUFM',
  files: [
    { sha256: SEALED, size: 110 },
    { sha256: SEALED2, size: 220 },
  ],
  channel,
  serviceId: 'surat-pengantar',
});

describe('outbox kinds', () => {
  it("keeps the photos of every entry not yet delivered, a complaint's too, and lets a delivered entry's go", () => {
    const other = 'c'.repeat(64);
    const delivered = {
      ...application(ID),
      state: 'delivered',
      record: { id: ID, attachments: { a: [{ sha256: other, type: 'image/jpeg', size: 1, name: 'x.jpg' }] } },
    } as unknown as AnyOutboxEntry;
    expect([...photosStillNeeded([complaint(ID), survey(ID), delivered])]).toEqual([SHA2]);
    expect([...photosStillNeeded([application(ID)])].sort()).toEqual([SHA, SHA2]);
  });

  it("keeps a sealed entry's sealed photos until it is delivered, never the plain ones its record names inside the box", () => {
    expect([...photosStillNeeded([sealed(ID)])]).toEqual([SEALED, SEALED2]);
    expect([...photosStillNeeded([sealed(ID, 'kiosk', 'delivered')])]).toEqual([]);
    expect([...photosStillNeeded([sealed(ID, 'kiosk', 'quarantined'), complaint('c')])]).toEqual([
      SEALED,
      SEALED2,
      SHA2,
    ]);
  });

  it('treats an entry without a kind as an application (entries written before complaints existed)', () => {
    expect(kindOf(application(ID))).toBe('application');
    expect(kindOf(complaint(ID))).toBe('complaint');
    expect(kindOf(survey(ID))).toBe('survey');
    expect(kindOf(sealed(ID))).toBe('sealed');
  });

  it("reads an application's channel whether sealed or plain, and picks a shared device's delivered entries by it", () => {
    const plain = (id: string, channel: string, state = 'delivered') =>
      ({ ...application(id), state, record: { id, channel, attachments: {} } }) as unknown as AnyOutboxEntry;
    expect([sealed('s', 'field'), plain('p', 'kiosk'), complaint('c'), survey('v')].map(channelOf)).toEqual([
      'field',
      'kiosk',
      undefined,
      undefined,
    ]);
    const outbox = [
      sealed('k1', 'kiosk', 'delivered'),
      sealed('k2', 'kiosk', 'queued'),
      sealed('f1', 'field', 'delivered'),
      plain('k3', 'kiosk'), // queued before sealing existed
      plain('o1', 'online'),
      { ...complaint('c1'), state: 'delivered' } as AnyOutboxEntry,
    ];
    expect(deliveredOf(outbox, 'kiosk').map((e) => e.id)).toEqual(['k1', 'k3']);
    expect(deliveredOf(outbox, 'field').map((e) => e.id)).toEqual(['f1']);
  });

  it('sends each kind to its endpoint', () => {
    expect(ENDPOINTS).toEqual({
      application: '/api/submissions',
      complaint: '/api/complaints',
      survey: '/api/surveys',
      sealed: '/api/sealed',
    });
  });

  it('sends sealed entries as their boxes only, every other kind as records', () => {
    const [one, two] = [sealed(ID), sealed('01935f4e-7a00-7000-8000-000000000002')];
    expect(requestBody([one!, two!])).toEqual({
      boxes: [
        { id: ID, box: 'TkxTRUFM' },
        { id: '01935f4e-7a00-7000-8000-000000000002', box: 'TkxTRUFM' },
      ],
    });
    expect(JSON.stringify(requestBody([one!]))).not.toContain('files');
    expect(requestBody([complaint(ID, false)])).toEqual({ records: [{ id: ID }] });
    expect(() => requestBody([one!, survey('s')])).toThrow();
  });

  it('names the photos to upload first: every file of an application once, a complaint photo, nothing for a survey', () => {
    expect([...attachmentsOf(application(ID))]).toEqual([
      [SHA, 10],
      [SHA2, 20],
    ]);
    expect([...attachmentsOf(complaint(ID))]).toEqual([[SHA2, 7]]);
    expect([...attachmentsOf(complaint(ID, false))]).toEqual([]);
    expect([...attachmentsOf(survey(ID))]).toEqual([]);
    // A sealed entry uploads its sealed boxes, by the hash and size of the sealed bytes.
    expect([...attachmentsOf(sealed(ID))]).toEqual([
      [SEALED, 110],
      [SEALED2, 220],
    ]);
  });

  it('groups due entries by kind, keeping queue order inside each group', () => {
    const entries = [application('a1'), complaint('c1'), survey('s1'), application('a2'), complaint('c2')];
    expect(groupByKind(entries).map(([k, es]) => [k, es.map((e) => e.id)])).toEqual([
      ['application', ['a1', 'a2']],
      ['complaint', ['c1', 'c2']],
      ['survey', ['s1']],
    ]);
  });

  it('maps every result of every kind to delivered, rejected or missing attachments', () => {
    const at = '2026-01-05T01:00:00.000Z';
    expect(outcomeOfResult({ id: ID, status: 'accepted', trackingNumber: '7K3Q-9XW2', receivedAt: at })).toEqual({
      kind: 'delivered',
    });
    expect(outcomeOfResult({ id: ID, status: 'accepted', receivedAt: at })).toEqual({ kind: 'delivered' });
    expect(outcomeOfResult({ id: ID, status: 'duplicate-application', receivedAt: at })).toEqual({ kind: 'delivered' });
    expect(outcomeOfResult({ id: ID, status: 'duplicate-period', receivedAt: at })).toEqual({ kind: 'delivered' });
    expect(
      outcomeOfResult({ id: ID, status: 'rejected', errors: { about: { code: 'complaint.office-unknown' } } }),
    ).toEqual({ kind: 'rejected' });
    expect(outcomeOfResult({ id: ID, status: 'missing-attachments', sha256: [SHA] })).toEqual({
      kind: 'missing-attachments',
      sha256: [SHA],
    });
  });

  it("checks each kind's answer with its own schema", () => {
    const at = '2026-01-05T01:00:00.000Z';
    expect(
      parseResults('survey', { results: [{ id: ID, status: 'duplicate-application', receivedAt: at }] }),
    ).toHaveLength(1);
    expect(() =>
      parseResults('application', { results: [{ id: ID, status: 'duplicate-application', receivedAt: at }] }),
    ).toThrow();
    expect(() => parseResults('complaint', { results: [{ id: ID, status: 'accepted', receivedAt: at }] })).toThrow(); // no tracking number
    expect(
      parseResults('complaint', {
        results: [{ id: ID, status: 'accepted', trackingNumber: '7K3Q-9XW2', receivedAt: at }],
      }),
    ).toHaveLength(1);
    // Sealed answers are submission results; missing attachments name the sealed uploads.
    expect(parseResults('sealed', { results: [{ id: ID, status: 'missing-attachments', sha256: [SEALED] }] })).toEqual([
      { id: ID, status: 'missing-attachments', sha256: [SEALED] },
    ]);
    expect(
      parseResults('sealed', {
        results: [{ id: ID, status: 'rejected', errors: { _sealed: { code: 'sealed.undecryptable' } } }],
      }),
    ).toHaveLength(1);
    expect(() =>
      parseResults('sealed', { results: [{ id: ID, status: 'duplicate-application', receivedAt: at }] }),
    ).toThrow();
  });
});

describe('complaint form', () => {
  const now = Date.parse('2026-03-10T12:00:00+07:00');
  const filled = {
    ...emptyComplaintForm(ID),
    aboutKind: 'service' as const,
    serviceId: 'akta-kelahiran',
    what: 'Antre tiga jam.',
    when: '2026-03-09',
    privacy: 'public' as const,
    name: 'Siti',
  };

  it('is ready when complete, and becomes a valid domain complaint', () => {
    expect(complaintErrors(filled, now)).toEqual({});
    expect(toComplaintInput(filled)).toMatchObject({
      about: { kind: 'service', serviceId: 'akta-kelahiran' },
      complainant: { name: 'Siti' },
      privacy: 'public',
    });
  });

  it('names every missing field of an empty form', () => {
    expect(complaintErrors(emptyComplaintForm(ID), now)).toEqual({
      aboutKind: 'complaint.error.choose',
      what: 'complaint.error.required',
      when: 'complaint.error.required',
      privacy: 'complaint.error.choose',
    });
  });

  it('asks a name unless anonymous, and never sends one when anonymous', () => {
    expect(complaintErrors({ ...filled, name: ' ' }, now)).toEqual({ name: 'complaint.error.required' });
    expect(complaintErrors({ ...filled, privacy: 'confidential', name: '' }, now)).toEqual({
      name: 'complaint.error.required',
    });
    const anonymous = { ...filled, privacy: 'anonymous' as const };
    expect(complaintErrors({ ...anonymous, name: '' }, now)).toEqual({});
    expect(toComplaintInput(anonymous)).not.toHaveProperty('complainant');
  });

  it('checks the target, the phone and the date', () => {
    expect(complaintErrors({ ...filled, aboutKind: 'office', officeId: '' }, now)).toEqual({
      officeId: 'complaint.error.choose',
    });
    expect(complaintErrors({ ...filled, aboutKind: 'application', trackingNumber: 'abc' }, now)).toEqual({
      trackingNumber: 'complaint.error.trackingNumber',
    });
    expect(complaintErrors({ ...filled, aboutKind: 'application', trackingNumber: '7k3q-9xw2' }, now)).toEqual({});
    expect(complaintErrors({ ...filled, phone: 'call me' }, now)).toEqual({ phone: 'complaint.error.phone' });
    expect(complaintErrors({ ...filled, when: '2026-03-11' }, now)).toEqual({ when: 'complaint.error.dateFuture' });
    expect(wibClock(new Date('2026-03-10T17:30:00Z')).date).toBe('2026-03-11'); // already tomorrow in WIB
  });

  it('survives a reload through storage', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
    storeComplaintForm(storage, filled);
    expect(loadComplaintForm(storage, () => 'new')).toEqual(filled);
    expect(loadComplaintForm({ getItem: () => '{bad' }, () => ID)).toEqual(emptyComplaintForm(ID));
  });
});
