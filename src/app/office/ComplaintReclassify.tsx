// Changing a complaint's kind on /petugas/pengaduan/:id: the server recomputes the due time from the
// new kind's target time (working days on the holiday calendar) and the screen shows the new one.
import { useState } from 'preact/hooks';
import { ComplaintCategory } from '../../domain/feedback/complaint.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { formatDateTime } from './format.ts';
import { errorText } from './OfficeError.tsx';
import type { ComplaintDetail as Detail } from './types.ts';

type Outcome = { kind: 'done'; due: string } | { kind: 'unchanged' } | { kind: 'error'; error: unknown };

export function ComplaintReclassify({ detail, onChanged }: { detail: Detail; onChanged(d: Detail): void }) {
  const { t, lang } = useI18n();
  const [category, setCategory] = useState<ComplaintCategory>(detail.category);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (detail.status === 'closed') return null;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (category === detail.category) {
      setOutcome({ kind: 'unchanged' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const next = await officeFetch<Detail>(`/api/office/complaints/${encodeURIComponent(detail.id)}/category`, {
        method: 'POST',
        body: { category },
      });
      setOutcome({ kind: 'done', due: next.dueAt });
      onChanged(next);
    } catch (error) {
      if (error instanceof OfficeApiError && error.code === 'unchanged') setOutcome({ kind: 'unchanged' });
      else setOutcome({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="office-move" aria-labelledby="reclassify-title">
      <h2 id="reclassify-title">{t('office.complaint.reclassifyTitle')}</h2>
      {outcome && (
        <p
          class={outcome.kind === 'done' ? 'office-move__done' : 'field__error'}
          role={outcome.kind === 'done' ? 'status' : 'alert'}
        >
          {outcome.kind === 'done' && t('office.complaint.reclassified', { due: formatDateTime(outcome.due, lang) })}
          {outcome.kind === 'unchanged' && t('office.complaint.unchanged')}
          {outcome.kind === 'error' && errorText(outcome.error, t)}
        </p>
      )}
      <form class="office-form" onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="complaint-category">{t('office.complaints.col.category')}</label>
          <select
            id="complaint-category"
            aria-describedby="complaint-category-help"
            value={category}
            onChange={(e) => setCategory(ComplaintCategory.parse(e.currentTarget.value))}
          >
            {ComplaintCategory.options.map((c) => (
              <option key={c} value={c}>
                {t(`office.complaints.category.${c}`)}
              </option>
            ))}
          </select>
          <p id="complaint-category-help" class="field__help">
            {t('office.complaint.reclassifyHelp')}
          </p>
        </div>
        <button type="submit" class="btn" disabled={busy}>
          {t('office.complaint.reclassify')}
        </button>
      </form>
    </section>
  );
}
