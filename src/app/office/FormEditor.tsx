// /petugas/formulir/:id: an administrator edits a service's requirements and form — fields, requirement
// groups, and rules as text — beside a live preview at phone width. The definition is checked as the
// server will check it before it is saved; a saved change is a new form version, and drafts begun with
// the old one keep it while it stays open (closed here when no longer wanted). The form can be
// exported as a spreadsheet and one read back in for review.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { SpreadsheetContent, SpreadsheetRejection } from '../../domain/backoffice/forms-api.ts';
import { XLSX_MEDIA_TYPE } from '../../domain/backoffice/forms-api.ts';
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import type { Service, ServiceContent } from '../../domain/catalogue/service.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { FieldEditor } from './form-editor/FieldEditor.tsx';
import { type Issuing, IssuingOffices } from './form-editor/IssuingOffices.tsx';
import { editorIssueText, issueMessage, sheetIssueText } from './form-editor/issue-text.ts';
import { Preview } from './form-editor/Preview.tsx';
import { AddDocument, GroupRow, RequirementRow } from './form-editor/RequirementsEditor.tsx';
import {
  blankField,
  documentKey,
  type EditorIssue,
  type EditorState,
  fromEditorState,
  newUid,
  toEditorState,
} from './form-editor-state.ts';
import { errorText, OfficeError } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';

export default function FormEditor() {
  return <OfficeGate>{(principal) => (principal.role === 'administrator' ? <Loader /> : <AdminsOnly />)}</OfficeGate>;
}

export function AdminsOnly() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('forms.title')}</h1>
      <p role="alert">{t('forms.adminsOnly')}</p>
    </>
  );
}

type Loaded = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; service: Service };

