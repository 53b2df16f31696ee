// "What I sent": the answers and photos of an application exactly as the record carried them, from
// the device (offline), while the application is open. Only a resident's own sending has them in the
// clear: a kiosk's or field tablet's sealed entries never reach this screen.
import type { OutboxEntry } from '../../../data/outbox/outbox-db.ts';
import type { Service } from '../../../domain/catalogue/service.ts';
import type { Draft } from '../../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../../domain/region.ts';
import { useI18n } from '../../i18n/index.ts';
import { AnswerList } from '../AnswerList.tsx';
import { Thumbnail } from '../fields/DocumentField.tsx';

export function WhatISent({
  entry,
  service,
  region,
}: {
  entry: OutboxEntry;
  service: Service;
  region: RegionDataset | undefined;
}) {
  const { t } = useI18n();
  const r = entry.record;
  // The record as a draft, for the same list the review shows before "Kirim".
  const sent: Draft = {
    id: r.id,
    serviceId: r.serviceId,
    formVersion: r.formVersion,
    applicant: r.applicant,
    answers: r.answers,
    attachments: r.attachments,
    consent: r.consent,
    createdAt: entry.queuedAt,
    updatedAt: entry.queuedAt,
  };
  const files = Object.values(r.attachments).flat();
  return (
    <details class="what-i-sent">
      <summary>
        <h2 class="what-i-sent__title">{t('story.sent.title')}</h2>
      </summary>
      <p>{t('story.sent.explain')}</p>
      <AnswerList
        draft={sent}
        service={service}
        region={region}
        errors={{}}
        attached={(n) => t('review.attached', { n })}
      />
      {files.length > 0 && (
        <ul class="what-i-sent__files">
          {files.map((f, i) => (
            // The same photo may stand in two fields: the position keeps the keys apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is the record's, fixed once sent
            <li key={`${i}-${f.sha256}`}>
              <Thumbnail attachment={f} />
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
