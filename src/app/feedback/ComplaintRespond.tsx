// Under an answered complaint on /pengaduan: the resident answers the office back, or reopens the
// complaint within COMPLAINT_REOPEN_DAYS of the office's last answer (then it is handled again, with
// a new answer date).
import { useState } from 'preact/hooks';
import { type RespondOutcome, respondToComplaint } from '../../data/feedback/respond.ts';
import { COMPLAINT_REOPEN_DAYS, type ComplaintUpdate, reopenableUntil } from '../../domain/feedback/complaint.ts';
import { formatDate } from '../../domain/format.ts';
import { useI18n } from '../i18n/index.ts';

export function ComplaintRespond({ update }: { update: ComplaintUpdate }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RespondOutcome | 'empty' | null>(null);
  const lastAnswer = update.answers.at(-1);
  const until = lastAnswer ? reopenableUntil(Date.parse(lastAnswer.at)) : 0;
  const answered = lastAnswer !== undefined && update.status !== 'open';
  const mayReopen = answered && Date.now() <= until;
  const mayReply = answered && update.status !== 'closed';
  const field = `respond-${update.id}`;
  const message = outcome && (
    <p class={outcome === 'done' ? 'notice' : 'field__error'} role={outcome === 'done' ? 'status' : 'alert'}>
      {t(`complaint.respond.${outcome}`)}
    </p>
  );
  // Reopened: the form goes (nothing to answer until the office does), the word that it was sent stays.
  if (!mayReopen && !mayReply) return outcome === 'done' ? <div class="complaint__respond">{message}</div> : null;

  const send = async (kind: 'reply' | 'reopen') => {
    if (!text.trim()) return setOutcome('empty');
    setBusy(true);
    setOutcome(null);
    const result = await respondToComplaint(update.id, kind, text.trim());
    if (result === 'done') setText('');
    setOutcome(result);
    setBusy(false);
  };

  return (
    <form class="complaint__respond" onSubmit={(e) => e.preventDefault()} noValidate>
      {message}
      <div class="field">
        <label for={field}>{t('complaint.respond.label')}</label>
        <textarea
          id={field}
          rows={3}
          maxLength={2000}
          aria-describedby={`${field}-help`}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p id={`${field}-help`} class="field__help">
          {mayReopen
            ? t('complaint.respond.help', { days: COMPLAINT_REOPEN_DAYS, until: formatDate(new Date(until), lang) })
            : t('complaint.respond.helpReplyOnly')}
        </p>
      </div>
      {mayReply && (
        <button type="button" class="btn" disabled={busy} onClick={() => void send('reply')}>
          {t('complaint.respond.reply')}
        </button>
      )}
      {mayReopen && (
        <button type="button" class="btn" disabled={busy} onClick={() => void send('reopen')}>
          {t('complaint.respond.reopen')}
        </button>
      )}
    </form>
  );
}
