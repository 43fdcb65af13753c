import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The state of a value that is loaded, then reloaded on demand and on an
 * interval. A failed reload keeps the last value, so the screen goes on
 * showing data (with the error beside it) instead of going blank.
 */
export interface Polled<T> {
  value?: T;
  error?: Error;
  /** A request is in flight. */
  loading: boolean;
  /** When `value` was loaded. */
  loadedAt?: Date;
  /** How many loads were started; each refresh adds one. */
  generation: number;
  refresh(): void;
}

interface State<T> {
  key: string;
  value?: T;
  error?: Error;
  loading: boolean;
  loadedAt?: Date;
}

/**
 * Loads `load()` whenever `key` changes, when `refresh()` is called and,
 * when `intervalMs` \> 0, every `intervalMs` while the page is visible.
 * Answers of superseded loads are dropped.
 */
export function usePolling<T>(
  key: string,
  load: () => Promise<T>,
  intervalMs: number,
): Polled<T> {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<State<T>>({ key, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    const keep = (s: State<T>): State<T> =>
      s.key === key ? s : { key, loading: true };
    setState(s => ({ ...keep(s), loading: true }));
    loadRef.current().then(
      value => {
        if (current) {
          setState({ key, value, loading: false, loadedAt: new Date() });
        }
      },
      error => {
        if (current) setState(s => ({ ...keep(s), error, loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  useEffect(() => {
    if (!(intervalMs > 0)) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') setGeneration(g => g + 1);
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);

  const refresh = useCallback(() => setGeneration(g => g + 1), []);
  const shown = state.key === key ? state : { loading: true };
  return { ...shown, generation, refresh };
}
