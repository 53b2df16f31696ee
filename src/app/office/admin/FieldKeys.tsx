// Field officers' device keys on /petugas/perangkat (administrators): every tablet's signing key,
// whose officer it is, and whether it still signs; revoking the key of a lost tablet makes the
// server refuse what that tablet signed from then on (its sealed boxes and export files, even those
// signed before the revocation), while the officer's other tablets go on.
import type { RegisteredDeviceKey } from '../../../domain/field/api.ts';
import { formatDate } from '../../../domain/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { officeFetch } from '../api.ts';
import { AdminMessage } from './AdminMessage.tsx';
import { AdminTable } from './AdminTable.tsx';
import { useAdminAction, useAdminData } from './useAdminData.ts';

/** Enough of the key's id (a JWK thumbprint) to tell two tablets of one officer apart. */
const shortKey = (keyId: string) => keyId.slice(0, 10);

export function FieldKeys() {
  const { t, lang } = useI18n();
  const { loaded, reload } = useAdminData<{ keys: RegisteredDeviceKey[] }>('/api/field/device-keys');
  const { busy, message, run } = useAdminAction(reload);
  return (
    <section aria-labelledby="field-keys-title">
      <h2 id="field-keys-title">{t('admin.fieldKeys.title')}</h2>
      <p>{t('admin.fieldKeys.intro')}</p>
      <AdminMessage message={message} />
      <AdminTable
        loaded={loaded}
        reload={reload}
        name="admin-field-keys"
        caption={() => t('admin.fieldKeys.caption')}
        columns={[
          t('admin.fieldKeys.officer'),
          t('admin.fieldKeys.key'),
          t('admin.fieldKeys.registeredAt'),
          t('admin.fieldKeys.state'),
        ]}
        actions
        rows={(data) =>
          data.keys.map((k) => {
            const officer = k.username ?? k.name;
            const key = shortKey(k.keyId);
            return (
              <tr key={k.keyId}>
                <th scope="row">{officer}</th>
                <td>
                  <code>{key}</code>
                </td>
                <td>{formatDate(k.registeredAt, lang)}</td>
                <td>
                  {k.revokedAt
                    ? t('admin.fieldKeys.revoked')
                    : k.active
                      ? t('admin.fieldKeys.active')
                      : t('admin.fieldKeys.inactive')}
                </td>
                <td>
                  {!k.revokedAt && (
                    <button
                      type="button"
                      class="btn"
                      disabled={busy}
                      onClick={() =>
                        void run(async () => {
                          await officeFetch(`/api/field/device-keys/${encodeURIComponent(k.keyId)}`, {
                            method: 'DELETE',
                          });
                          return t('admin.fieldKeys.revokedDone', { officer, key });
                        })
                      }
                    >
                      {t('admin.fieldKeys.revoke', { officer, key })}
                    </button>
                  )}
                </td>
              </tr>
            );
          })
        }
      />
    </section>
  );
}
