// A document photo or file for a requirement of the standard: taken with the camera or picked,
// compressed on the device, shown as a thumbnail, removable. Errors say what to do; nothing already
// attached is lost when a new file is refused.
import { useEffect, useState } from 'preact/hooks';
import { addAttachment, getAttachment } from '../../../data/attachments/store.ts';
import type { FormField } from '../../../domain/catalogue/form.ts';
import type { AttachmentRef } from '../../../domain/drafts/draft.ts';
import { useI18n } from '../../i18n/index.ts';
import { attachmentProblem } from '../error-messages.ts';
import { FieldShell } from './FieldShell.tsx';

type Props = {
  field: Extract<FormField, { kind: 'document' }>;
  refs: AttachmentRef[];
  requirementName: string | undefined;
  error: string | undefined;
  onChange(refs: AttachmentRef[]): void;
};

export function DocumentField({ field, refs, requirementName, error, onChange }: Props) {
  const { t, lang } = useI18n();
  const id = `f-${field.key}`;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const accept = field.accept.map((a) => (a === 'image' ? 'image/*' : 'application/pdf')).join(',');

  const add = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const ref = await addAttachment(file);
      if (!refs.some((r) => r.sha256 === ref.sha256)) onChange([...refs, ref]);
    } catch (err) {
      setProblem(attachmentProblem(err, t));
    } finally {
      setBusy(false);
    }
  };

  // Name the requirement only when the label does not already say it.
  const forRequirement =
    requirementName && requirementName !== field.label[lang]
      ? t('form.documentFor', { name: requirementName })
      : undefined;
  const help = [field.help?.[lang], forRequirement].filter(Boolean).join(' ');
  return (
    <FieldShell
      id={id}
      label={field.label[lang]}
      help={help || undefined}
      error={problem ?? error}
      required={field.required}
      group
    >
      <ul class="thumbs">
        {refs.map((r) => (
          <li key={r.sha256}>
            <Thumbnail attachment={r} />
            <button
              type="button"
              class="btn btn--small"
              onClick={() => onChange(refs.filter((x) => x.sha256 !== r.sha256))}
            >
              {t('form.removeFile', { name: r.name })}
            </button>
          </li>
        ))}
      </ul>
      <div class="file-actions">
        {field.accept.includes('image') && (
          <label class="btn">
            {t('form.takePhoto')}
            <input
              class="visually-hidden"
              type="file"
              accept="image/*"
              capture="environment"
              disabled={busy}
              onChange={(e) => void add(e.currentTarget.files)}
            />
          </label>
        )}
        <label class="btn">
          {t('form.chooseFile')}
          <input
            class="visually-hidden"
            id={id}
            type="file"
            accept={accept}
            disabled={busy}
            onChange={(e) => void add(e.currentTarget.files)}
          />
        </label>
      </div>
      {busy && <p role="status">{t('form.processingFile')}</p>}
    </FieldShell>
  );
}

/** A stored photo as a thumbnail, a PDF by its name: the form, and "what I sent" after sending. */
export function Thumbnail({ attachment }: { attachment: AttachmentRef }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | undefined>();
  // Not on this device: a photo the server holds (an officer correcting an application at the counter).
  const [elsewhere, setElsewhere] = useState(false);
  useEffect(() => {
    let objectUrl: string | undefined;
    let live = true;
    void getAttachment(attachment.sha256).then((stored) => {
      if (!stored && live) setElsewhere(true);
      const blob = stored?.thumbnail ?? (stored?.type === 'image/jpeg' ? stored.blob : undefined);
      if (!blob || !live) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [attachment.sha256]);
  if (attachment.type === 'application/pdf')
    return <span class="thumb thumb--pdf">{t('form.pdfFile', { name: attachment.name })}</span>;
  if (elsewhere) return <span class="thumb thumb--pdf">{t('form.storedFile', { name: attachment.name })}</span>;
  return url ? (
    <img class="thumb" src={url} alt={t('form.photoOf', { name: attachment.name })} />
  ) : (
    <span class="thumb">{t('loading')}</span>
  );
}
