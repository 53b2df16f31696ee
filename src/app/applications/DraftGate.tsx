// Shows a draft's screen once the draft and its service are on the device; says plainly otherwise.
// The form may be shown first from copies (the draft's and the catalogue's, plain IndexedDB): on a
// satellite link the device database's code is the form's longest download, and opening it a second
// of a slow phone's time. The live data takes over in place once that code is here, keeping what
// was typed meanwhile (the fields keep their own values, and their writes are durable either way:
// data/drafts/first-writes.ts); a sent draft then shows as sent.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readSnapshot } from '../../data/catalogue/snapshot.ts';
import { readDraftForScreen } from '../../data/drafts/draft-copy.ts';
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import { formForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { type Loadable, useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';
import { whenLeftAlone } from '../left-alone.ts';
import type { ServiceDraft } from './useServiceDraft.ts';

/** `form` is the version the draft was begun with, while that version is open. */
export type Ready = { draft: Draft; service: Service; form: FormDefinition; region: RegionDataset | undefined };

type Live = typeof import('./live-draft.ts');
let live: Live | undefined;
const loadLive = (): Promise<Live> => import('./live-draft.ts').then((m) => (live = m));

/**
 * Evaluating the device database's code and opening it is a long stretch of main-thread and
 * IndexedDB work on a slow phone: behind a form shown from its copy, it waits for a pause in typing
 * (every change is in the journal meanwhile), so the first keys are not held back by it.
 */
const LIVE_AT_THE_LATEST_MS = 10_000;

/** When the live data may load: opened at once, or once the resident pauses (`afterPause`). */
function loadGate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let waiting = false;
  return {
    opened,
    open: () => open(),
    afterPause() {
      if (waiting) return;
      waiting = true;
      void whenLeftAlone(LIVE_AT_THE_LATEST_MS, 'now').then(open);
    },
  };
}

/** The live query, subscribed once its module is here (loaded once `gate` opens, unless it already is). */
function liveDraft(id: string, gate: Promise<void>) {
  return {
    subscribe(observer: { next(v: ServiceDraft): void; error(e: unknown): void }) {
      let sub: { unsubscribe(): void } | undefined;
      let closed = false;
      (live ? Promise.resolve(live) : gate.then(loadLive)).then(
        (m) => {
          if (!closed) sub = m.serviceDraft$(id).subscribe(observer);
        },
        (err: unknown) => observer.error(err),
      );
      return {
        unsubscribe() {
          closed = true;
          sub?.unsubscribe();
        },
      };
    },
  };
}

/**
 * The draft and its service from their copies, when both are on the device, readable and `early`
 * accepts them, for the view (the form's step) it was read for and until another is opened: what was
 * typed meanwhile only the live data has.
 */
function useCopy(
  id: string,
  early: ((v: Ready) => boolean) | undefined,
  gate: ReturnType<typeof loadGate>,
): Ready | undefined {
  const [copy, setCopy] = useState<Ready>();
  const view = useRef(globalThis.location?.pathname);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once per draft; `early` is the caller's, a new function each render
  useEffect(() => {
    if (!early) return gate.open();
    let gone = false;
    void Promise.all([readDraftForScreen(id), readSnapshot()]).then(([draft, snapshot]) => {
      const service = draft ? snapshot?.services.find((s) => s.id === draft.serviceId) : undefined;
      const ready: Ready | undefined =
        draft && service
          ? { draft, service, form: formForVersion(service, draft.formVersion), region: undefined }
          : undefined;
      if (!gone && ready !== undefined && early(ready)) {
        setCopy(ready);
        gate.afterPause();
      } else gate.open();
    });
    return () => {
      gone = true;
    };
  }, [id]);
  // Once another step was opened, never again: back on this one, the copy lacks what was typed.
  const left = useRef(false);
  if (view.current !== globalThis.location?.pathname) left.current = true;
  // Another step needs the live data: no reason to wait for a pause any more.
  useEffect(() => {
    if (left.current) gate.open();
  });
  return left.current ? undefined : copy;
}

/**
 * A draft's editing screen; once sent, every such screen shows the sent application instead.
 * `early` says whether the screen can be shown from the copies (it needs neither the region list
 * nor the photo store); without it the screen waits for the live data.
 */
export function DraftGate({
  id,
  children,
  early,
}: {
  id: string;
  children: (v: Ready) => ComponentChildren;
  early?: (v: Ready) => boolean;
}) {
  const { t } = useI18n();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a gate of its own for each draft
  const gate = useMemo(loadGate, [id]);
  const state: Loadable<ServiceDraft> = useObservable(() => liveDraft(id, gate.opened), [id, gate]);
  const copy = useCopy(id, early, gate);
  if (state.status === 'loading') {
    if (copy) return <>{[false, children(copy)]}</>;
    return <p role="status">{t('loading')}</p>;
  }
  if (state.status === 'error' || !live) return <p role="alert">{t('catalogue.storageError')}</p>;
  const { Submitted, CorrectionNotice } = live;
  const { draft, service, region, sent, update } = state.value;
  if (!draft) {
    return (
      <>
        <h1>{t('drafts.notFound')}</h1>
        <p>
          <a href="/permohonan">{t('form.backToList')}</a>
        </p>
      </>
    );
  }
  if (!service) return <p role="alert">{t('drafts.serviceMissing')}</p>;
  // Sent back by the office and taken back by the resident: editable again, with the office's request on top.
  if (sent && sent.state !== 'correcting')
    return <Submitted entry={sent} update={update} service={service} region={region} />;
  return (
    <>
      {[
        sent && <CorrectionNotice key="correction" update={update} />,
        children({ draft, service, form: formForVersion(service, draft.formVersion), region }),
      ]}
    </>
  );
}
