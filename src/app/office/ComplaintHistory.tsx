// A complaint's history on /petugas/pengaduan/:id: reclassifications (with the new due time),
// transfers between offices (with the sender's note), the complainant's replies and reopenings.
import type { ComplaintEvent } from '../../domain/feedback/complaint.ts';
import { type Translate, useI18n } from '../i18n/index.ts';
import type { OfficeCatalogue } from './catalogue-labels.ts';
import { formatDateTime } from './format.ts';
import { roleName } from './role-name.ts';
import type { ComplaintDetail } from './types.ts';

type Event = ComplaintDetail['history'][number];

export function ComplaintHistory({ history, catalogue }: { history: Event[]; catalogue: OfficeCatalogue }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="complaint-history">
      <h2 id="complaint-history">{t('office.complaint.history')}</h2>
      {history.length === 0 ? (
        <p>{t('office.complaint.noHistory')}</p>
      ) : (
        <ol class="office-history office-complaint__history">
          {history.map((e) => (
            <li key={`${e.at}-${e.kind}`} data-kind={e.kind}>
              <strong>
                {t('office.complaint.answerBy', { at: formatDateTime(e.at, lang), role: roleName(e.role, t) })}
              </strong>
              <p>{eventText(e, catalogue, t, lang)}</p>
              {e.text && <p class="office-history__message">{e.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function eventText(e: ComplaintEvent, catalogue: OfficeCatalogue, t: Translate, lang: 'id' | 'en'): string {
  const due = e.dueAt ? formatDateTime(e.dueAt, lang) : '';
  switch (e.kind) {
    case 'reclassified':
      return t('office.complaint.event.reclassified', {
        from: e.fromCategory ? t(`office.complaints.category.${e.fromCategory}`) : '',
        to: e.category ? t(`office.complaints.category.${e.category}`) : '',
        due,
      });
    case 'transferred':
      return t('office.complaint.event.transferred', {
        from: catalogue.officeName(e.fromOfficeId ?? null),
        to: catalogue.officeName(e.officeId ?? null),
      });
    case 'replied':
      return t('office.complaint.event.replied');
    case 'reopened':
      return t('office.complaint.event.reopened', { due });
  }
}
