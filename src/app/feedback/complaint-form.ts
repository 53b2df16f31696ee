// The complaint form as the resident fills it (every field a string, kept in localStorage so a
// reload loses nothing), checked with the domain schema, and its errors as dictionary keys per field.

import type { Channel } from '../../domain/catalogue/service.ts';
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import {
  Complaint,
  type ComplaintCategory,
  type ComplaintInput,
  type ComplaintPrivacy,
} from '../../domain/feedback/complaint.ts';
import { TEXT_INVALID } from '../../domain/text.ts';
import { wibClock } from '../../domain/time/wib.ts';
import type { MessageKey } from '../i18n/index.ts';

export type AboutKind = 'service' | 'office' | 'application';

export type ComplaintForm = {
  id: string;
  aboutKind: AboutKind | '';
  serviceId: string;
  /** For a service: the office, when the resident knows it (optional). For an office: required. */
  officeId: string;
  trackingNumber: string;
  category: ComplaintCategory;
  what: string;
  when: string;
  photo?: AttachmentRef | undefined;
  privacy: ComplaintPrivacy | '';
  name: string;
  phone: string;
};

export type ComplaintField =
  | 'aboutKind'
  | 'serviceId'
  | 'officeId'
  | 'trackingNumber'
  | 'what'
  | 'when'
  | 'privacy'
  | 'name'
  | 'phone';

export const emptyComplaintForm = (id: string): ComplaintForm => ({
  id,
  aboutKind: '',
  serviceId: '',
  officeId: '',
  trackingNumber: '',
  category: 'service-quality',
  what: '',
  when: '',
  privacy: '',
  name: '',
  phone: '',
});

const PLACEHOLDER_HASH = '0'.repeat(64);

/** The domain input the form stands for (hashes are filled in at "Kirim"). */
export function toComplaintInput(form: ComplaintForm, channel: Channel = 'online'): ComplaintInput {
  const about =
    form.aboutKind === 'service'
      ? { kind: 'service' as const, serviceId: form.serviceId, ...(form.officeId ? { officeId: form.officeId } : {}) }
      : form.aboutKind === 'office'
        ? { kind: 'office' as const, officeId: form.officeId }
        : { kind: 'application' as const, trackingNumber: form.trackingNumber.trim().toUpperCase() };
  const anonymous = form.privacy === 'anonymous';
  const phone = form.phone.trim();
  return {
    id: form.id,
    about: about as ComplaintInput['about'],
    category: form.category,
    what: form.what,
    when: form.when,
    ...(form.photo ? { photo: form.photo } : {}),
    privacy: form.privacy as ComplaintPrivacy,
    ...(anonymous || !form.name.trim() ? {} : { complainant: { name: form.name, ...(phone ? { phone } : {}) } }),
    channel,
    secretHash: PLACEHOLDER_HASH,
  };
}

/** Changes one field of the form (and clears the notice under it). */
export type SetComplaintField = <K extends keyof ComplaintForm>(key: K, value: ComplaintForm[K]) => void;
/** A field's error, translated, or undefined. */
export type ComplaintFieldError = (field: ComplaintField) => string | undefined;

const textError = (issue: { code: string; message: string }): MessageKey =>
  issue.code === 'too_big'
    ? 'complaint.error.tooLong'
    : issue.message === TEXT_INVALID
      ? 'complaint.error.text.invalid'
      : 'complaint.error.required';

/** Errors per field as dictionary keys; empty when the form can be sent. */
export function complaintErrors(form: ComplaintForm, now = Date.now()): Partial<Record<ComplaintField, MessageKey>> {
  const errors: Partial<Record<ComplaintField, MessageKey>> = {};
  if (!form.aboutKind) errors.aboutKind = 'complaint.error.choose';
  if (form.aboutKind === 'service' && !form.serviceId) errors.serviceId = 'complaint.error.choose';
  if (form.aboutKind === 'office' && !form.officeId) errors.officeId = 'complaint.error.choose';
  if (!form.privacy) errors.privacy = 'complaint.error.choose';
  if (form.privacy && form.privacy !== 'anonymous' && !form.name.trim()) errors.name = 'complaint.error.required';
  if (form.aboutKind) {
    const parsed = Complaint.safeParse(toComplaintInput(form));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [head, sub] = issue.path.map(String);
        if (head === 'about') {
          if (form.aboutKind === 'application')
            errors.trackingNumber ??= form.trackingNumber.trim()
              ? 'complaint.error.trackingNumber'
              : 'complaint.error.required';
          else if (form.aboutKind === 'service') errors.serviceId ??= 'complaint.error.choose';
          else errors.officeId ??= 'complaint.error.choose';
        } else if (head === 'what') errors.what ??= textError(issue);
        else if (head === 'when') errors.when ??= form.when ? 'complaint.error.date' : 'complaint.error.required';
        else if (head === 'complainant') {
          if (sub === 'phone') errors.phone ??= 'complaint.error.phone';
          else if (form.privacy && form.privacy !== 'anonymous') errors.name ??= textError(issue);
        }
      }
    }
  } else {
    if (!form.what.trim()) errors.what = 'complaint.error.required';
    if (!form.when) errors.when = 'complaint.error.required';
  }
  if (!errors.when && form.when && form.when > wibClock(new Date(now)).date) errors.when = 'complaint.error.dateFuture';
  return errors;
}

/** The order the fields appear in, for focusing the first error. */
export const COMPLAINT_FIELD_ORDER: ComplaintField[] = [
  'aboutKind',
  'serviceId',
  'officeId',
  'trackingNumber',
  'what',
  'when',
  'privacy',
  'name',
  'phone',
];

const STORAGE_KEY = 'nusa-layan.complaint.form';

export function loadComplaintForm(storage: Pick<Storage, 'getItem'> | undefined, newId: () => string): ComplaintForm {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<ComplaintForm>;
      if (typeof parsed.id === 'string') return { ...emptyComplaintForm(parsed.id), ...parsed };
    }
  } catch {
    // unreadable: start afresh
  }
  return emptyComplaintForm(newId());
}

export function storeComplaintForm(storage: Pick<Storage, 'setItem'> | undefined, form: ComplaintForm): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(form));
  } catch {
    // storage full or blocked: the form still works in memory
  }
}

export function clearComplaintForm(storage: Pick<Storage, 'removeItem'> | undefined): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
}
