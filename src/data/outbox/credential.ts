// The credential a delivery carries. Applications, complaints and surveys travel anonymously (a
// resident has no account); but the server stores an application as made at a kiosk only when an
// enrolled kiosk sends it, so an enrolled tablet's sealed deliveries carry its device token. The
// service worker reads it from the kiosk's own database, as the page does.
import { kioskDatabase } from '../kiosk/kiosk-db.ts';
import type { OutboxKind } from './outbox-db.ts';

export async function deliveryCredential(kind: OutboxKind): Promise<Record<string, string>> {
  if (kind !== 'sealed') return {};
  const device = await kioskDatabase()
    .device.get('device')
    .catch(() => undefined);
  return device ? { authorization: `Bearer ${device.token}` } : {};
}
