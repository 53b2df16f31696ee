// Transferring a complaint on /petugas/pengaduan/:id to the office it concerns, with a note for that
// office. Afterwards the sending office no longer holds it: the screen says where it went.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import type { OfficeCatalogue } from './catalogue-labels.ts';
import { errorText } from './OfficeError.tsx';
import type { ComplaintDetail as Detail } from './types.ts';

type Problem = 'office' | 'note' | 'unknown' | { error: unknown };

export function ComplaintTransfer({
  detail,
  catalogue,
  onTransferred,
}: {
  detail: Detail;
  catalogue: OfficeCatalogue;
  onTransferred(officeId: string): void;
}) {
  const { t } = useI18n();
  const [officeId, setOfficeId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  if (detail.status === 'closed') return null;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!officeId) return setProblem('office');
    if (!note.trim()) return setProblem('note');
    setBusy(true);
    setProblem(null);
    try {
      await officeFetch(`/api/office/complaints/${encodeURIComponent(detail.id)}/transfer`, {
        method: 'POST',
        body: { officeId, note: note.trim() },
      });
      onTransferred(officeId);
    } catch (error) {
      setProblem(error instanceof OfficeApiError && error.code === 'unknown_office' ? 'unknown' : { error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="office-move" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('office.complaint.transferTitle')}</h2>
      {problem && (
        <p class="field__error" role="alert">
          {problem === 'office' && t('office.complaint.transferChoose')}
          {problem === 'note' && t('office.complaint.transferNoteEmpty')}
          {problem === 'unknown' && t('office.complaint.transferUnknown')}
          {typeof problem === 'object' && errorText(problem.error, t)}
        </p>
      )}
      <form class="office-form" onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="transfer-office">{t('office.complaint.transferOffice')}</label>
          <select id="transfer-office" value={officeId} onChange={(e) => setOfficeId(e.currentTarget.value)}>
            <option value="">{t('office.complaint.transferPick')}</option>
            {catalogue.offices
              .filter((o) => o.id !== detail.officeId)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {catalogue.officeName(o.id)}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="transfer-note">{t('office.complaint.transferNote')}</label>
          <textarea
            id="transfer-note"
            rows={3}
            maxLength={1000}
            aria-describedby="transfer-note-help"
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <p id="transfer-note-help" class="field__help">
            {t('office.complaint.transferNoteHelp')}
          </p>
        </div>
        <button type="submit" class="btn" disabled={busy}>
          {t('office.complaint.transfer')}
        </button>
      </form>
    </section>
  );
}
