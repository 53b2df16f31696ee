// One office in a list: name, island, open now, and how to reach it.
import type { Announcement } from '../../domain/catalogue/announcement.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import { useI18n } from '../i18n/index.ts';
import { ContactList } from './ContactList.tsx';
import { OpenStatus } from './OpenStatus.tsx';
import { officeContacts } from './office-contacts.ts';

export function OfficeSummary({
  office,
  announcements,
  now,
}: {
  office: Office;
  announcements: Announcement[];
  now: Date;
}) {
  const { lang, t } = useI18n();
  return (
    <li class="office">
      <a class="office__name" href={`/kantor/${office.id}`}>
        {office.name[lang]}
      </a>
      {office.island && <span class="office__island"> {office.island.name}</span>}
      <OpenStatus office={office} announcements={announcements} now={now} />
      <ContactList contacts={officeContacts(office, t)} />
    </li>
  );
}
