// The component half of /_design: each component of the resident's screens in its states. Where the
// app has a shared component (app bar, bottom navigation, delivery mark, icons, timeline) the real one
// renders here; where screens share only a CSS pattern (card, chip, list row, button, field, empty
// state, toast) the page shows that pattern's markup with the same classes, and says so.
import type { ComponentChildren } from 'preact';
import { LocationProvider } from 'preact-iso';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { DeliveryMark, type DeliveryStage } from '../applications/DeliveryMark.tsx';
import { Timeline } from '../applications/story/Timeline.tsx';
import { Icon, type IconName } from '../components/Icon.tsx';
import { useI18n } from '../i18n/index.ts';
import { BottomNav } from '../shell/BottomNav.tsx';
import { Header } from '../shell/Header.tsx';
import { COMPONENTS, type ComponentId } from './components-list.ts';

const ICONS: IconName[] = [
  'home',
  'services',
  'applications',
  'track',
  'complaint',
  'search',
  'language',
  'clock',
  'tick',
  'ticks',
  'pencil',
  'warning',
  'staff',
];
const STAGES: DeliveryStage[] = ['draft', 'waiting', 'sent', 'received', 'attention'];

/** What the demo fields hold: sample answers, not text of the page (the fields' own labels are the demo's). */
const SAMPLE_ANSWERS = { name: 'Siti Aminah', nik: '3529' };

/** A sample application's office side: received, verified, ready for pick-up with a message. */
const SAMPLE_UPDATE: ApplicationUpdate = {
  id: '00000000-0000-4000-8000-000000000001',
  trackingNumber: '7K3Q-9XW2',
  serviceId: 'ktp-el',
  status: 'ready',
  receivedAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-23T07:30:00.000Z',
  timeline: [
    { at: '2026-11-21T03:15:00.000Z', status: 'verifying' },
    {
      at: '2026-11-23T07:30:00.000Z',
      status: 'ready',
      message: 'Bawa KK asli saat mengambil.',
      pickup: { place: "Loket 2, Kantor Kecamatan Ra'as", from: '2026-11-24T01:00:00.000Z' },
    },
  ],
};

function Component({
  id,
  kind,
  children,
  notes,
}: {
  id: ComponentId;
  kind: 'component' | 'pattern' | 'none';
  children: ComponentChildren;
  notes: ComponentChildren;
}) {
  const { lang } = useI18n();
  const title = COMPONENTS.find(([c]) => c === id)?.[1];
  return (
    <section id={`component-${id}`} class="design__group" aria-labelledby={`component-${id}-title`}>
      <h3 id={`component-${id}-title`}>{title}</h3>
      <p class="design__kind" data-kind={kind}>
        {kind === 'component'
          ? 'Shared component (rendered for real).'
          : kind === 'pattern'
            ? 'No shared component: the CSS pattern the screens use.'
            : 'Not built yet.'}
      </p>
      <div class="design__notes">{notes}</div>
      <div class="design__demo" lang={lang}>
        {children}
      </div>
    </section>
  );
}

