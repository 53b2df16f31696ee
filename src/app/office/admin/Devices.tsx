// /petugas/perangkat: kiosk tablets (administrators): enrol one for an office — its one-time token is
// shown here once, as text and as a QR code, to enter on the tablet at /kios/daftar — and revoke one
// (its token stops working at once).
import { useState } from 'preact/hooks';
import type { Device, DeviceEnrolment } from '../../../domain/accounts/account.ts';
import { formatDate } from '../../../domain/format.ts';
import { QrCode } from '../../catalogue/QrCode.tsx';
import { useHeadingFocus } from '../../hooks/useHeadingFocus.ts';
import { useI18n } from '../../i18n/index.ts';
import { officeFetch } from '../api.ts';
import { useOfficeCatalogue } from '../catalogue-labels.ts';
import { AdminsOnly } from '../FormEditor.tsx';
import { OfficeGate } from '../OfficeGate.tsx';
import { AdminMessage } from './AdminMessage.tsx';
import { AdminTable } from './AdminTable.tsx';
import { FieldKeys } from './FieldKeys.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { useAdminAction, useAdminData } from './useAdminData.ts';

export default function Devices() {
  return <OfficeGate>{(p) => (p.role === 'administrator' ? <DeviceScreen /> : <AdminsOnly />)}</OfficeGate>;
}

function DeviceScreen() {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus();
  const catalogue = useOfficeCatalogue(lang);
  const { loaded, reload } = useAdminData<{ devices: Device[] }>('/api/admin/devices');
  const [name, setName] = useState('');
  const [officeId, setOfficeId] = useState('');
  const { busy, message, run } = useAdminAction(reload);
  const [enrolled, setEnrolled] = useState<DeviceEnrolment | null>(null);
  const officeName = (id: string) => catalogue.offices.find((o) => o.id === id)?.name[lang] ?? id;

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('admin.devices.title')}
      </h1>
      <form
        class="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const enrolment = await officeFetch<DeviceEnrolment>('/api/admin/devices', {
              method: 'POST',
              body: { name, officeId },
            });
            setEnrolled(enrolment);
            setName('');
            return t('admin.devices.enrolled', { name: enrolment.device.name });
          });
        }}
      >
        <h2>{t('admin.devices.new')}</h2>
        <div class="field">
          <label for="device-name">{t('admin.devices.name')}</label>
          <input id="device-name" type="text" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="device-office">{t('admin.devices.office')}</label>
          <select id="device-office" required value={officeId} onChange={(e) => setOfficeId(e.currentTarget.value)}>
            <option value="">{t('admin.devices.chooseOffice')}</option>
            {catalogue.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('admin.devices.enrol')}
        </button>
      </form>
      {enrolled && (
        <OneTimeSecret
          id="token-title"
          title={t('admin.devices.tokenTitle', { name: enrolled.device.name })}
          note={t('admin.devices.tokenNote')}
          secret={enrolled.token}
          closeLabel={t('admin.devices.tokenHide')}
          onClose={() => setEnrolled(null)}
        >
          <QrCode text={enrolled.token} label={t('admin.devices.tokenQr', { name: enrolled.device.name })} size={220} />
        </OneTimeSecret>
      )}
      <AdminMessage message={message} />
      <AdminTable
        loaded={loaded}
        reload={reload}
        name="admin-devices"
        caption={() => t('admin.devices.caption')}
        columns={[
          t('admin.devices.name'),
          t('admin.devices.office'),
          t('admin.devices.enrolledAt'),
          t('admin.devices.state'),
        ]}
        actions
        rows={(data) =>
          data.devices.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.name}</th>
              <td>{officeName(d.officeId)}</td>
              <td>{formatDate(d.enrolledAt, lang)}</td>
              <td>{d.revoked ? t('admin.devices.revoked') : t('admin.devices.active')}</td>
              <td>
                {!d.revoked && (
                  <button
                    type="button"
                    class="btn"
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        await officeFetch<Device>(`/api/admin/devices/${d.id}`, { method: 'DELETE' });
                        return t('admin.devices.revokedDone', { name: d.name });
                      })
                    }
                  >
                    {t('admin.devices.revoke', { name: d.name })}
                  </button>
                )}
              </td>
            </tr>
          ))
        }
      />
      <FieldKeys />
    </>
  );
}
