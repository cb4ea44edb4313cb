// The Compare view's state bound to the router's query string (parsing lives in compare-state.ts,
// free of Solid so it is tested in plain Node).
import { useSearchParams } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { parseCompareState, toQuery, type CompareState } from './compare-state';

/** The view's state as a reactive object read from the URL, and a setter that rewrites the URL. */
export function useCompareState(): [() => CompareState, (patch: Partial<CompareState>) => void] {
  const [query, setQuery] = useSearchParams();
  // replace: a slider drag should not leave fifty history entries; scroll: keep the reader's place.
  const state = createMemo(() => parseCompareState(query));
  return [state, (patch) => setQuery(toQuery(patch), { replace: true, scroll: false })];
}
