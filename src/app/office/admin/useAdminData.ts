// An administrator screen's data: fetched from the server (the back office is online-only), with a
// way to fetch it again after a change; and its changes, one at a time, with what came of the last.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/index.ts';
import { officeFetch } from '../api.ts';
import { errorText } from '../OfficeError.tsx';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

export function useAdminData<T>(path: string): { loaded: Loaded<T>; reload(): void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is the reload request: a new round fetches again
  useEffect(() => {
    let live = true;
    officeFetch<T>(path).then(
      (data) => live && setLoaded({ status: 'ready', data }),
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [path, round]);
  return { loaded, reload: useCallback(() => setRound((n) => n + 1), []) };
}

export type ActionMessage = { ok: boolean; text: string } | null;

/**
 * Runs one change at a time (`busy` meanwhile): `work` answers the sentence to show on success; a
 * failure shows the error in words. `after` runs after a success (e.g. the list's reload).
 */
export function useAdminAction(after: () => void) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage>(null);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
      after();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}
