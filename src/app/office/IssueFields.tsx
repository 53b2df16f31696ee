// The issued product an officer attaches with a move to "ready" or "completed" (issue #15): a PDF or
// a JPEG, a note for the resident, and — for a PDF the office signed electronically — saying so. The
// file goes up through the same content-addressed, resumable uploads as the residents' photos.
import { sha256Hex } from '../../data/attachments/hash.ts';
import { uploadBlob } from '../../data/outbox/uploads.ts';
import type { DocumentAttachment } from '../../domain/documents/document.ts';
import { MAX_UPLOAD_BYTES } from '../../domain/uploads.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, uploadFailure } from './api.ts';

export type Issue = { file: File | undefined; note: string; signed: boolean };
export const NO_ISSUE: Issue = { file: undefined, note: '', signed: false };

const TYPES = ['application/pdf', 'image/jpeg'] as const;

/** Uploads the file (resuming where the server is) and answers what the move names. */
export async function uploadIssued(file: File, note: string, signed: boolean): Promise<DocumentAttachment> {
  const type = TYPES.find((x) => x === file.type);
  if (!type || file.size > MAX_UPLOAD_BYTES[type]) throw new OfficeApiError('http', 413, 'document.type');
  const sha256 = await sha256Hex(file);
  await uploadBlob(sha256, { type, size: file.size, blob: file }).catch((err: unknown) => {
    throw uploadFailure(err);
  });
  return {
    sha256,
    ...(note.trim() ? { note: note.trim() } : {}),
    ...(signed && type === 'application/pdf' ? { signed } : {}),
  };
}

export function IssueFields({ issue, onChange }: { issue: Issue; onChange(next: Issue): void }) {
  const { t } = useI18n();
  const isPdf = issue.file?.type === 'application/pdf';
  return (
    <fieldset class="field field--group">
      <legend>{t('office.issue.legend')}</legend>
      <p class="field__hint" id="issue-hint">
        {t('office.issue.hint')}
      </p>
      <div class="field">
        <label for="issue-file">{t('office.issue.file')}</label>
        <input
          id="issue-file"
          type="file"
          accept="application/pdf,image/jpeg"
          aria-describedby="issue-hint"
          onChange={(e) => onChange({ ...issue, file: e.currentTarget.files?.[0], signed: false })}
        />
      </div>
      {issue.file && (
        <div class="field">
          <label for="issue-note">{t('office.issue.note')}</label>
          <input
            id="issue-note"
            maxLength={1000}
            value={issue.note}
            onInput={(e) => onChange({ ...issue, note: e.currentTarget.value })}
          />
        </div>
      )}
      {isPdf && (
        <label class="choice">
          <input
            type="checkbox"
            checked={issue.signed}
            onChange={(e) => onChange({ ...issue, signed: e.currentTarget.checked })}
          />
          {t('office.issue.signed')}
        </label>
      )}
    </fieldset>
  );
}
