// /petugas/audit: the audit log (administrators), newest first, filtered on the server by who acted,
// an action (or its family: "auth" for every sign-in event), a range of WIB days and an office, a
// page at a time. Entries hold ids, counts and reasons, never a resident's data; the one client
// address the log keeps (of a failed sign-in) is not shown here either.
import { useState } from 'preact/hooks';
import type { Account, AuditEntry, AuditPage } from '../../../domain/accounts/account.ts';
import { useHeadingFocus } from '../../hooks/useHeadingFocus.ts';
import { useI18n } from '../../i18n/index.ts';
import { useOfficeCatalogue } from '../catalogue-labels.ts';
import { AdminsOnly } from '../FormEditor.tsx';
import { formatDateTime } from '../format.ts';
import { OfficeGate } from '../OfficeGate.tsx';
import { roleName } from '../role-name.ts';
import { AdminTable } from './AdminTable.tsx';
import { useAdminData } from './useAdminData.ts';

const PAGE_SIZE = 50;
/** Detail keys not shown: the client address of a failed sign-in. */
const HIDDEN_DETAIL = new Set(['ip']);

type Filters = { actor: string; action: string; from: string; to: string; office: string };
const NO_FILTERS: Filters = { actor: '', action: '', from: '', to: '', office: '' };

export default function AuditLog() {
  return <OfficeGate>{(p) => (p.role === 'administrator' ? <AuditScreen /> : <AdminsOnly />)}</OfficeGate>;
}

function auditPath(filters: Filters, before: number | null): string {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const [k, v] of Object.entries(filters)) if (v.trim()) q.set(k, v.trim());
  if (before !== null) q.set('before', String(before));
  return `/api/admin/audit?${q}`;
}

function detailText(detail: AuditEntry['detail']): string {
  return Object.entries(detail)
    .filter(([k]) => !HIDDEN_DETAIL.has(k))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
}

function AuditScreen() {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus();
  const catalogue = useOfficeCatalogue(lang);
  const accounts = useAdminData<{ accounts: Account[] }>('/api/admin/accounts');
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  /** The `before` cursors of the pages shown so far: the last is the current page's. */
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const before = cursors[cursors.length - 1] ?? null;
  const { loaded, reload } = useAdminData<AuditPage>(auditPath(applied, before));
  const officeName = (id: string) => catalogue.offices.find((o) => o.id === id)?.name[lang] ?? id;
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [key]: e.currentTarget.value });

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('admin.audit.title')}
      </h1>
      <p>{t('admin.audit.intro')}</p>
      <form
        class="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(draft);
          setCursors([null]);
        }}
      >
        <h2>{t('admin.audit.filters')}</h2>
        <div class="field">
          <label for="audit-actor">{t('admin.audit.actor')}</label>
          <select id="audit-actor" value={draft.actor} onChange={set('actor')}>
            <option value="">{t('admin.audit.anyone')}</option>
            {accounts.loaded.status === 'ready' &&
              accounts.loaded.data.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.username}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-action">{t('admin.audit.action')}</label>
          <input
            id="audit-action"
            type="text"
            autoCapitalize="none"
            aria-describedby="audit-action-hint"
            value={draft.action}
            onInput={set('action')}
          />
          <p id="audit-action-hint" class="field__help">
            {t('admin.audit.actionHint')}
          </p>
        </div>
        <div class="field">
          <label for="audit-from">{t('admin.audit.from')}</label>
          <input id="audit-from" type="date" value={draft.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="audit-to">{t('admin.audit.to')}</label>
          <input id="audit-to" type="date" value={draft.to} onInput={set('to')} />
        </div>
        <div class="field">
          <label for="audit-office">{t('admin.audit.office')}</label>
          <select id="audit-office" value={draft.office} onChange={set('office')}>
            <option value="">{t('admin.audit.anyOffice')}</option>
            {catalogue.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="btn btn--primary">
          {t('admin.audit.apply')}
        </button>
      </form>
      <AdminTable
        loaded={loaded}
        reload={reload}
        name="admin-audit"
        caption={() => t('admin.audit.caption', { page: cursors.length })}
        columns={[
          t('admin.audit.at'),
          t('admin.audit.actor'),
          t('admin.audit.action'),
          t('admin.audit.target'),
          t('admin.audit.office'),
          t('admin.audit.detail'),
        ]}
        rows={(data) =>
          data.entries.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('admin.audit.none')}</td>
            </tr>
          ) : (
            data.entries.map((e) => (
              <tr key={e.id}>
                <th scope="row">{formatDateTime(e.at, lang)}</th>
                <td>
                  {e.actorUsername ?? t('admin.audit.system')}
                  {e.role && ` (${roleName(e.role, t)})`}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.targetKind ? `${e.targetKind} ${e.targetId ?? ''}`.trim() : '—'}</td>
                <td>{e.officeId ? officeName(e.officeId) : '—'}</td>
                <td>{detailText(e.detail) || '—'}</td>
              </tr>
            ))
          )
        }
      />
      {loaded.status === 'ready' && (
        <nav class="admin-pages" aria-label={t('admin.audit.pages')}>
          {cursors.length > 1 && (
            <button type="button" class="btn" onClick={() => setCursors(cursors.slice(0, -1))}>
              {t('admin.audit.newer')}
            </button>
          )}
          {loaded.data.next !== null && (
            <button type="button" class="btn" onClick={() => setCursors([...cursors, loaded.data.next])}>
              {t('admin.audit.older')}
            </button>
          )}
        </nav>
      )}
    </>
  );
}
