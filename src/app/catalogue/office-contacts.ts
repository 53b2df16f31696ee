// An office's phone, WhatsApp and e-mail as contact entries.
import type { Office } from '../../domain/catalogue/office.ts';
import type { Translate } from '../i18n/index.ts';
import type { Contact } from './ContactList.tsx';

export function officeContacts(office: Office, t: Translate): Contact[] {
  const c = office.contacts;
  const list: Contact[] = [];
  const example = c.example === true;
  if (c.phone) list.push({ kind: 'phone', value: c.phone, label: t('contact.phone'), example });
  if (c.whatsapp) list.push({ kind: 'whatsapp', value: c.whatsapp, label: t('contact.whatsapp'), example });
  if (c.email) list.push({ kind: 'email', value: c.email, label: t('contact.email'), example });
  return list;
}
