// The drafts' journal keeps changes as values to set: merged in order, newest wins, and applying the
// same patch twice (a replay after a half-finished catch-up) changes nothing more.
import { describe, expect, it } from 'vitest';
import { applyPatch, mergePatch } from '../../src/data/drafts/journal.ts';
import type { Draft } from '../../src/domain/drafts/draft.ts';

const draft: Draft = {
  id: '0190f0c4-0000-7000-8000-000000000001',
  serviceId: 'akta-kelahiran',
  formVersion: 1,
  applicant: { kind: 'self' },
  answers: { childName: 'Siti', place: 'Sumenep' },
  attachments: { kk: [{ sha256: 'a'.repeat(64), type: 'image/jpeg', size: 10, name: 'kk.jpg' }] },
  consent: false,
  createdAt: 1,
  updatedAt: 2,
};

describe('draft journal patches', () => {
  it('merges changes key by key, the newer value winning', () => {
    const merged = mergePatch(
      { answers: { childName: 'S', place: null }, consent: true },
      { answers: { childName: 'Si' }, attachments: { kk: null } },
    );
    expect(merged).toEqual({ answers: { childName: 'Si', place: null }, attachments: { kk: null }, consent: true });
  });

  it('sets answers, removes the ones set to null, and stamps the time of the newest change', () => {
    const next = applyPatch(
      draft,
      { answers: { childName: 'Siti Aminah', place: null }, attachments: { kk: null } },
      9,
    );
    expect(next.answers).toEqual({ childName: 'Siti Aminah' });
    expect(next.attachments).toEqual({});
    expect(next.consent).toBe(false);
    expect(next.updatedAt).toBe(9);
    expect(draft.answers.place).toBe('Sumenep'); // the input is not changed
  });

  it('changes nothing more when the same patch is applied twice', () => {
    const patch = { answers: { childName: 'Siti Aminah', place: null }, consent: true };
    const once = applyPatch(draft, patch, 9);
    expect(applyPatch(once, patch, 9)).toEqual(once);
  });
});
