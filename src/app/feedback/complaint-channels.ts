// Where else a complaint can go, shown beside the form: the service standard's complaint channels,
// the office's contacts, and SP4N-LAPOR! (the national channel), without repeats.
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Contact } from '../catalogue/ContactList.tsx';
import { officeContacts } from '../catalogue/office-contacts.ts';
import type { Translate } from '../i18n/index.ts';
import type { ComplaintForm } from './complaint-form.ts';

const LAPOR: (t: Translate) => Contact[] = (t) => [
  { kind: 'web', value: 'https://www.lapor.go.id', label: t('complaint.channels.lapor') },
  { kind: 'sms', value: '1708', label: t('complaint.channels.laporSms') },
];

export function channelsFor(
  form: ComplaintForm,
  services: Service[],
  offices: Office[],
  applications: OutboxEntry[],
  t: Translate,
  lang: 'id' | 'en',
): Contact[] {
  const list: Contact[] = [];
  let serviceId = form.aboutKind === 'service' ? form.serviceId : '';
  if (form.aboutKind === 'application') {
    const own = applications.find(
      (a) => a.result?.status === 'accepted' && a.result.trackingNumber === form.trackingNumber.trim().toUpperCase(),
    );
    serviceId = own?.record.serviceId ?? '';
  }
  const service = services.find((s) => s.id === serviceId);
  if (service)
    list.push(
      ...service.complaintChannels.map((c) => ({
        kind: c.kind,
        value: c.value,
        label: c.label[lang],
        example: c.example,
      })),
    );
  const office = form.officeId ? offices.find((o) => o.id === form.officeId) : undefined;
  if (office && form.aboutKind !== 'application') list.push(...officeContacts(office, t));
  list.push(...LAPOR(t));
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(`${c.kind}:${c.value}`) && seen.add(`${c.kind}:${c.value}`));
}
