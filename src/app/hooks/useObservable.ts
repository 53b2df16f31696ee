// Subscribes a component to an observable (a live database query) and re-renders on each value.
import { useEffect, useState } from 'preact/hooks';

type Subscribable<T> = { subscribe(observer: { next(v: T): void; error(e: unknown): void }): { unsubscribe(): void } };

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

export function useObservable<T>(factory: () => Subscribable<T>, deps: unknown[] = []): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  useEffect(
    () => {
      const sub = factory().subscribe({
        next: (value) => setState({ status: 'ready', value }),
        error: (error) => setState({ status: 'error', error }),
      });
      return () => sub.unsubscribe();
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` is the caller's list of what the factory reads, passed on as useEffect's own; a list that arrives as an argument cannot be checked here
    deps,
  );
  return state;
}
