// One record for a back-office detail screen (an application, a complaint): loading, failed with its
// error, or ready. `reload` fetches it again (after a move, on "Coba lagi") and keeps the screen until
// the fresh copy arrives; `replace` shows a newer copy the server already returned (after an answer).
// An answer for an id the screen has left is dropped. The heading takes focus when the record changes.
import { useEffect, useState } from 'preact/hooks';
import { officeFetch } from './api.ts';
import { useHeadingFocus } from './useHeadingFocus.ts';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; detail: T };

export function useOfficeDetail<T extends { id: string }>(url: string) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const heading = useHeadingFocus(loaded.status === 'ready' ? loaded.detail.id : loaded.status);

  useEffect(() => {
    setLoaded({ status: 'loading' });
  }, [url]);
  useEffect(() => {
    let live = true;
    officeFetch<T>(url).then(
      (detail) => live && setLoaded({ status: 'ready', detail }),
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [url, version]);

  return {
    loaded,
    heading,
    reload: () => setVersion((v) => v + 1),
    replace: (detail: T) => setLoaded({ status: 'ready', detail }),
  };
}
