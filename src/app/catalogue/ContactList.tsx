// Contact channels as links the phone can act on.
import { type ContactKind, contactHref } from './contact-links.ts';

/** A contact with its label already in the UI language. */
export type Contact = { kind: ContactKind; value: string; label: string };

export function ContactList({ contacts }: { contacts: Contact[] }) {
  return (
    <ul class="contacts">
      {contacts.map((c) => {
        const href = contactHref(c.kind, c.value);
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
          </li>
        );
      })}
    </ul>
  );
}
