// /petugas/formulir: the services whose forms an administrator can edit, and a new service made from
// a spreadsheet (an XLSForm-like .xlsx exported by another office): its requirements and form come
// from the file, the rest of the standard (procedure, time, cost, offices…) from a service chosen here.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { SpreadsheetContent, SpreadsheetRejection } from '../../domain/backoffice/forms-api.ts';
import { XLSX_MEDIA_TYPE } from '../../domain/backoffice/forms-api.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { useOfficeCatalogue } from './catalogue-labels.ts';
import { AdminsOnly } from './FormEditor.tsx';
import { sheetIssueText } from './form-editor/issue-text.ts';
import { errorText } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';

export default function FormList() {
  return <OfficeGate>{(p) => (p.role === 'administrator' ? <ListScreen /> : <AdminsOnly />)}</OfficeGate>;
}

function ListScreen() {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus();
  const catalogue = useOfficeCatalogue(lang);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('forms.title')}
      </h1>
      <p>{t('forms.intro')}</p>
      {!catalogue.ready ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <ul class="forms-services">
          {catalogue.services.map((s) => (
            <li key={s.id}>
              <a href={`/petugas/formulir/${s.id}`}>{s.name[lang]}</a>{' '}
              <span class="field__help">{t('forms.versionNow', { version: s.form.version })}</span>
            </li>
          ))}
        </ul>
      )}
      {catalogue.ready && <NewFromSpreadsheet services={catalogue.services} />}
    </>
  );
}

function NewFromSpreadsheet({ services }: { services: Service[] }) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const [content, setContent] = useState<SpreadsheetContent | null>(null);
  const [issues, setIssues] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [id, setId] = useState('');
  const [nameId, setNameId] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [baseId, setBaseId] = useState(services[0]?.id ?? '');
  const [busy, setBusy] = useState(false);

  const read = async (file: File | undefined) => {
    if (!file) return;
    setIssues([]);
    setProblem(null);
    setContent(null);
    try {
      const c = await officeFetch<SpreadsheetContent>('/api/admin/forms/spreadsheet', {
        method: 'POST',
        raw: { data: await file.arrayBuffer(), type: XLSX_MEDIA_TYPE },
      });
      setContent(c);
      setId(c.id ? `${c.id}-baru` : '');
      setNameId(c.name?.id ?? '');
      setNameEn(c.name?.en ?? '');
      if (c.id && services.some((s) => s.id === c.id)) setBaseId(c.id);
    } catch (error) {
      const body = error instanceof OfficeApiError ? (error.body as SpreadsheetRejection | null) : null;
      if (body?.issues) setIssues(body.issues.map((i) => sheetIssueText(i, t)));
      else setProblem(errorText(error, t));
    }
  };

  const create = async (e: Event) => {
    e.preventDefault();
    const base = services.find((s) => s.id === baseId);
    if (!content || !base) return;
    setBusy(true);
    setProblem(null);
    const { updatedAt: _u, earlierForms: _e, ...standard } = base;
    try {
      await officeFetch<Service>('/api/admin/services', {
        method: 'POST',
        body: {
          ...standard,
          id,
          name: { id: nameId.trim(), en: nameEn.trim() },
          requirements: content.requirements,
          form: { ...content.form, version: 1 },
        },
      });
      route(`/petugas/formulir/${id}`);
    } catch (error) {
      const fields =
        error instanceof OfficeApiError
          ? (error.body as { error?: { fields?: Record<string, string[]> } })?.error?.fields
          : undefined;
      setProblem(fields ? Object.values(fields).flat().join('; ') : errorText(error, t));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="new-title" class="office-form">
      <h2 id="new-title">{t('forms.new.title')}</h2>
      <div class="field">
        <label for="new-file">{t('forms.new.file')}</label>
        <input
          id="new-file"
          type="file"
          accept={`.xlsx,${XLSX_MEDIA_TYPE}`}
          onChange={(e) => void read(e.currentTarget.files?.[0])}
        />
      </div>
      {issues.length > 0 && (
        <div role="alert" class="field__error">
          <p>{t('forms.sheet.invalid')}</p>
          <ul>
            {issues.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {content && (
        <form onSubmit={(e) => void create(e)}>
          <p role="status">
            {t('forms.new.read', { fields: content.form.fields.length, requirements: content.requirements.length })}
          </p>
          <div class="field">
            <label for="new-id">{t('forms.new.id')}</label>
            <input id="new-id" value={id} onInput={(e) => setId(e.currentTarget.value.trim())} />
          </div>
          <div class="field">
            <label for="new-name-id">{t('forms.in.id', { what: t('forms.new.name') })}</label>
            <input id="new-name-id" value={nameId} onInput={(e) => setNameId(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="new-name-en">{t('forms.in.en', { what: t('forms.new.name') })}</label>
            <input id="new-name-en" value={nameEn} onInput={(e) => setNameEn(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="new-base">{t('forms.new.base')}</label>
            <select id="new-base" value={baseId} onChange={(e) => setBaseId(e.currentTarget.value)}>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name[lang]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="btn btn--primary" disabled={busy || !id || !nameId.trim() || !nameEn.trim()}>
            {t('forms.new.create')}
          </button>
        </form>
      )}
      {problem && (
        <p role="alert" class="field__error">
          {problem}
        </p>
      )}
    </section>
  );
}
