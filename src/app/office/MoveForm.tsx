// The officer's move of one application: only the next states the state machine allows from the
// status shown, with what each needs (message, reason, pick-up place and time, or the issued document
// for a product issued electronically); sent with `expected`
// so a concurrent change is refused (409) and shown, then the application is reloaded.
import { useEffect, useState } from 'preact/hooks';
import { allowedMoves, type OfficerMove, pickupRequired } from '../../domain/backoffice/application-status.ts';
import { ISSUING_MOVES } from '../../domain/backoffice/forwarding.ts';
import type { DocumentAttachment } from '../../domain/documents/document.ts';
import type { ApplicationStatus } from '../../domain/submissions/submission.ts';
import { keyFor, type MessageKey, useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { wibLocalToInstant } from './format.ts';
import { type Issue, IssueFields, NO_ISSUE, uploadIssued } from './IssueFields.tsx';
import { errorText } from './OfficeError.tsx';
import type { ApplicationDetail } from './types.ts';

type Outcome =
  | { kind: 'done'; status: ApplicationStatus }
  | { kind: 'stale' }
  | { kind: 'invalid' }
  | { kind: 'missing' }
  | { kind: 'document'; code: string }
  | { kind: 'error'; error: unknown };

/** The server's reasons for refusing an issued document (src/server/applications/documents.ts). */
const DOCUMENT_ERRORS = {
  'document.not-uploaded': 'office.issue.error.notUploaded',
  'document.type': 'office.issue.error.type',
  'document.not-signed': 'office.issue.error.notSigned',
  'document.duplicate': 'office.issue.error.duplicate',
} as const satisfies Record<string, MessageKey>;
/** A receiving office never issues the product (the server refuses it too): it forwards instead. */
const movesOf = (status: ApplicationStatus, mayIssue: boolean): ApplicationStatus[] =>
  allowedMoves(status).filter((s) => mayIssue || !ISSUING_MOVES.includes(s));

export function MoveForm({ detail, onMoved }: { detail: ApplicationDetail; onMoved(): void }) {
  const { t } = useI18n();
  const allowed = movesOf(detail.status, detail.issuing.mayIssue);
  const [to, setTo] = useState<ApplicationStatus | ''>(allowed[0] ?? '');
  const [text, setText] = useState('');
  const [place, setPlace] = useState('');
  const [from, setFrom] = useState('');
  const [issue, setIssue] = useState<Issue>(NO_ISSUE);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The form starts over when the application has changed (a move, this officer's or another's), not
  // when a reload brings the same state back (a refused move keeps what was typed).
  // biome-ignore lint/correctness/useExhaustiveDependencies(detail.history.length): a new event is a change even when the status reads the same (moved away and back meanwhile); the effect runs for it without reading it
  useEffect(() => {
    setTo(movesOf(detail.status, detail.issuing.mayIssue)[0] ?? '');
    setText('');
  }, [detail.status, detail.issuing.mayIssue, detail.history.length]);

  const body = (document: DocumentAttachment | undefined): OfficerMove | null => {
    const note = text.trim() ? { note: text.trim() } : {};
    const issued = document ? { document } : {};
    switch (to) {
      case 'needs-correction':
        return text.trim() ? { to, message: text.trim() } : null;
      case 'rejected':
        return text.trim() ? { to, reason: text.trim() } : null;
      case 'ready':
        // An issued document or an electronic product needs no pickup place; otherwise place and time are required.
        if (place.trim() && from)
          return { to, pickup: { place: place.trim(), from: wibLocalToInstant(from) }, ...note, ...issued };
        if (place.trim() || from) return null;
        return pickupRequired({ document }, detail) ? null : { to, ...note, ...issued };
      case 'completed':
        return { to, ...note, ...issued };
      case 'verifying':
      case 'processing':
      case 'withdrawn':
        return { to, ...note };
      default:
        return null;
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const issuing = to === 'ready' || to === 'completed' ? issue.file : undefined;
    // What is missing is known before the upload: check the move with a stand-in for the file's hash.
    if (!body(issuing ? { sha256: '0'.repeat(64) } : undefined)) return setOutcome({ kind: 'missing' });
    setBusy(true);
    try {
      // The issued product first (the same content-addressed, resumable uploads), then the move naming it.
      const document = issuing ? await uploadIssued(issuing, issue.note, issue.signed) : undefined;
      const move = body(document)!;
      await officeFetch(`/api/office/applications/${detail.id}/moves`, {
        method: 'POST',
        body: { ...move, expected: detail.status },
      });
      setOutcome({ kind: 'done', status: to as ApplicationStatus });
      setPlace('');
      setFrom('');
      setIssue(NO_ISSUE);
      onMoved();
    } catch (error) {
      if (error instanceof OfficeApiError && error.code.startsWith('document.')) {
        setOutcome({ kind: 'document', code: error.code });
      } else if (error instanceof OfficeApiError && error.status === 409) {
        setOutcome({ kind: error.code === 'stale' ? 'stale' : 'invalid' });
        onMoved();
      } else {
        setOutcome({ kind: 'error', error });
      }
    } finally {
      setBusy(false);
    }
  };

  const result = outcome && (
    <p
      class={outcome.kind === 'done' ? 'office-move__done' : 'field__error'}
      role={outcome.kind === 'done' ? 'status' : 'alert'}
    >
      {outcome.kind === 'done' && t('office.move.done', { status: t(`status.${outcome.status}`) })}
      {outcome.kind === 'stale' && t('office.move.stale')}
      {outcome.kind === 'invalid' && t('office.move.invalid')}
      {outcome.kind === 'missing' && t('office.move.missing')}
      {outcome.kind === 'document' && t(keyFor(DOCUMENT_ERRORS, outcome.code) ?? 'office.issue.error.generic')}
      {outcome.kind === 'error' && errorText(outcome.error, t)}
    </p>
  );

  if (allowed.length === 0) {
    return (
      <section class="office-move" aria-labelledby="move-title">
        <h2 id="move-title">{t('office.move.title')}</h2>
        {result}
        <p>{detail.status === 'needs-correction' ? t('office.move.waitResident') : t('office.move.final')}</p>
      </section>
    );
  }
  const waiting = detail.status === 'needs-correction' && <p>{t('office.move.waitResident')}</p>;
  const textLabel: MessageKey =
    to === 'needs-correction' ? 'office.move.message' : to === 'rejected' ? 'office.move.reason' : 'office.move.note';
  const textRequired = to === 'needs-correction' || to === 'rejected';
  return (
    <section class="office-move" aria-labelledby="move-title">
      <h2 id="move-title">{t('office.move.title')}</h2>
      {waiting}
      {result}
      <form class="office-form" onSubmit={(e) => void submit(e)}>
        <fieldset class="field field--group">
          <legend>{t('office.move.to')}</legend>
          <div class="choices">
            {allowed.map((s) => (
              <label key={s} class="choice">
                <input type="radio" name="move-to" value={s} checked={to === s} onChange={() => setTo(s)} />
                {t(`status.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {to === 'ready' && (
          <>
            <div class="field">
              <label for="move-place">{t('office.move.place')}</label>
              <input
                id="move-place"
                required={!issue.file && !detail.electronicProduct}
                value={place}
                onInput={(e) => setPlace(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="move-from">{t('office.move.from')}</label>
              <input
                id="move-from"
                type="datetime-local"
                required={!issue.file && !detail.electronicProduct}
                value={from}
                onInput={(e) => setFrom(e.currentTarget.value)}
              />
            </div>
          </>
        )}
        {(to === 'ready' || to === 'completed') && <IssueFields issue={issue} onChange={setIssue} />}
        <div class="field">
          <label for="move-text">{t(textLabel)}</label>
          <textarea
            id="move-text"
            rows={3}
            required={textRequired}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t('office.move.busy') : t('office.move.submit')}
        </button>
      </form>
    </section>
  );
}
