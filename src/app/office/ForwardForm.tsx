// On an application its office receives but may not issue: forward it to an issuing
// office of its service. Once forwarded it belongs to that office, so this screen says where it went
// and leads back to the queue.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { errorText } from './OfficeError.tsx';
import type { ApplicationDetail } from './types.ts';

export function ForwardForm({
  detail,
  officeName,
  onForwarded,
  onStale,
}: {
  detail: ApplicationDetail;
  officeName(id: string | null): string;
  onForwarded(officeId: string): void;
  onStale(): void;
}) {
  const { t } = useI18n();
  const targets = detail.issuing.forwardTo;
  const [to, setTo] = useState(targets[0] ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await officeFetch(`/api/office/applications/${detail.id}/forward`, {
        method: 'POST',
        body: { toOfficeId: to, ...(note.trim() ? { note: note.trim() } : {}), expected: detail.status },
      });
      onForwarded(to);
    } catch (error) {
      setProblem(error);
      if (error instanceof OfficeApiError && error.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="office-move office-forward" aria-labelledby="forward-title">
      <h2 id="forward-title">{t('office.forward.title')}</h2>
      <p>{t('office.forward.mustForward')}</p>
      {problem !== null && (
        <p class="field__error" role="alert">
          {problem instanceof OfficeApiError && problem.status === 409 ? t('office.move.stale') : errorText(problem, t)}
        </p>
      )}
      <form class="office-form" onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label for="forward-to">{t('office.forward.to')}</label>
          <select id="forward-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            {targets.map((id) => (
              <option key={id} value={id}>
                {officeName(id)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="forward-note">{t('office.forward.note')}</label>
          <textarea id="forward-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <button type="submit" class="btn btn--primary" disabled={busy || !to}>
          {busy ? t('office.move.busy') : t('office.forward.submit')}
        </button>
      </form>
    </section>
  );
}
