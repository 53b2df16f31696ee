// Which outbox entries a field officer's export file carries: only the signed-in officer's queued
// sealed applications. A shared tablet can still hold queued entries of an officer who signed out
// (they are delivered by the sync); the office refuses a whole file holding another officer's
// applications (wrong_officer), so one stray entry must not make every export fail.
import { describe, expect, it } from 'vitest';
import { officersQueued } from '../../src/data/field/export.ts';
import type { AnyOutboxEntry, SealedOutboxEntry } from '../../src/data/outbox/outbox-db.ts';

const ME = '0190f000-0000-7000-8000-000000000001';
const OTHER = '0190f000-0000-7000-8000-000000000002';

function sealed(id: string, over: Partial<SealedOutboxEntry>): SealedOutboxEntry {
  return {
    id,
    kind: 'sealed',
    box: 'AAAA',
    files: [],
    channel: 'field',
    serviceId: 'ktp-el-baru',
    collector: ME,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    queuedAt: 0,
    updatedAt: 0,
    ...over,
  };
}

describe('field export entries', () => {
  it("takes the signed-in officer's queued sealed field applications, oldest first", () => {
    const { collector: _none, ...withoutCollector } = sealed('no-collector', {});
    const entries: AnyOutboxEntry[] = [
      sealed('b', { queuedAt: 20 }),
      sealed('a', { queuedAt: 10 }),
      sealed('other-officer', { collector: OTHER }),
      withoutCollector,
      sealed('kiosk', { channel: 'kiosk' }),
      sealed('delivered', { state: 'delivered' }),
      sealed('quarantined', { state: 'quarantined' }),
    ];
    expect(officersQueued(entries, ME).map((e) => e.id)).toEqual(['a', 'b']);
    expect(officersQueued(entries, OTHER).map((e) => e.id)).toEqual(['other-officer']);
  });
});
