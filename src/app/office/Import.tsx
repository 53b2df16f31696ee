// /petugas/impor: a field officer's export file (.nlx, from a USB stick or another device) is sent as
// it is to POST /api/office/imports; the answer is one result per application — tracking number,
// reasons for a rejection, photos missing — and a refused file gets its reason in plain words.
import { useState } from 'preact/hooks';
import type { ExportErrorCode } from '../../domain/field/export-format.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { keyFor, type MessageKey, type Translate, useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { errorText } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { TableScroller } from './TableScroller.tsx';
import type { ImportResponse } from './types.ts';

/** The export file's media type (src/domain/field/export-format.ts EXPORT_MEDIA_TYPE). */
const EXPORT_MEDIA_TYPE = 'application/vnd.nusalayan.export';
const REFUSAL_TEXT: Record<ExportErrorCode, MessageKey> = {
  not_an_export: 'office.import.error.not_an_export',
  unsupported_version: 'office.import.error.unsupported_version',
  foreign_export: 'office.import.error.foreign_export',
  revoked_key: 'office.import.error.revoked_key',
  tampered: 'office.import.error.tampered',
  undecryptable: 'office.import.error.undecryptable',
  wrong_officer: 'office.import.error.wrong_officer',
  invalid_export: 'office.import.error.invalid_export',
};

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'missing' }
  | { kind: 'done'; result: ImportResponse }
  | { kind: 'error'; error: unknown };

export default function Import() {
  return <OfficeGate>{() => <ImportScreen />}</OfficeGate>;
}

/** A refused import in the officer's words: each code of the route, the size limit, else the general text. */
export function importErrorText(error: unknown, t: Translate): string {
  if (error instanceof OfficeApiError && error.kind === 'http') {
    const refusal = keyFor(REFUSAL_TEXT, error.code);
    if (refusal) return t(refusal);
    if (error.status === 413) return t('office.import.error.tooLarge');
    if (error.status === 415) return t('office.import.error.unsupported');
  }
  return errorText(error, t);
}

function ImportScreen() {
  const { t } = useI18n();
  const heading = useHeadingFocus();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      setState({ kind: 'missing' });
      return;
    }
    setState({ kind: 'busy' });
    try {
      const result = await officeFetch<ImportResponse>('/api/office/imports', {
        method: 'POST',
        raw: { data: file, type: EXPORT_MEDIA_TYPE },
      });
      setState({ kind: 'done', result });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.import.title')}
      </h1>
      <p>{t('office.import.intro')}</p>
      <form class="office-form" onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label for="import-file">{t('office.import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".nlx,application/vnd.nusalayan.export"
            aria-invalid={state.kind === 'missing' || undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setState({ kind: 'idle' });
            }}
          />
        </div>
        <button type="submit" class="btn btn--primary" disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? t('office.import.busy') : t('office.import.submit')}
        </button>
      </form>
      {state.kind === 'busy' && <p role="status">{t('office.import.busy')}</p>}
      {state.kind === 'missing' && (
        <p class="field__error" role="alert">
          {t('office.import.choose')}
        </p>
      )}
      {state.kind === 'error' && (
        <div class="office-error office-import__error" role="alert">
          <p>{importErrorText(state.error, t)}</p>
        </div>
      )}
      {state.kind === 'done' && <Results result={state.result} />}
    </>
  );
}

function Results({ result }: { result: ImportResponse }) {
  const { t } = useI18n();
  const count = (status: string) => result.results.filter((r) => r.status === status).length;
  return (
    <section class="office-import__results" aria-labelledby="import-done">
      {/* The heading announces itself: a status region around it, since a heading may not be one. */}
      <div role="status">
        <h2 id="import-done">{t('office.import.done', { records: result.results.length })}</h2>
      </div>
      <p>
        {t('office.import.summary', {
          accepted: count('accepted'),
          rejected: count('rejected'),
          missing: count('missing-attachments'),
          stored: result.files.stored,
          present: result.files.present,
          total: result.files.total,
        })}
      </p>
      <TableScroller captionId="office-table-caption">
        <table class="office-table office-import__table">
          <caption id="office-table-caption">{t('office.import.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office.import.col.record')}</th>
              <th scope="col">{t('office.import.col.result')}</th>
              <th scope="col">{t('office.import.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {result.results.map((r, i) => (
              <tr key={r.id} class={`office-import__row office-import__row--${r.status}`}>
                <th scope="row">
                  {`${i + 1}. `}
                  <span class="office-import__id">{r.id.slice(-12)}</span>
                </th>
                <td>
                  {r.status === 'accepted'
                    ? t('office.import.accepted')
                    : r.status === 'rejected'
                      ? t('office.import.rejected')
                      : t('office.import.missing')}
                </td>
                <td>
                  {r.status === 'accepted' && (
                    <a class="office-import__tracking" href={`/petugas/permohonan/${r.id}`}>
                      {t('office.import.tracking', { number: r.trackingNumber })}
                    </a>
                  )}
                  {r.status === 'rejected' && t('office.import.reasons', { count: Object.keys(r.errors).length })}
                  {r.status === 'missing-attachments' && t('office.import.missingPhotos', { count: r.sha256.length })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
    </section>
  );
}
