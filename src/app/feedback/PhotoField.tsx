// One optional photo for a complaint: taken or picked, compressed and stored on the device by hash
// (the attachments store), shown as a thumbnail, removable.
import { useEffect, useState } from 'preact/hooks';
import { AttachmentError, addAttachment, getAttachment } from '../../data/attachments/store.ts';
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import { attachmentProblem } from '../applications/error-messages.ts';
import { FieldShell } from '../applications/fields/FieldShell.tsx';
import { useI18n } from '../i18n/index.ts';

export function PhotoField({
  id,
  label,
  photo,
  onChange,
}: {
  id: string;
  label: string;
  photo: AttachmentRef | undefined;
  onChange(p: AttachmentRef | undefined): void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [url, setUrl] = useState<string | undefined>();

  const sha256 = photo?.sha256;
  useEffect(() => {
    if (!sha256) {
      setUrl(undefined);
      return;
    }
    let objectUrl: string | undefined;
    let live = true;
    void getAttachment(sha256).then((stored) => {
      const blob = stored?.thumbnail ?? stored?.blob;
      if (!blob || !live) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [sha256]);

  const add = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const ref = await addAttachment(file);
      if (ref.type !== 'image/jpeg') throw new AttachmentError('type');
      onChange(ref);
    } catch (err) {
      setProblem(attachmentProblem(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FieldShell id={id} label={label} error={problem} group>
      {photo && (
        <p class="thumbs">
          {url ? (
            <img class="thumb" src={url} alt={t('form.photoOf', { name: photo.name })} />
          ) : (
            <span class="thumb">{t('loading')}</span>
          )}
          <button type="button" class="btn btn--small" onClick={() => onChange(undefined)}>
            {t('form.removeFile', { name: photo.name })}
          </button>
        </p>
      )}
      <div class="file-actions">
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
        <label class="btn">
          {t('form.chooseFile')}
          <input
            class="visually-hidden"
            id={id}
            type="file"
            accept="image/*"
            disabled={busy}
            onChange={(e) => void add(e.currentTarget.files)}
          />
        </label>
      </div>
      {busy && <p role="status">{t('form.processingFile')}</p>}
    </FieldShell>
  );
}
