// The documents the office issued for one application: kept on the device (fetched once), opened,
// saved as a file and shared without a signal; each with its verification code, its SHA-256 and a
// printable cover sheet whose QR code leads to the public verification page.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { KeptDocument } from '../../../data/documents/documents-db.ts';
import { keptDocuments$ } from '../../../data/documents/keep.ts';
import { documentFileName, type IssuedDocument } from '../../../domain/documents/document.ts';
import { formatDateTime } from '../../../domain/format.ts';
import { useObservable } from '../../hooks/useObservable.ts';
import { useI18n } from '../../i18n/index.ts';

export function IssuedDocuments({ applicationId, documents }: { applicationId: string; documents: IssuedDocument[] }) {
  const { t } = useI18n();
  const kept = useObservable<KeptDocument[]>(() => keptDocuments$(applicationId), [applicationId]);
  const byCode = new Map((kept.status === 'ready' ? kept.value : []).map((k) => [k.code, k]));
  return (
    <section class="issued" aria-labelledby="issued-title">
      <h2 id="issued-title">{t('story.documents.title')}</h2>
      {documents.map((doc) => (
        <IssuedDocumentCard key={doc.code} applicationId={applicationId} doc={doc} kept={byCode.get(doc.code)} />
      ))}
    </section>
  );
}

function IssuedDocumentCard({
  applicationId,
  doc,
  kept,
}: {
  applicationId: string;
  doc: IssuedDocument;
  kept: KeptDocument | undefined;
}) {
  const { t, lang } = useI18n();
  const name = t('story.documents.name', { code: doc.code });
  const file = useMemo(
    () => (kept ? new File([kept.blob], documentFileName(doc), { type: doc.type }) : undefined),
    [kept, doc],
  );
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file) return;
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  const canShare =
    file !== undefined && typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] });

  return (
    <article class="issued__doc" aria-labelledby={`doc-${doc.code}`}>
      <h3 id={`doc-${doc.code}`}>{name}</h3>
      <p>{t('story.documents.issuedAt', { date: formatDateTime(doc.issuedAt, lang) })}</p>
      {doc.note && <p class="issued__note">{doc.note}</p>}
      {doc.signed && <p>{t('story.documents.signed')}</p>}
      <p class="issued__state" data-kept={kept ? 'yes' : 'no'}>
        {t(kept ? 'story.documents.kept' : 'story.documents.waiting')}
      </p>
      <dl class="issued__facts">
        <dt>{t('story.documents.code')}</dt>
        <dd class="issued__code">{doc.code}</dd>
        <dt>{t('story.documents.hash')}</dt>
        <dd class="issued__hash">{doc.sha256}</dd>
      </dl>
      <p class="issued__actions no-print">
        {url && (
          <>
            <a class="btn" href={url} target="_blank" rel="noopener">
              {t('story.documents.open')}
            </a>
            <a class="btn" href={url} download={documentFileName(doc)}>
              {t('story.documents.save')}
            </a>
          </>
        )}
        {canShare && (
          <button
            type="button"
            class="btn"
            onClick={() => void navigator.share({ files: [file], title: name }).catch(() => undefined)}
          >
            {t('story.documents.share')}
          </button>
        )}
        <a class="btn" href={`/permohonan/${applicationId}/dokumen/${doc.code}`}>
          {t('story.documents.cover')}
        </a>
      </p>
    </article>
  );
}
