// The field officer's state on this tablet (none / PIN needed / unlocked / locked / expired), live:
// re-read whenever the officer module reports a change (sign-in, unlock, lock, wipe).
import { useEffect, useState } from 'preact/hooks';
import { type FieldStatus, fieldStatus, onFieldChange } from '../../data/field/officer.ts';

export type FieldState = { status: 'loading' } | { status: FieldStatus } | { status: 'error' };

export function useFieldStatus(): FieldState {
  const [state, setState] = useState<FieldState>({ status: 'loading' });
  useEffect(() => {
    let alive = true;
    const read = () =>
      void fieldStatus().then(
        (status) => alive && setState({ status }),
        () => alive && setState({ status: 'error' }),
      );
    read();
    const off = onFieldChange(read);
    return () => {
      alive = false;
      off();
    };
  }, []);
  return state;
}
