// /petugas/libur: the holiday calendar the service clock counts working days by (administrators):
// the days off of each year, a day added (national holiday, cuti bersama, regional) or removed. A
// year without entries counts Monday to Friday only, so the screen says which years are entered.
import { useState } from 'preact/hooks';
import { formatDate } from '../../../domain/format.ts';
import type { HolidayKind, HolidayList } from '../../../domain/time/holidays.ts';
import { wibClock } from '../../../domain/time/wib.ts';
import { useHeadingFocus } from '../../hooks/useHeadingFocus.ts';
import { useI18n } from '../../i18n/index.ts';
import { officeFetch } from '../api.ts';
import { AdminsOnly } from '../FormEditor.tsx';
import { OfficeGate } from '../OfficeGate.tsx';
import { AdminMessage } from './AdminMessage.tsx';
import { AdminTable } from './AdminTable.tsx';
import { useAdminAction, useAdminData } from './useAdminData.ts';

const KINDS: HolidayKind[] = ['national', 'cuti-bersama', 'regional'];

export default function Holidays() {
  return <OfficeGate>{(p) => (p.role === 'administrator' ? <HolidayScreen /> : <AdminsOnly />)}</OfficeGate>;
}

function HolidayScreen() {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus();
  const { loaded, reload } = useAdminData<HolidayList>('/api/admin/holidays');
  const [day, setDay] = useState('');
  const [kind, setKind] = useState<HolidayKind>('national');
  const [name, setName] = useState('');
  const { busy, message, run } = useAdminAction(reload);
  const nextYear = Number(wibClock(new Date()).date.slice(0, 4)) + 1;

  const change = (method: 'PUT' | 'DELETE', date: string, body?: unknown) =>
    run(async () => {
      const res = await officeFetch<{ recomputed: number }>(`/api/admin/holidays/${date}`, { method, body });
      if (method === 'PUT') setName('');
      return t(method === 'PUT' ? 'admin.holidays.saved' : 'admin.holidays.removed', {
        date: formatDate(date, lang),
        n: res.recomputed,
      });
    });

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('admin.holidays.title')}
      </h1>
      <p>{t('admin.holidays.intro')}</p>
      {loaded.status === 'ready' && !loaded.data.years.includes(nextYear) && (
        <p class="notice">{t('admin.holidays.missingYear', { year: nextYear })}</p>
      )}
      <form
        class="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (day && name.trim()) void change('PUT', day, { kind, name: name.trim() });
        }}
      >
        <h2>{t('admin.holidays.add')}</h2>
        <div class="field">
          <label for="holiday-day">{t('admin.holidays.day')}</label>
          <input id="holiday-day" type="date" required value={day} onInput={(e) => setDay(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="holiday-kind">{t('admin.holidays.kind')}</label>
          <select id="holiday-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as HolidayKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.holidays.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="holiday-name">{t('admin.holidays.name')}</label>
          <input
            id="holiday-name"
            type="text"
            required
            maxLength={200}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('admin.holidays.save')}
        </button>
      </form>
      <AdminMessage message={message} />
      <AdminTable
        loaded={loaded}
        reload={reload}
        name="admin-holidays"
        caption={(data) => t('admin.holidays.caption', { years: data.years.join(', ') })}
        columns={[t('admin.holidays.day'), t('admin.holidays.name'), t('admin.holidays.kind')]}
        actions
        rows={(data) =>
          data.holidays.map((h) => (
            <tr key={h.day}>
              <th scope="row">{formatDate(h.day, lang)}</th>
              <td>{h.name}</td>
              <td>{t(`admin.holidays.kind.${h.kind}`)}</td>
              <td>
                <button
                  type="button"
                  class="btn"
                  disabled={busy}
                  aria-label={t('admin.holidays.removeOne', { date: formatDate(h.day, lang) })}
                  onClick={() => void change('DELETE', h.day)}
                >
                  {t('admin.holidays.remove')}
                </button>
              </td>
            </tr>
          ))
        }
      />
    </>
  );
}
