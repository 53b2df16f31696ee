// Links a phone can act on: call, WhatsApp, SMS, e-mail, web. (The app itself fetches nothing but
// its own server; these open the resident's own apps.)
export type ContactKind = 'phone' | 'whatsapp' | 'email' | 'sms' | 'web' | 'in-person';

export function contactHref(kind: ContactKind, value: string): string | undefined {
  const digits = value.replace(/[^\d+]/g, '');
  switch (kind) {
    case 'phone':
      return `tel:${digits}`;
    case 'whatsapp':
      return `https://wa.me/${digits.replace(/^\+/, '')}`;
    case 'sms':
      return `sms:${digits}`;
    case 'email':
      return `mailto:${value}`;
    case 'web':
      return /^https?:\/\//.test(value) ? value : undefined;
    case 'in-person':
      return undefined;
  }
}
