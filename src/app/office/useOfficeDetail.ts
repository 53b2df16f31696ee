// One record for a back-office detail screen (an application, a complaint): loading, failed with its
// error, or ready. `reload` fetches it again (after a move, on "Coba lagi") and keeps the screen until
// the fresh copy arrives; `replace` shows a newer copy the server already returned (after an answer).
// An answer for an id the screen has left is dropped. The heading takes focus when the record changes.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { officeFetch } from './api.ts';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; detail: T };

export function useOfficeDetail<T extends { id: string }>(url: string) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  const heading = useHeadingFocus(loaded.status === 'ready' ? loaded.detail.id : loaded.status);
  // Only the newest request's answer is shown: a reload supersedes the one before it, and leaving
  // the record (another url, or the screen) drops whatever is still on its way.
  const latest = useRef(0);

  const load = useCallback(() => {
    latest.current += 1;
    const request = latest.current;
    officeFetch<T>(url).then(
      (detail) => request === latest.current && setLoaded({ status: 'ready', detail }),
      (error: unknown) => request === latest.current && setLoaded({ status: 'error', error }),
    );
  }, [url]);

  useEffect(() => {
    setLoaded({ status: 'loading' });
    load();
    return () => {
      latest.current += 1;
    };
  }, [load]);

  return {
    loaded,
    heading,
    reload: load,
    replace: (detail: T) => setLoaded({ status: 'ready', detail }),
  };
}
