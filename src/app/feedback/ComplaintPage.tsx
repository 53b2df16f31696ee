// /pengaduan: this device's complaints (MyComplaints) and the form to file one (ComplaintFormView).
// While the page is open it follows the office's answers to them.
import { useEffect } from 'preact/hooks';
import { combineLatest } from 'rxjs';
import { complaintEntries$ } from '../../data/feedback/submit.ts';
import { complaintUpdates$, followComplaints, refreshComplaints } from '../../data/feedback/sync.ts';
import type { ComplaintOutboxEntry, OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { outbox$ } from '../../data/outbox/submit.ts';
import type { ComplaintUpdate } from '../../domain/feedback/complaint.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';
import { ComplaintFormView } from './ComplaintFormView.tsx';
import { MyComplaints } from './MyComplaints.tsx';

export default function ComplaintPage() {
  const { t } = useI18n();
  const catalogue = useCatalogue();
  const state = useObservable<[ComplaintOutboxEntry[], ComplaintUpdate[], OutboxEntry[]]>(
    () => combineLatest([complaintEntries$(), complaintUpdates$(), outbox$()]),
    [],
  );
  const entries = state.status === 'ready' ? state.value[0] : [];
  const delivered = entries.filter((e) => e.state === 'delivered').length;

  const hasComplaints = entries.length > 0;

  // Follow the office's answers while the page is open and there is a complaint to answer: the device
  // key they are pulled with exists from the first complaint on. Pull again whenever one is delivered.
  useEffect(() => {
    if (!hasComplaints) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void followComplaints()
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [hasComplaints]);
  useEffect(() => {
    if (delivered > 0) refreshComplaints();
  }, [delivered]);

  const services = catalogue.status === 'ready' ? catalogue.value.services : [];
  const offices = catalogue.status === 'ready' ? catalogue.value.offices : [];
  const applications = state.status === 'ready' ? state.value[2] : [];
  return (
    <article class="feedback complaint-page">
      <h1>{t('complaint.title')}</h1>
      <p class="lead">{t('complaint.intro')}</p>
      <MyComplaints
        entries={entries}
        updates={state.status === 'ready' ? state.value[1] : []}
        loaded={state.status === 'ready'}
        services={services}
        offices={offices}
      />
      <ComplaintFormView services={services} offices={offices} applications={applications} />
    </article>
  );
}
