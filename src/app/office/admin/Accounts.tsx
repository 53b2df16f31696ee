// /petugas/akun: staff accounts (administrators): the list, a new account (officer, field officer or
// administrator, with its offices), and per account: disable or enable, a new password, or a reset
// with a one-time code shown here once for the owner to sign in with and choose a password (every
// session and token of the account ends at once, as the server does).
import { useState } from 'preact/hooks';
import type { Account, ResetCode, StaffRole } from '../../../domain/accounts/account.ts';
import { PASSWORD_MIN_LENGTH } from '../../../domain/accounts/account.ts';
import { useHeadingFocus } from '../../hooks/useHeadingFocus.ts';
import { useI18n } from '../../i18n/index.ts';
import { officeFetch } from '../api.ts';
import { useOfficeCatalogue } from '../catalogue-labels.ts';
import { AdminsOnly } from '../FormEditor.tsx';
import { formatDateTime } from '../format.ts';
import { OfficeGate } from '../OfficeGate.tsx';
import { roleName } from '../role-name.ts';
import { AdminMessage } from './AdminMessage.tsx';
import { AdminTable } from './AdminTable.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { useAdminAction, useAdminData } from './useAdminData.ts';

const ROLES: StaffRole[] = ['officer', 'field-officer', 'administrator'];

export default function Accounts() {
  return <OfficeGate>{(p) => (p.role === 'administrator' ? <AccountScreen /> : <AdminsOnly />)}</OfficeGate>;
}

function AccountScreen() {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus();
  const catalogue = useOfficeCatalogue(lang);
  const { loaded, reload } = useAdminData<{ accounts: Account[] }>('/api/admin/accounts');
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('officer');
  const [officeIds, setOfficeIds] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const { busy, message, run } = useAdminAction(reload);
  const [issued, setIssued] = useState<ResetCode | null>(null);

  const create = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const account = await officeFetch<Account>('/api/admin/accounts', {
        method: 'POST',
        body: { username, name, role, officeIds: role === 'administrator' ? [] : officeIds, password },
      });
      setUsername('');
      setName('');
      setPassword('');
      setOfficeIds([]);
      return t('admin.accounts.created', { username: account.username });
    });
  };

  const officeName = (id: string) => catalogue.offices.find((o) => o.id === id)?.name[lang] ?? id;

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('admin.accounts.title')}
      </h1>
      <form class="office-form" onSubmit={create}>
        <h2>{t('admin.accounts.new')}</h2>
        <div class="field">
          <label for="account-username">{t('admin.accounts.username')}</label>
          <input
            id="account-username"
            type="text"
            required
            autoComplete="off"
            autoCapitalize="none"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="account-name">{t('admin.accounts.name')}</label>
          <input id="account-name" type="text" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="account-role">{t('admin.accounts.role')}</label>
          <select id="account-role" value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r, t)}
              </option>
            ))}
          </select>
        </div>
        {role !== 'administrator' && (
          <div class="field">
            <label for="account-offices">{t('admin.accounts.offices')}</label>
            <select
              id="account-offices"
              multiple
              size={6}
              required={role === 'officer'}
              onChange={(e) => setOfficeIds([...e.currentTarget.selectedOptions].map((o) => o.value))}
            >
              {catalogue.offices.map((o) => (
                <option key={o.id} value={o.id} selected={officeIds.includes(o.id)}>
                  {o.name[lang]}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="account-password">{t('admin.accounts.password', { n: PASSWORD_MIN_LENGTH })}</label>
          <input
            id="account-password"
            type="password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('admin.accounts.create')}
        </button>
      </form>
      {issued && (
        <OneTimeSecret
          id="reset-code-title"
          title={t('admin.accounts.codeTitle', { username: issued.account.username })}
          note={t('admin.accounts.codeNote', { until: formatDateTime(issued.expiresAt, lang) })}
          secret={issued.code}
          closeLabel={t('admin.accounts.codeHide')}
          onClose={() => setIssued(null)}
        />
      )}
      <AdminMessage message={message} />
      <AdminTable
        loaded={loaded}
        reload={reload}
        name="admin-accounts"
        caption={() => t('admin.accounts.caption')}
        columns={[
          t('admin.accounts.username'),
          t('admin.accounts.name'),
          t('admin.accounts.role'),
          t('admin.accounts.offices'),
          t('admin.accounts.state'),
        ]}
        actions
        rows={(data) =>
          data.accounts.map((a) => (
            <AccountRow key={a.id} account={a} officeName={officeName} busy={busy} run={run} onCode={setIssued} />
          ))
        }
      />
    </>
  );
}

function AccountRow({
  account: a,
  officeName,
  busy,
  run,
  onCode,
}: {
  account: Account;
  officeName(id: string): string;
  busy: boolean;
  run(work: () => Promise<string>): Promise<void>;
  onCode(code: ResetCode): void;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const patch = (body: unknown) => officeFetch<Account>(`/api/admin/accounts/${a.id}`, { method: 'PATCH', body });
  return (
    <tr>
      <th scope="row">{a.username}</th>
      <td>{a.name}</td>
      <td>{roleName(a.role, t)}</td>
      <td>{a.officeIds.map(officeName).join(', ') || '—'}</td>
      <td>{a.disabled ? t('admin.accounts.disabled') : t('admin.accounts.active')}</td>
      <td class="admin-actions">
        <button
          type="button"
          class="btn"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await patch({ disabled: !a.disabled });
              return t(a.disabled ? 'admin.accounts.enabledDone' : 'admin.accounts.disabledDone', {
                username: a.username,
              });
            })
          }
        >
          {a.disabled
            ? t('admin.accounts.enable', { username: a.username })
            : t('admin.accounts.disable', { username: a.username })}
        </button>
        {!a.disabled && (
          <button
            type="button"
            class="btn"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                onCode(await officeFetch<ResetCode>(`/api/admin/accounts/${a.id}/reset-code`, { method: 'POST' }));
                return t('admin.accounts.codeDone', { username: a.username });
              })
            }
          >
            {t('admin.accounts.resetCode', { username: a.username })}
          </button>
        )}
        <form
          class="admin-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await patch({ password });
              setPassword('');
              return t('admin.accounts.passwordDone', { username: a.username });
            });
          }}
        >
          <label for={`password-${a.id}`}>{t('admin.accounts.newPassword', { username: a.username })}</label>
          <input
            id={`password-${a.id}`}
            type="password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <button type="submit" class="btn" disabled={busy}>
            {t('admin.accounts.setPassword')}
          </button>
        </form>
      </td>
    </tr>
  );
}
