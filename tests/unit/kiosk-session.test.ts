// The pieces of the kiosk's session wipe: which photos must stay (named by a draft of someone else or
// by an outbox entry not yet delivered — a sealed entry's sealed photos, never the plain ones), the
// receipt's provisional code and where its QR code leads, and the idle settings.
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_MS, DEFAULT_WARN_MS, idleSettings } from '../../src/app/kiosk/idle.ts';
import { provisionalCode, receiptCode, receiptQrPath, receiptsOf, trackPath } from '../../src/data/kiosk/receipt.ts';
import { hashesIn, photosToKeep } from '../../src/data/kiosk/session.ts';
import type { AnyOutboxEntry, OutboxEntry, SealedOutboxEntry } from '../../src/data/outbox/outbox-db.ts';

const h = (c: string) => c.repeat(64);
const ref = (sha256: string) => ({ sha256, type: 'image/jpeg', size: 10, name: 'ktp.jpg' });
const entry = (id: string, state: string, channel: string, hashes: string[], kind?: string) =>
  ({
    id,
    state,
    ...(kind ? { kind } : {}),
    record: { id, channel, attachments: { ktp: hashes.map(ref) } },
  }) as unknown as AnyOutboxEntry;
const sealedEntry = (id: string, state: string, sealed: string[]) =>
  ({
    id,
    state,
    kind: 'sealed',
    channel: 'kiosk',
    serviceId: 'surat-pengantar',
    box: 'x',
    files: sealed.map((sha256) => ({ sha256, size: 10 })),
  }) as unknown as AnyOutboxEntry;

describe('kiosk session wipe pieces', () => {
  it('finds every photo hash a record names, however deep, and nothing else', () => {
    expect(
      [
        ...hashesIn({ a: [ref(h('a'))], b: { photo: ref(h('b')) }, c: { sha256: 'not-a-hash' }, d: 'x'.repeat(64) }),
      ].sort(),
    ).toEqual([h('a'), h('b')]);
  });

  it('keeps photos of other drafts and of entries awaiting sync; drops the session’s and delivered ones', () => {
    const otherDraft = { attachments: { kk: [ref(h('1'))] } };
    const outbox = [
      entry('q', 'queued', 'kiosk', [h('2')]),
      entry('r', 'quarantined', 'kiosk', [h('3')]),
      entry('d', 'delivered', 'kiosk', [h('4')]),
      { id: 'c', state: 'queued', kind: 'complaint', record: { photo: ref(h('5')) } } as unknown as AnyOutboxEntry,
    ];
    const keep = photosToKeep([otherDraft], outbox);
    expect([...keep].sort()).toEqual([h('1'), h('2'), h('3'), h('5')]);
    expect(keep.has(h('4'))).toBe(false); // delivered: the server has it
    expect(keep.has(h('6'))).toBe(false); // only the session's draft named it
  });

  it('keeps a sealed entry’s sealed photos until delivered, and lets the plain photos of its wiped draft go', () => {
    // The session's draft named h('7'); Kirim sealed it into h('8'). After the wipe only the box stays.
    const keep = photosToKeep([], [sealedEntry('s', 'queued', [h('8')]), sealedEntry('t', 'delivered', [h('9')])]);
    expect([...keep]).toEqual([h('8')]);
  });
});

describe('kiosk receipt', () => {
  it('shows the id’s short form until the server gives the tracking number', () => {
    const id = '0190c3a4-7b2e-7c1d-8e4f-123456789abc';
    expect(provisionalCode(id)).toBe('5678-9ABC');
    expect(receiptCode(id, undefined)).toEqual({ code: '5678-9ABC', provisional: true });
    expect(receiptCode(id, '7K3Q-9XW2')).toEqual({ code: '7K3Q-9XW2', provisional: false });
    expect(trackPath('7K3Q-9XW2')).toBe('/lacak?nomor=7K3Q-9XW2');
  });

  it('points the QR code at /lacak with the code shown: the provisional one (the server learns it on delivery), then the tracking number', () => {
    const id = '0190c3a4-7b2e-7c1d-8e4f-123456789abc';
    expect(receiptQrPath(id, undefined)).toBe('/lacak?nomor=5678-9ABC');
    expect(receiptQrPath(id, '7K3Q-9XW2')).toBe('/lacak?nomor=7K3Q-9XW2');
  });

  it('keeps, for the staff, the tracking number each delivered provisional code got (sealed or plain), and nothing else', () => {
    const at = '2026-01-05T01:00:00.000Z';
    const delivered = [
      {
        id: '0190c3a4-7b2e-7c1d-8e4f-123456789abc',
        kind: 'sealed',
        serviceId: 'surat-pengantar',
        updatedAt: 5,
        result: { id: 'x', status: 'accepted', trackingNumber: '7K3Q-9XW2', receivedAt: at },
      },
      {
        id: '0190c3a4-7b2e-7c1d-8e4f-0000000000aa',
        record: { serviceId: 'akta-kelahiran' },
        updatedAt: 6,
        result: { id: 'y', status: 'accepted', trackingNumber: 'ABCD-EFGH', receivedAt: at },
      },
      { id: '0190c3a4-7b2e-7c1d-8e4f-0000000000bb', kind: 'sealed', serviceId: 'surat-pengantar', updatedAt: 7 },
    ] as unknown as Array<OutboxEntry | SealedOutboxEntry>;
    expect(receiptsOf(delivered)).toEqual([
      { code: '5678-9ABC', trackingNumber: '7K3Q-9XW2', serviceId: 'surat-pengantar', deliveredAt: 5 },
      { code: '0000-00AA', trackingNumber: 'ABCD-EFGH', serviceId: 'akta-kelahiran', deliveredAt: 6 },
    ]);
  });
});

describe('kiosk idle settings', () => {
  const store = (v: Record<string, string>) => ({ getItem: (k: string) => v[k] ?? null });
  it('defaults to three minutes with a 30-second warning', () => {
    expect(idleSettings(store({}))).toEqual({ idleMs: 3 * 60_000, warnMs: 30_000 });
    expect(DEFAULT_IDLE_MS).toBe(180_000);
    expect(DEFAULT_WARN_MS).toBe(30_000);
  });
  it('reads shorter times from the device, ignores nonsense, and never warns longer than the time-out', () => {
    expect(idleSettings(store({ 'nusa-layan.kiosk.idleSeconds': '8', 'nusa-layan.kiosk.warnSeconds': '5' }))).toEqual({
      idleMs: 8000,
      warnMs: 5000,
    });
    expect(idleSettings(store({ 'nusa-layan.kiosk.idleSeconds': '4' }))).toEqual({ idleMs: 4000, warnMs: 4000 });
    expect(
      idleSettings(store({ 'nusa-layan.kiosk.idleSeconds': 'abc', 'nusa-layan.kiosk.warnSeconds': '-3' })),
    ).toEqual({ idleMs: 180_000, warnMs: 30_000 });
    expect(
      idleSettings({
        getItem: () => {
          throw new Error('blocked');
        },
      }),
    ).toEqual({ idleMs: 180_000, warnMs: 30_000 });
  });
});
