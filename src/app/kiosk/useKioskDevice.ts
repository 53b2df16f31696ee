// The enrolled kiosk device, live from the kiosk's own database (undefined when not enrolled).
import { liveQuery } from 'dexie';
import { kioskDatabase, type KioskDevice } from '../../data/kiosk/kiosk-db.ts';
import { useObservable, type Loadable } from '../hooks/useObservable.ts';

export function useKioskDevice(): Loadable<KioskDevice | undefined> {
  return useObservable(() => liveQuery(() => kioskDatabase().device.get('device')), []);
}
