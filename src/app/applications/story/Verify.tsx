// /verifikasi/<code>: the public check of an issued document (the QR code of its cover sheet leads
// here). Asks the server what was issued under the code — office, service, date, SHA-256 — and can
// compare a file the visitor holds with that hash on the device itself (nothing is uploaded).
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { sha256Hex } from '../../../data/attachments/hash.ts';
import { DocumentVerification } from '../../../domain/documents/document.ts';
import { formatDateTime } from '../../../domain/format.ts';
import { useI18n } from '../../i18n/index.ts';
import '../../i18n/story-messages.ts';

type Found =
  | { kind: 'loading' }
  | { kind: 'found'; v: DocumentVerification }
  | { kind: 'unknown' }
  | { kind: 'failed' };

export default function Verify() {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const code = params.code ?? '';
  const [found, setFound] = useState<Found>({ kind: 'loading' });
  const [match, setMatch] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    setFound({ kind: 'loading' });
    fetch(`/api/verify/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' } })
      .then(async (res) => {
        if (res.status === 404 || res.status === 400) return { kind: 'unknown' } as const;
        if (!res.ok) throw new Error(String(res.status));
        return { kind: 'found', v: DocumentVerification.parse(await res.json()) } as const;
      })
      .catch(() => ({ kind: 'failed' }) as const)
      .then((f) => live && setFound(f));
    return () => {
      live = false;
    };
  }, [code]);

  const compare = async (file: File | undefined) => {
    if (!file || found.kind !== 'found') return setMatch(null);
    setMatch((await sha256Hex(file)) === found.v.sha256);
  };

  return (
    <article class="verify">
      <h1>{t('verify.title')}</h1>
      <div role="status">
        {found.kind === 'loading' && <p>{t('verify.loading')}</p>}
        {found.kind === 'unknown' && <p class="field__error">{t('verify.unknown')}</p>}
        {found.kind === 'failed' && <p class="field__error">{t('verify.failed')}</p>}
        {found.kind === 'found' && <p class="verify__valid">{t('verify.valid')}</p>}
      </div>
      {found.kind === 'found' && (
        <>
          <dl class="cover__facts">
            <dt>{t('story.documents.code')}</dt>
            <dd class="issued__code">{found.v.code}</dd>
            <dt>{t('verify.office')}</dt>
            <dd>{found.v.office ? found.v.office.name[lang] : t('verify.noOffice')}</dd>
            <dt>{t('verify.service')}</dt>
            <dd>{found.v.service.name[lang]}</dd>
            <dt>{t('verify.issuedAt')}</dt>
            <dd>{formatDateTime(found.v.issuedAt, lang)}</dd>
            <dt>{t('verify.hash')}</dt>
            <dd class="issued__hash verify__hash">{found.v.sha256}</dd>
            <dt>{t('verify.signed')}</dt>
            <dd>{t(found.v.signed ? 'verify.signedYes' : 'verify.signedNo')}</dd>
          </dl>
          <div class="field">
            <label for="verify-file">{t('verify.file.label')}</label>
            <input
              id="verify-file"
              type="file"
              accept="application/pdf,image/jpeg"
              onChange={(e) => void compare(e.currentTarget.files?.[0])}
            />
          </div>
          <p role="status" class={match === false ? 'field__error' : 'verify__match'}>
            {match === true && t('verify.file.match')}
            {match === false && t('verify.file.mismatch')}
          </p>
        </>
      )}
    </article>
  );
}
