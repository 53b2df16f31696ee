// What came of an administrator's last change: announced politely on success, as an alert on failure.
import type { ActionMessage } from './useAdminData.ts';

export function AdminMessage({ message }: { message: ActionMessage }) {
  return (
    <>
      <div role="status" class="admin-message">
        {message?.ok && <p>{message.text}</p>}
      </div>
      {message && !message.ok && <p role="alert">{message.text}</p>}
    </>
  );
}
