// The office's state machine: every allowed move, a sample of forbidden ones, the resident-only
// resubmission, and what each move's body must carry.
import { describe, expect, it } from 'vitest';
import {
  acceptsCorrection,
  acceptsWithdrawal,
  allowedMoves,
  changeOf,
  documentOf,
  isFinal,
  type OfficerMove as Move,
  OfficerMove,
  pickupRequired,
  validateMove,
} from '../../src/domain/backoffice/application-status.ts';
import { ApplicationStatus } from '../../src/domain/submissions/submission.ts';

const PICKUP = { place: "Loket 2, Kantor Kecamatan Ra'as", from: '2026-11-25T08:00:00+07:00' };

/** A valid body for a move to each state an officer can choose. */
const BODY: Record<Move['to'], Move> = {
  verifying: { to: 'verifying' },
  'needs-correction': { to: 'needs-correction', message: 'Foto KK buram, mohon unggah ulang.' },
  processing: { to: 'processing', note: 'Berkas lengkap.' },
  ready: { to: 'ready', pickup: PICKUP },
  completed: { to: 'completed' },
  rejected: { to: 'rejected', reason: 'Data tidak sesuai dengan dokumen.' },
  withdrawn: { to: 'withdrawn', note: 'Atas permintaan pemohon di loket.' },
};

const OFFICER_MOVES: Array<[ApplicationStatus, Move['to']]> = [
  ['received', 'verifying'],
  ['received', 'withdrawn'],
  ['verifying', 'needs-correction'],
  ['verifying', 'processing'],
  ['verifying', 'rejected'],
  ['verifying', 'withdrawn'],
  ['needs-correction', 'withdrawn'],
  ['processing', 'ready'],
  ['processing', 'rejected'],
  ['processing', 'withdrawn'],
  ['ready', 'completed'],
  ['ready', 'withdrawn'],
];

