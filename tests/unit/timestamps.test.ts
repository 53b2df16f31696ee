// The storage adapters' timestamp parser: PostgreSQL's text form, in any session time zone, as ISO UTC.
import { describe, expect, it } from 'vitest';
import { timestampToIso } from '../../src/server/storage/timestamps.ts';

describe('timestampToIso', () => {
  it('reads UTC, WIB and other offsets, with and without fractions of a second', () => {
    expect(timestampToIso('2026-11-25 03:00:00+00')).toBe('2026-11-25T03:00:00.000Z');
    expect(timestampToIso('2026-11-25 10:00:00.123456+07')).toBe('2026-11-25T03:00:00.123Z');
    expect(timestampToIso('2026-11-25 00:30:00.5-05:30')).toBe('2026-11-25T06:00:00.500Z');
    expect(timestampToIso('1900-01-01 00:00:00+07:07:12')).toBe('1899-12-31T16:52:48.000Z');
  });

  it('reads a timestamp without a zone as UTC, and keeps words it does not know', () => {
    expect(timestampToIso('2026-12-31 23:59:59.999')).toBe('2026-12-31T23:59:59.999Z');
    expect(timestampToIso('infinity')).toBe('infinity');
  });
});
