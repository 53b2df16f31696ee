// The resident's timeline of one application, from the device (offline): received, each move of the
// office with what it said and the pickup place and time to the minute, and each issued document.
import type { IssuedDocument } from '../../../domain/documents/document.ts';
import { formatDateTime } from '../../../domain/format.ts';
import type { ApplicationUpdate, TimelineStep } from '../../../domain/submissions/submission.ts';
import { useI18n } from '../../i18n/index.ts';

type Entry =
  | { kind: 'received'; at: string }
  | { kind: 'step'; at: string; step: TimelineStep }
  | { kind: 'document'; at: string; doc: IssuedDocument };

/** Oldest first; the receipt opens it (a counter's "received" entry says the same and is left out). */
export function timelineEntries(update: ApplicationUpdate): Entry[] {
  const entries: Entry[] = [
    { kind: 'received', at: update.receivedAt },
    ...(update.timeline ?? [])
      .filter((s) => s.status !== 'received')
      .map((step) => ({ kind: 'step' as const, at: step.at, step })),
    ...(update.documents ?? []).map((doc) => ({ kind: 'document' as const, at: doc.issuedAt, doc })),
  ];
  // Stable: a document issued with a move comes right after it.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}

export function Timeline({ update }: { update: ApplicationUpdate }) {
  const { t, lang } = useI18n();
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('story.timeline.title')}</h2>
      <ol class="timeline__steps">
        {timelineEntries(update).map((e) => (
          <li
            key={`${e.kind}-${e.at}-${e.kind === 'document' ? e.doc.code : ''}`}
            class={`timeline__step timeline__step--${e.kind}`}
          >
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            {e.kind === 'received' && <strong>{t('story.timeline.received')}</strong>}
            {e.kind === 'step' && (
              <>
                <strong>{t(`status.${e.step.status}`)}</strong>
                {e.step.pickup && (
                  <p class="timeline__pickup">
                    {t('outbox.pickup', {
                      place: e.step.pickup.place,
                      from: formatDateTime(e.step.pickup.from, lang),
                    })}
                  </p>
                )}
                {e.step.message && <p>{t('story.timeline.message', { message: e.step.message })}</p>}
              </>
            )}
            {e.kind === 'document' && (
              <strong>{t('story.timeline.document', { name: t('story.documents.name', { code: e.doc.code }) })}</strong>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