function Loader() {
  const { t } = useI18n();
  const { params } = useRoute();
  const id = params.id ?? '';
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  // What the last save did, said again by the editor that opens on the stored service.
  const [notice, setNotice] = useState<string | null>(null);
  const load = () =>
    officeFetch<Service>(`/api/admin/services/${encodeURIComponent(id)}`).then(
      (service) => setLoaded({ status: 'ready', service }),
      (error: unknown) => setLoaded({ status: 'error', error }),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per service id
  useEffect(() => void load(), [id]);
  if (loaded.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.status === 'error') return <OfficeError error={loaded.error} onRetry={() => void load()} />;
  return (
    <Editor
      key={loaded.service.updatedAt}
      service={loaded.service}
      notice={notice}
      onSaved={(s, text) => {
        setNotice(text);
        setLoaded({ status: 'ready', service: s });
      }}
    />
  );
}

type Outcome = { ok: boolean; text: string } | null;

function Editor({
  service,
  notice,
  onSaved,
}: {
  service: Service;
  notice: string | null;
  onSaved(s: Service, notice: string): void;
}) {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus(service.id);
  const [state, setState] = useState<EditorState>(() => toEditorState(service));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(notice ? { ok: true, text: notice } : null);
  const [shownIssues, setShownIssues] = useState<EditorIssue[]>([]);
  const [sheetIssues, setSheetIssues] = useState<string[]>([]);
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const built = useMemo(() => fromEditorState(state), [state]);
  // The preview follows the last definition that holds together, so a half-typed rule does not blank it.
  const [preview, setPreview] = useState<{ form: FormDefinition; requirements: Service['requirements'] }>(service);
  useEffect(() => {
    if (built.ok) setPreview({ form: built.form, requirements: built.requirements });
  }, [built]);
  const liveIssues = built.ok ? [] : built.issues;
  const problemsOf = (kind: 'field' | 'requirement' | 'group', index: number) =>
    shownIssues
      .filter((i) => i.at.kind === kind && 'index' in i.at && i.at.index === index)
      .map((i) => issueMessage(i.code, i.params, t));

  const update = (next: EditorState) => {
    setState(next);
    setOutcome(null);
  };
  const patchList = <K extends 'fields' | 'requirements' | 'groups'>(
    key: K,
    index: number,
    value: EditorState[K][number] | null,
  ) =>
    update({
      ...state,
      [key]:
        value === null ? state[key].filter((_, i) => i !== index) : state[key].map((x, i) => (i === index ? value : x)),
    });

  const put = async (content: ServiceContent) => {
    setBusy(true);
    try {
      return await officeFetch<Service>(`/api/admin/services/${encodeURIComponent(service.id)}`, {
        method: 'PUT',
        body: content,
      });
    } finally {
      setBusy(false);
    }
  };
  const { updatedAt: _u, ...stored } = service;

  const save = async () => {
    setOutcome(null);
    if (!built.ok) {
      setShownIssues(built.issues);
      setOutcome({ ok: false, text: t('forms.save.invalid', { n: built.issues.length }) });
      return;
    }
    setShownIssues([]);
    try {
      const saved = await put({ ...stored, requirements: built.requirements, form: built.form });
      const before = service.form.version;
      onSaved(
        saved,
        saved.form.version === before
          ? t('forms.save.unchanged')
          : t('forms.save.saved', { version: saved.form.version, before }),
      );
    } catch (error) {
      setOutcome({ ok: false, text: failure(error) });
    }
  };
  const failure = (error: unknown) => {
    const fields =
      error instanceof OfficeApiError
        ? (error.body as { error?: { fields?: Record<string, string[]> } })?.error?.fields
        : undefined;
    return fields
      ? t('forms.save.refused', { problems: Object.values(fields).flat().join('; ') })
      : errorText(error, t);
  };

  const closeVersion = async (version: number) => {
    try {
      const saved = await put({
        ...stored,
        earlierForms: (service.earlierForms ?? []).filter((f) => f.version !== version),
      });
      onSaved(saved, t('forms.versions.closed', { version }));
    } catch (error) {
      setOutcome({ ok: false, text: failure(error) });
    }
  };

  const saveIssuing = async ({ issuedBy, electronicProduct }: Issuing) => {
    const { issuedBy: _issuers, electronicProduct: _electronic, ...rest } = stored;
    try {
      const next = { ...rest, ...(issuedBy ? { issuedBy } : {}), ...(electronicProduct ? { electronicProduct } : {}) };
      onSaved(await put(next), t('forms.issuers.saved'));
    } catch (error) {
      setOutcome({ ok: false, text: failure(error) });
    }
  };

  const importSheet = async (file: File | undefined) => {
    if (!file) return;
    setSheetIssues([]);
    try {
      const content = await officeFetch<SpreadsheetContent>('/api/admin/forms/spreadsheet', {
        method: 'POST',
        raw: { data: await file.arrayBuffer(), type: XLSX_MEDIA_TYPE },
      });
      update({ ...toEditorState(content), version: state.version });
      setOutcome({ ok: true, text: t('forms.sheet.imported') });
    } catch (error) {
      const body = error instanceof OfficeApiError ? (error.body as SpreadsheetRejection | null) : null;
      if (body?.issues) setSheetIssues(body.issues.map((i) => sheetIssueText(i, t)));
      else setOutcome({ ok: false, text: errorText(error, t) });
    }
  };

  const addDocument = (doc: {
    id: string;
    name: { id: string; en: string };
    form: 'original' | 'copy' | 'original-and-copy';
  }) => {
    const field = { ...blankField('document', documentKey(doc.id)), label: doc.name, requirementId: doc.id };
    update({
      ...state,
      requirements: [...state.requirements, { uid: newUid(), id: doc.id, name: doc.name, form: doc.form, count: 1 }],
      fields: [...state.fields, field],
    });
    setOpened((s) => new Set(s).add(field.uid));
  };

  return (
    <div class="forms-editor">
      <p>
        <a href="/petugas/formulir">{t('forms.back')}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('forms.editTitle', { service: service.name[lang] })}
      </h1>
      <p class="lead">{t('forms.versionNow', { version: service.form.version })}</p>
      {(service.earlierForms ?? []).length > 0 && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t('forms.versions.title')}</h2>
          <p class="field__help">{t('forms.versions.help')}</p>
          <ul>
            {(service.earlierForms ?? []).map((f) => (
              <li key={f.version}>
                {t('forms.versions.open', { version: f.version })}{' '}
                <button
                  type="button"
                  class="btn btn--small"
                  disabled={busy}
                  onClick={() => void closeVersion(f.version)}
                >
                  {t('forms.versions.close', { version: f.version })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <IssuingOffices key={service.updatedAt} service={service} busy={busy} onSave={(i) => void saveIssuing(i)} />
      <div class="forms-editor__layout">
        <div class="forms-editor__main">
          <section aria-labelledby="sheet-title">
            <h2 id="sheet-title">{t('forms.sheet.title')}</h2>
            <p>
              <a class="btn" href={`/api/admin/services/${encodeURIComponent(service.id)}/spreadsheet`} download>
                {t('forms.sheet.export')}
              </a>
            </p>
            <div class="field">
              <label for="forms-import">{t('forms.sheet.import')}</label>
              <p class="field__help" id="forms-import-help">
                {t('forms.sheet.importHelp')}
              </p>
              <input
                id="forms-import"
                type="file"
                aria-describedby="forms-import-help"
                accept={`.xlsx,${XLSX_MEDIA_TYPE}`}
                onChange={(e) => void importSheet(e.currentTarget.files?.[0])}
              />
            </div>
            {sheetIssues.length > 0 && (
              <div role="alert" class="field__error">
                <p>{t('forms.sheet.invalid')}</p>
                <ul>
                  {sheetIssues.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </div>
            )}
          </section>

          <section aria-labelledby="req-title">
            <h2 id="req-title">{t('forms.requirements.title')}</h2>
            <AddDocument onAdd={addDocument} />
            <ol class="forms-list">
              {state.requirements.map((r, i) => (
                <RequirementRow
                  key={r.uid}
                  requirement={r}
                  problems={problemsOf('requirement', i)}
                  onChange={(v) => patchList('requirements', i, v)}
                  onRemove={() => patchList('requirements', i, null)}
                />
              ))}
            </ol>
            <button
              type="button"
              class="btn btn--small"
              onClick={() =>
                update({
                  ...state,
                  requirements: [
                    ...state.requirements,
                    { uid: newUid(), id: '', name: { id: '', en: '' }, form: 'copy', count: 1 },
                  ],
                })
              }
            >
              {t('forms.requirements.add')}
            </button>
          </section>

          <section aria-labelledby="groups-title">
            <h2 id="groups-title">{t('forms.groups.title')}</h2>
            <p class="field__help">{t('forms.groups.help')}</p>
            <ol class="forms-list">
              {state.groups.map((g, i) => (
                <GroupRow
                  key={g.uid}
                  group={g}
                  requirements={state.requirements}
                  problems={problemsOf('group', i)}
                  onChange={(v) => patchList('groups', i, v)}
                  onRemove={() => patchList('groups', i, null)}
                />
              ))}
            </ol>
            <button
              type="button"
              class="btn btn--small"
              onClick={() =>
                update({
                  ...state,
                  groups: [
                    ...state.groups,
                    { uid: newUid(), id: '', rule: 'oneOf', requirementIds: [], relevantText: '' },
                  ],
                })
              }
            >
              {t('forms.groups.add')}
            </button>
          </section>

          <section aria-labelledby="fields-title">
            <h2 id="fields-title">{t('forms.fields.title')}</h2>
            <p class="field__help">{t('forms.fields.help')}</p>
            <ol class="forms-list">
              {state.fields.map((f, i) => (
                <FieldEditor
                  key={f.uid}
                  field={f}
                  index={i}
                  count={state.fields.length}
                  requirements={state.requirements}
                  problems={problemsOf('field', i)}
                  open={opened.has(f.uid) || problemsOf('field', i).length > 0}
                  onChange={(v) => patchList('fields', i, v)}
                  onRemove={() => patchList('fields', i, null)}
                  onMove={(by) => {
                    const fields = [...state.fields];
                    const [moved] = fields.splice(i, 1);
                    fields.splice(i + by, 0, moved!);
                    update({ ...state, fields });
                  }}
                />
              ))}
            </ol>
            <button
              type="button"
              class="btn btn--small"
              onClick={() => {
                const field = blankField('text', `kolom${state.fields.length + 1}`);
                update({ ...state, fields: [...state.fields, field] });
                setOpened((s) => new Set(s).add(field.uid));
              }}
            >
              {t('forms.fields.add')}
            </button>
          </section>

          <section aria-labelledby="save-title" class="forms-save">
            <h2 id="save-title">{t('forms.save.title')}</h2>
            <p class="field__help">
              {liveIssues.length > 0 ? t('forms.save.pending', { n: liveIssues.length }) : t('forms.save.ready')}
            </p>
            {shownIssues.length > 0 && (
              <ul class="field__error" aria-label={t('forms.save.problems')}>
                {shownIssues.map((i) => {
                  const text = editorIssueText(i, state, t);
                  return <li key={text}>{text}</li>;
                })}
              </ul>
            )}
            <button type="button" class="btn btn--primary" disabled={busy} onClick={() => void save()}>
              {t('forms.save.button')}
            </button>
            {outcome && (
              <p role={outcome.ok ? 'status' : 'alert'} class={outcome.ok ? 'forms-ok' : 'field__error'}>
                {outcome.text}
              </p>
            )}
          </section>
        </div>
        <Preview form={preview.form} requirements={preview.requirements} />
      </div>
    </div>
  );
}
