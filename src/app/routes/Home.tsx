// The home page: one entry point per audience of the parallel service model.
import { useEffect } from 'preact/hooks';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { markShown } from '../shell/first-screen.ts';

type Entry = { href: string; title: MessageKey; body: MessageKey };

const ENTRIES: Entry[] = [
  { href: '/layanan', title: 'home.resident.title', body: 'home.resident.body' },
  { href: '/lapangan', title: 'home.field.title', body: 'home.field.body' },
  { href: '/kios', title: 'home.kiosk.title', body: 'home.kiosk.body' },
  { href: '/petugas', title: 'home.office.title', body: 'home.office.body' },
];

export function Home() {
  const { t } = useI18n();
  useEffect(markShown, []);
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <h2>{t('home.audiences')}</h2>
      <ul class="entries">
        {ENTRIES.map((e) => (
          <li key={e.href}>
            <a class="entry" href={e.href}>
              <span class="entry__title">{t(e.title)}</span>
              <span class="entry__body">{t(e.body)}</span>
            </a>
          </li>
        ))}
      </ul>
      <p class="home__more">
        <a href="/permohonan">{t('home.myApplications')}</a>
      </p>
      <p class="home__more">
        <a href="/pengaduan">{t('home.complaint')}</a>
      </p>
      <p class="home__more">
        <a href="/survei">{t('home.survey')}</a>
      </p>
    </>
  );
}