export function ComponentSections() {
  const { t } = useI18n();
  return (
    <section id="components" aria-labelledby="components-title">
      <h2 id="components-title">Components</h2>

      <Component
        id="app-bar"
        kind="component"
        notes={
          <p>
            <code>shell/Header.tsx</code>: brand, connection pill (<code>shell/Connectivity.tsx</code>) and the language
            menu, one row at 360 px. States of the pill: online (below, live) and offline (the{' '}
            <code>.conn--offline</code> markup it renders without a network).
          </p>
        }
      >
        <Header />
        <div class="header">
          <div class="conn conn--offline" data-online="false">
            <span class="conn__dot" aria-hidden="true" />
            <span class="conn__text">{t('conn.offline')}</span>
          </div>
        </div>
      </Component>

      <Component
        id="bottom-navigation"
        kind="component"
        notes={
          <p>
            <code>shell/BottomNav.tsx</code>: fixed to the bottom under 720 px, a row under the app bar above; the
            current place has <code>aria-current="page"</code> and a bar (shown here on “Permohonan saya”).
          </p>
        }
      >
        <LocationProvider.ctx.Provider
          value={{
            url: '/permohonan',
            path: '/permohonan',
            query: {},
            route: () => undefined,
            back: () => undefined,
            forward: () => undefined,
          }}
        >
          <BottomNav />
        </LocationProvider.ctx.Provider>
      </Component>

      <Component
        id="card"
        kind="pattern"
        notes={
          <p>
            <code>.cards &gt; .card</code> (catalogue, my applications) with <code>.card__title</code>,{' '}
            <code>.card__body</code>, <code>.card__facts</code>; <code>.entries &gt; .entry</code> is the home screen's
            link card. Hover: the edge turns <code>--teal</code>.
          </p>
        }
      >
        <ul class="cards">
          <li class="card">
            <a class="card__title" href="#component-card">
              KTP elektronik
            </a>
            <span class="card__body">Perekaman dan pencetakan KTP-el untuk warga berusia 17 tahun.</span>
            <span class="card__facts">
              <span>Gratis</span>
              <span>14 hari kerja</span>
            </span>
          </li>
        </ul>
        <ul class="entries">
          <li>
            <a class="entry" href="#component-card">
              <span class="entry__title">
                <Icon name="track" />
                {t('home.track.title')}
              </span>
              <span class="entry__body">{t('home.track.body')}</span>
            </a>
          </li>
        </ul>
      </Component>

      <Component
        id="status-chip"
        kind="component"
        notes={
          <p>
            <code>applications/DeliveryMark.tsx</code> (real) for an application's way to the office, always with its
            word; the patterns <code>.badge--open/closed/visit</code>, <code>.chips</code> and{' '}
            <code>.state--queued/delivered/rejected</code> for the rest. Meaning is never carried by colour alone.
          </p>
        }
      >
        <ul class="design__list">
          {STAGES.map((s) => (
            <li key={s} class="design__stage">
              <DeliveryMark stage={s} /> <code>{s}</code>
            </li>
          ))}
        </ul>
        <p>
          <strong class="badge badge--open">{t('hours.openNow')}</strong>{' '}
          <strong class="badge badge--closed">{t('hours.closedNow')}</strong>{' '}
          <strong class="badge badge--visit">{t('procedure.inPerson')}</strong>
        </p>
        <ul class="chips">
          <li>Kependudukan</li>
          <li>Kesehatan</li>
        </ul>
        <p class="state state--queued">{t('outbox.state.queued')}</p>
        <p class="state state--delivered">{t('outbox.state.delivered')}</p>
        <p class="state state--rejected">{t('outbox.state.rejected')}</p>
      </Component>

      <Component
        id="list-row"
        kind="pattern"
        notes={
          <p>
            <code>.office-list &gt; .office</code>: a row with a rule under it, its name a 44 px link, details in{' '}
            <code>--muted</code>; <code>.contacts</code> rows are 44 px high.
          </p>
        }
      >
        <ul class="office-list">
          <li class="office">
            <a class="office__name" href="#component-list-row">
              Kantor Kecamatan Ra'as
            </a>{' '}
            <span class="office__island">Pulau Ra'as</span>
          </li>
          <li class="office">
            <a class="office__name" href="#component-list-row">
              Kantor Kecamatan Kangayan
            </a>{' '}
            <span class="office__island">Pulau Kangean</span>
          </li>
        </ul>
      </Component>

      <Component
        id="button"
        kind="pattern"
        notes={
          <p>
            <code>.btn</code> (48 px, secondary), <code>.btn--primary</code>, <code>.btn--danger</code>,{' '}
            <code>.btn--small</code> (44 px), disabled, and <code>a.btn</code> for a link that looks like one. Inside{' '}
            <code>.kiosk</code> every button is 56 px.
          </p>
        }
      >
        <div class="design__row">
          <button type="button" class="btn btn--primary">
            {t('update.apply')}
          </button>
          <button type="button" class="btn">
            {t('update.later')}
          </button>
          <button type="button" class="btn btn--danger">
            {t('drafts.delete')}
          </button>
          <button type="button" class="btn btn--small">
            {t('home.search.submit')}
          </button>
          <button type="button" class="btn" disabled>
            {t('update.later')}
          </button>
          <a class="btn" href="#component-button">
            {t('home.track.title')}
          </a>
        </div>
        <div class="kiosk design__row">
          <button type="button" class="btn btn--primary">
            {t('update.apply')}
          </button>
        </div>
      </Component>

      <Component
        id="field"
        kind="pattern"
        notes={
          <p>
            <code>.field</code>: label, control (48 px, <code>--field-line</code> edge), help in{' '}
            <code>.field__help</code>, and when invalid <code>.field--invalid</code> with <code>.field__error</code>{' '}
            tied by <code>aria-describedby</code>; <code>.field--group</code> with <code>.choice</code> for radios and
            checkboxes. The form screens render these through <code>applications/FormFields.tsx</code>.
          </p>
        }
      >
        <div class="application__form">
          <div class="field">
            <label for="design-field-name">Nama lengkap</label>
            <input id="design-field-name" aria-describedby="design-field-name-help" value={SAMPLE_ANSWERS.name} />
            <p class="field__help" id="design-field-name-help">
              Seperti tertulis di KTP.
            </p>
          </div>
          <div class="field field--invalid">
            <label for="design-field-nik">NIK</label>
            <input
              id="design-field-nik"
              aria-invalid="true"
              aria-describedby="design-field-nik-error"
              value={SAMPLE_ANSWERS.nik}
            />
            <p class="field__error" id="design-field-nik-error">
              {t('error.nik.length')}
            </p>
          </div>
          <div class="field">
            <label for="design-field-select">{t('catalogue.search')}</label>
            <select id="design-field-select">
              <option>Kecamatan Ra'as</option>
              <option>Kecamatan Kangayan</option>
            </select>
          </div>
          <fieldset class="field field--group">
            <legend>Untuk siapa?</legend>
            <div class="choices">
              <label class="choice">
                <input type="radio" name="design-who" checked /> Diri sendiri
              </label>
              <label class="choice">
                <input type="radio" name="design-who" /> Orang lain
              </label>
            </div>
          </fieldset>
        </div>
      </Component>

      <Component
        id="stepper"
        kind="none"
        notes={
          <p>
            The form's step indicator (applicant, answers, documents, check, send) is issue #18 point 3 and is not on
            this branch's main yet. The nearest pattern today is a service's numbered procedure, <code>ol.steps</code>,
            shown here.
          </p>
        }
      >
        <ol class="steps">
          <li>Isi permohonan di aplikasi.</li>
          <li>
            Datang ke kantor kecamatan. <strong class="badge badge--visit">{t('procedure.inPerson')}</strong>
          </li>
          <li>Ambil KTP-el.</li>
        </ol>
      </Component>

      <Component
        id="timeline"
        kind="component"
        notes={
          <p>
            <code>applications/story/Timeline.tsx</code>: an application's history from the device, oldest first, on a{' '}
            <code>--teal</code> rule (<code>.timeline__steps</code>).
          </p>
        }
      >
        <Timeline update={SAMPLE_UPDATE} />
      </Component>

      <Component
        id="empty-state"
        kind="pattern"
        notes={
          <p>
            No shared component: screens say what is missing in one plain paragraph, a status where it may change while
            shown (the catalogue), e.g. <code>drafts.none</code> and <code>catalogue.empty</code>.
          </p>
        }
      >
        <p>{t('drafts.none')}</p>
        <p role="status">{t('catalogue.empty')}</p>
      </Component>

      <Component
        id="toast"
        kind="pattern"
        notes={
          <p>
            <code>shell/DeliveryToast.tsx</code> shows <code>.toast</code> for eight seconds when an application reaches
            the office; it renders only on that event, so its markup stands here, pinned in place (on screens it floats
            above the bottom navigation).
          </p>
        }
      >
        <div class="toast">
          <Icon name="tick" />
          <span>{t('toast.delivered', { number: '7K3Q-9XW2' })}</span>
        </div>
      </Component>

      <Component
        id="icons"
        kind="component"
        notes={
          <p>
            <code>components/Icon.tsx</code>: inline SVG strokes on a 24-unit grid, always beside a word, hidden from
            screen readers.
          </p>
        }
      >
        <ul class="design__icons">
          {ICONS.map((name) => (
            <li key={name}>
              <Icon name={name} /> <code>{name}</code>
            </li>
          ))}
        </ul>
      </Component>
    </section>
  );
}
