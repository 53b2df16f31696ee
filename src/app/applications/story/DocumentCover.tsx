// /permohonan/<id>/dokumen/<code>: a printable cover sheet for an issued document, from the device
// (offline): the service, the date of issue, the verification code, the SHA-256 and a QR code of the
// public verification page. Nothing about the applicant: the sheet may travel with the paper.
import { useRoute } from 'preact-iso';
import { verificationPath } from '../../../domain/documents/document.ts';
import { formatDateTime } from '../../../domain/format.ts';
import { QrCode } from '../../catalogue/QrCode.tsx';
import { useI18n } from '../../i18n/index.ts';
import '../../i18n/story-messages.ts';
import { useServiceDraft } from '../useServiceDraft.ts';

export default function DocumentCover() {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const state = useServiceDraft(params.id ?? '');
  if (state.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.status === 'error') return <p role="alert">{t('catalogue.storageError')}</p>;
  const { service, update } = state.value;
  const doc = update?.documents?.find((d) => d.code === params.code);
  if (!doc) {
    return (
      <>
        <h1>{t('cover.title')}</h1>
        <p role="alert">{t('cover.missing')}</p>
      </>
    );
  }
  const url = `${location.origin}${verificationPath(doc.code)}`;
  return (
    <article class="cover">
      <h1>{t('cover.title')}</h1>
      <dl class="cover__facts">
        {service && (
          <>
            <dt>{t('cover.service')}</dt>
            <dd>{service.name[lang]}</dd>
          </>
        )}
        <dt>{t('cover.issuedAt')}</dt>
        <dd>{formatDateTime(doc.issuedAt, lang)}</dd>
        <dt>{t('story.documents.code')}</dt>
        <dd class="issued__code">{doc.code}</dd>
        <dt>{t('story.documents.hash')}</dt>
        <dd class="issued__hash">{doc.sha256}</dd>
      </dl>
      <QrCode text={url} label={t('cover.qr', { code: doc.code })} size={180} />
      <p>{t('cover.verifyAt', { url })}</p>
      <p class="no-print">
        <button type="button" class="btn btn--primary" onClick={() => window.print()}>
          {t('cover.print')}
        </button>
      </p>
    </article>
  );
}
