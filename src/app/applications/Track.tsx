// /lacak: look up an application by its tracking number (or a kiosk receipt's provisional code, which
// the server answers once the application is delivered) — asking the server when online, and showing
// the last state this device knows when there is no signal.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { outbox$ } from '../../data/outbox/submit.ts';
import { formatDate } from '../../domain/format.ts';
import { TrackingStatus } from '../../domain/submissions/submission.ts';
import { normalizeTrackingNumber } from '../../domain/submissions/tracking-number.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';

type Found =
  | { kind: 'server'; status: TrackingStatus }
  | { kind: 'device'; entry: OutboxEntry; trackingNumber: string }
  | { kind: 'unknown' }
  | { kind: 'invalid' };

export default function Track() {
  const { t, lang } = useI18n();
  const { query, path, route } = useLocation();
  const [value, setValue] = useState(query.nomor ?? '');
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const outbox = useObservable<OutboxEntry[]>(() => outbox$(), []);
  const catalogue = useCatalogue();
  const officeName = (id: string) =>
    (catalogue.status === 'ready' ? catalogue.value.offices.find((o) => o.id === id)?.name[lang] : undefined) ?? id;

  const lookUp = async (e: Event) => {
    e.preventDefault();
    const number = normalizeTrackingNumber(value);
    if (!number) return setFound({ kind: 'invalid' });
    route(`${path}?nomor=${number}`, true);
    setBusy(true);
    try {
      const res = await fetch(`/api/track/${number}`, { headers: { accept: 'application/json' } });
      if (res.status === 404) return setFound({ kind: 'unknown' });
      if (!res.ok) throw new Error(String(res.status));
      setFound({ kind: 'server', status: TrackingStatus.parse(await res.json()) });
    } catch {
      // No signal: what this device last knew.
      const entries = outbox.status === 'ready' ? outbox.value : [];
      const entry = entries.find((x) => x.result?.status === 'accepted' && x.result.trackingNumber === number);
      setFound(entry ? { kind: 'device', entry, trackingNumber: number } : { kind: 'unknown' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('track.title')}</h1>
      <form class="track" onSubmit={(e) => void lookUp(e)}>
        <div class="field">
          <label for="tracking">{t('track.label')}</label>
          <input
            id="tracking"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('track.lookUp')}
        </button>
      </form>
      <div role="status">
        {found?.kind === 'invalid' && <p class="field__error">{t('track.invalid')}</p>}
        {found?.kind === 'unknown' && <p>{t('track.unknown')}</p>}
        {found?.kind === 'server' && found.status.provisionalCode && (
          <p class="track__provisional">{t('track.viaProvisional', { code: found.status.provisionalCode })}</p>
        )}
        {found?.kind === 'server' && (
          <dl class="receipt">
            <dt>{t('outbox.trackingNumber')}</dt>
            <dd class="receipt__number">{found.status.trackingNumber}</dd>
            <dt>{t('track.status')}</dt>
            <dd class="track__status">{t(`status.${found.status.status}`)}</dd>
            {found.status.officeId && (
              <>
                <dt>{t('track.office')}</dt>
                <dd class="track__office">{officeName(found.status.officeId)}</dd>
              </>
            )}
            <dt>{t('outbox.receivedAt')}</dt>
            <dd>{formatDate(found.status.receivedAt, lang)}</dd>
            <dt>{t('track.updatedAt')}</dt>
            <dd>{formatDate(found.status.updatedAt, lang)}</dd>
          </dl>
        )}
        {found?.kind === 'device' && (
          <>
            <p>{t('track.offline')}</p>
            <dl class="receipt">
              <dt>{t('outbox.trackingNumber')}</dt>
              <dd class="receipt__number">{found.trackingNumber}</dd>
              <dt>{t('track.status')}</dt>
              <dd class="track__status">{t(`outbox.state.${found.entry.state}`)}</dd>
            </dl>
          </>
        )}
      </div>
    </>
  );
}
