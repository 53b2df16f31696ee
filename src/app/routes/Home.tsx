// The home page answers the three questions residents come with: what does a service need (search),
// where is my application (track), what have I started or sent (my applications). Officers' entry
// points follow, apart: residents do not think of themselves as a role.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Icon, type IconName } from '../components/Icon.tsx';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { markShown } from '../shell/first-screen.ts';
import { useScreenCopy } from '../shell/screen-copy.ts';

type Entry = { href: string; title: MessageKey; body: MessageKey; icon?: IconName };

const RESIDENT: Entry[] = [
  { href: '/lacak', title: 'home.track.title', body: 'home.track.body', icon: 'track' },
  { href: '/permohonan', title: 'home.mine.title', body: 'home.mine.body', icon: 'applications' },
  { href: '/layanan', title: 'home.resident.title', body: 'home.resident.body', icon: 'services' },
  { href: '/pengaduan', title: 'home.complaint', body: 'home.complaintBody', icon: 'complaint' },
];

const STAFF: Entry[] = [
  { href: '/lapangan', title: 'home.field.title', body: 'home.field.body' },
  { href: '/kios', title: 'home.kiosk.title', body: 'home.kiosk.body' },
  { href: '/petugas', title: 'home.office.title', body: 'home.office.body' },
];

export function Home() {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const [query, setQuery] = useState('');
  useEffect(markShown, []);
  useScreenCopy('/', true, [lang]);
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      {/* A real GET form: in the page's copy (a cold start, before the app runs) it still searches. */}
      <form
        class="home-search"
        action="/layanan"
        onSubmit={(e) => {
          e.preventDefault();
          const q = query.trim();
          route(q ? `/layanan?q=${encodeURIComponent(q)}` : '/layanan');
        }}
      >
        <label for="home-search">{t('home.search.label')}</label>
        <div class="home-search__row">
          <input
            id="home-search"
            name="q"
            type="search"
            enterKeyHint="search"
            autoComplete="off"
            placeholder={t('catalogue.searchPlaceholder')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button type="submit" class="btn btn--primary">
            <Icon name="search" />
            <span>{t('home.search.submit')}</span>
          </button>
        </div>
      </form>
      <ul class="entries">
        {RESIDENT.map((e) => (
          <EntryLink key={e.href} entry={e} />
        ))}
      </ul>
      <p class="home__more">
        <a href="/survei">{t('home.survey')}</a>
      </p>
      <h2>{t('home.staff')}</h2>
      <ul class="entries entries--staff">
        {STAFF.map((e) => (
          <EntryLink key={e.href} entry={e} />
        ))}
      </ul>
    </>
  );
}

function EntryLink({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  return (
    <li>
      <a class="entry" href={entry.href}>
        <span class="entry__title">
          {entry.icon && <Icon name={entry.icon} />}
          {t(entry.title)}
        </span>
        <span class="entry__body">{t(entry.body)}</span>
      </a>
    </li>
  );
}
