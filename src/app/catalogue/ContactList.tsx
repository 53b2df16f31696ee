// Contact channels as links the phone can act on.
import { useI18n } from '../i18n/index.ts';
import { type ContactKind, contactHref } from './contact-links.ts';

/** A contact with its label already in the UI language; `example`: a sample not yet confirmed. */
export type Contact = { kind: ContactKind; value: string; label: string; example?: boolean | undefined };

export function ContactList({ contacts }: { contacts: Contact[] }) {
  const { t } = useI18n();
  return (
    <ul class="contacts">
      {contacts.map((c) => {
        // A sample number may belong to a stranger: it is shown as an example and offers no call.
        const href = c.example ? undefined : contactHref(c.kind, c.value);
        return (
          <li key={`${c.kind}:${c.value}`}>
            <span class="contacts__label">{c.label}</span>{' '}
            {href ? (
              <a href={href} rel="noopener">
                {c.value}
              </a>
            ) : (
              <span>{c.value}</span>
            )}
            {c.example && <span class="contacts__example">{t('contact.example')}</span>}
          </li>
        );
      })}
    </ul>
  );
}
