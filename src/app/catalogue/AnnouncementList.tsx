// Active announcements (closures first) where residents look: on offices and on the services they serve.
import type { Announcement } from '../../domain/catalogue/announcement.ts';
import { formatDate } from '../../domain/format.ts';
import { useI18n } from '../i18n/index.ts';
import { announcementKindKey } from './labels.ts';

export function AnnouncementList({ items }: { items: Announcement[] }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return null;
  return (
    <section class="announcements" aria-labelledby="announcements-title">
      <h2 id="announcements-title">{t('announcement.title')}</h2>
      <ul>
        {items.map((a) => (
          <li key={a.id} class={`announcement announcement--${a.kind}`}>
            <p class="announcement__kind">{t(announcementKindKey(a.kind))}</p>
            <h3>{a.title[lang]}</h3>
            <p>{a.body[lang]}</p>
            <p class="announcement__validity">
              {a.validUntil
                ? t('announcement.validRange', {
                    from: formatDate(a.validFrom, lang),
                    until: formatDate(a.validUntil, lang),
                  })
                : t('announcement.validFrom', { from: formatDate(a.validFrom, lang) })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
