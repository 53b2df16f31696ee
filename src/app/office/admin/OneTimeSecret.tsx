// A secret the server shows once (a kiosk's enrolment token, a password reset's one-time code): its
// title, what to do with it, the secret as text (and anything else, e.g. its QR code), and a button
// that closes it for good.
import type { ComponentChildren } from 'preact';

export function OneTimeSecret(props: {
  id: string;
  title: string;
  note: string;
  secret: string;
  closeLabel: string;
  onClose(): void;
  children?: ComponentChildren;
}) {
  return (
    <section class="admin-token" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p>{props.note}</p>
      <p>
        <code class="admin-token__text">{props.secret}</code>
      </p>
      {props.children}
      <button type="button" class="btn" onClick={props.onClose}>
        {props.closeLabel}
      </button>
    </section>
  );
}