describe('application state machine', () => {
  it('lists exactly the officer moves of the standard, state by state', () => {
    const listed = ApplicationStatus.options.flatMap((from) => allowedMoves(from).map((to) => [from, to]));
    expect(listed).toEqual(OFFICER_MOVES);
  });

  it.each(OFFICER_MOVES)('allows an officer to move %s → %s', (from, to) => {
    const check = validateMove(from, BODY[to]);
    expect(check).toMatchObject({ ok: true, change: { status: to } });
  });

  it('leaves needs-correction → verifying to the resident (the corrected resubmission)', () => {
    expect(allowedMoves('needs-correction')).toEqual(['withdrawn']);
    expect(allowedMoves('needs-correction', 'resident')).toEqual(['verifying', 'withdrawn']);
    expect(acceptsCorrection('needs-correction')).toBe(true);
    for (const s of ApplicationStatus.options.filter((s) => s !== 'needs-correction'))
      expect(acceptsCorrection(s)).toBe(false);
    expect(validateMove('needs-correction', BODY.verifying)).toEqual({
      ok: false,
      code: 'move.resident-only',
      allowed: ['withdrawn'],
    });
  });

  it('lets the resident withdraw any open application, and only the system abandon one awaiting a correction', () => {
    const open = ApplicationStatus.options.filter((s) => !isFinal(s));
    expect(open).toEqual(['received', 'verifying', 'needs-correction', 'processing', 'ready']);
    for (const s of ApplicationStatus.options) expect(acceptsWithdrawal(s), s).toBe(open.includes(s));
    const abandoning = ApplicationStatus.options.filter((s) => allowedMoves(s, 'system').includes('abandoned'));
    expect(abandoning).toEqual(['needs-correction']);
    expect(validateMove('needs-correction', { to: 'abandoned' })).toMatchObject({ ok: false, code: 'move.invalid' });
  });

  it.each<[ApplicationStatus, Move['to']]>([
    ['received', 'processing'],
    ['received', 'ready'],
    ['received', 'rejected'],
    ['verifying', 'ready'],
    ['verifying', 'completed'],
    ['processing', 'verifying'],
    ['processing', 'completed'],
    ['ready', 'processing'],
    ['ready', 'rejected'],
    ['needs-correction', 'processing'],
  ])('refuses %s → %s with the moves that are allowed', (from, to) => {
    expect(validateMove(from, BODY[to])).toEqual({ ok: false, code: 'move.not-allowed', allowed: allowedMoves(from) });
  });

  it('moves nothing out of completed, rejected, withdrawn or abandoned', () => {
    for (const from of ['completed', 'rejected', 'withdrawn', 'abandoned'] as const) {
      expect(isFinal(from)).toBe(true);
      for (const body of Object.values(BODY))
        expect(validateMove(from, body)).toEqual({ ok: false, code: 'move.final', allowed: [] });
    }
    expect(ApplicationStatus.options.filter(isFinal)).toEqual(['completed', 'rejected', 'withdrawn', 'abandoned']);
  });

  it('needs a message to the resident for a correction, a pickup for ready, a reason for a rejection', () => {
    for (const [from, body] of [
      ['verifying', { to: 'needs-correction' }],
      ['verifying', { to: 'needs-correction', message: '   ' }],
      ['processing', { to: 'ready' }],
      ['processing', { to: 'ready', pickup: { place: 'Loket 2' } }],
      ['processing', { to: 'ready', pickup: { place: 'Loket 2', from: 'besok pagi' } }],
      ['processing', { to: 'ready', pickup: { place: '', from: PICKUP.from } }],
      ['verifying', { to: 'rejected' }],
      ['verifying', { to: 'rejected', note: 'a note is not a reason' }],
      ['received', { to: 'archived' }],
      ['received', null],
    ] as const) {
      const check = validateMove(from, body);
      expect(check.ok, JSON.stringify(body)).toBe(false);
      expect(check).toMatchObject({ code: 'move.invalid', allowed: allowedMoves(from) });
    }
  });

  it('lets an electronically issued product be ready without a pickup place, never with neither', () => {
    const document = { sha256: 'a'.repeat(64), note: 'KK digital terlampir.' };
    const check = validateMove('processing', { to: 'ready', document });
    expect(check).toMatchObject({ ok: true, change: { status: 'ready' } });
    expect(check.ok && documentOf(check.move)).toEqual(document);
    expect(validateMove('processing', { to: 'ready', note: 'no pickup, no document' })).toMatchObject({
      ok: false,
      code: 'move.invalid',
    });
    expect(validateMove('ready', { to: 'completed', document: { sha256: 'B'.repeat(64) } })).toMatchObject({
      ok: false,
      code: 'move.invalid',
    });
    const completed = validateMove('ready', { to: 'completed', document: { sha256: 'b'.repeat(64), signed: true } });
    expect(completed.ok && documentOf(completed.move)).toEqual({ sha256: 'b'.repeat(64), signed: true });
    expect(documentOf({ to: 'processing' })).toBeUndefined();
  });

  it('lets an electronic product be ready with neither a pickup nor a document; one collected in person not', () => {
    const bare = { to: 'ready', note: 'Dokumen elektronik dikirim ke aplikasi.' };
    expect(validateMove('processing', bare, { electronicProduct: true })).toMatchObject({
      ok: true,
      change: { status: 'ready', message: bare.note, pickup: undefined },
    });
    expect(validateMove('processing', bare, { electronicProduct: false })).toMatchObject({
      ok: false,
      code: 'move.invalid',
      issues: [{ path: ['pickup'] }],
    });
    // A pickup is still taken for an electronic product (the office may also hand a printout over).
    expect(validateMove('processing', { to: 'ready', pickup: PICKUP }, { electronicProduct: true })).toMatchObject({
      ok: true,
      change: { pickup: PICKUP },
    });
    expect(pickupRequired({}, {})).toBe(true);
    expect(pickupRequired({ document: { sha256: 'a'.repeat(64) } }, {})).toBe(false);
    expect(pickupRequired({}, { electronicProduct: true })).toBe(false);
  });

  it('turns a move into what the application stores: reason and correction as the message, pickup for ready', () => {
    expect(changeOf(BODY['needs-correction'])).toEqual({
      status: 'needs-correction',
      message: 'Foto KK buram, mohon unggah ulang.',
    });
    expect(changeOf(BODY.rejected)).toEqual({ status: 'rejected', message: 'Data tidak sesuai dengan dokumen.' });
    expect(changeOf({ to: 'ready', pickup: PICKUP, note: 'Bawa KK asli.' })).toEqual({
      status: 'ready',
      message: 'Bawa KK asli.',
      pickup: PICKUP,
    });
    expect(changeOf(BODY.processing)).toEqual({ status: 'processing', message: 'Berkas lengkap.' });
    expect(changeOf(BODY.completed)).toEqual({ status: 'completed', message: undefined });
  });

  it('trims messages and accepts an optional note on the other moves', () => {
    expect(OfficerMove.parse({ to: 'needs-correction', message: '  Foto buram.  ' })).toEqual({
      to: 'needs-correction',
      message: 'Foto buram.',
    });
    expect(validateMove('received', { to: 'verifying', note: 'Mulai diperiksa.' })).toMatchObject({
      ok: true,
      change: { message: 'Mulai diperiksa.' },
    });
  });
});
