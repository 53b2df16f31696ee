// "Buka sekarang" / "Tutup" for an office, in WIB, with today's hours and closures applied.
import type { Announcement } from '../../domain/catalogue/announcement.ts';
import { openStatus } from '../../domain/catalogue/hours.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import { useI18n } from '../i18n/index.ts';
import { dayName } from './labels.ts';

export function OpenStatus({
  office,
  announcements,
  now,
}: {
  office: Office;
  announcements: Announcement[];
  now: Date;
}) {
  const { t, lang } = useI18n();
  const s = openStatus(office, announcements, now);
  const today = s.today.map((p) => `${p.open}–${p.close}`).join(', ');
  return (
    <p class="open-status">
      <strong class={s.open ? 'badge badge--open' : 'badge badge--closed'}>
        {s.open ? t('hours.openNow') : t('hours.closedNow')}
      </strong>{' '}
      <span>
        {s.closedBy
          ? t('hours.closedBy', { title: s.closedBy.title[lang] })
          : today
            ? t('hours.today', { hours: today })
            : t('hours.closedToday')}
      </span>
      {!s.open && s.next && <span> {t('hours.next', { day: dayName(s.next.day, lang), time: s.next.open })}</span>}
    </p>
  );
}
