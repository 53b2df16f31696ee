// The enrolled kiosk device, live from the kiosk's own database (undefined when not enrolled).
import { liveQuery } from 'dexie';
import { type KioskDevice, kioskDatabase } from '../../data/kiosk/kiosk-db.ts';
import { type Loadable, useObservable } from '../hooks/useObservable.ts';

export function useKioskDevice(): Loadable<KioskDevice | undefined> {
  return useObservable(() => liveQuery(() => kioskDatabase().device.get('device')), []);
}
