// The runs view's state lives in the URL, so a reload or a shared link shows the same table:
// ?filter=…&sort=…&sort=…&cols=…&group=params.lr&sel=<id>&open=<parent id>
import { useSearchParams } from '@solidjs/router';
import type { Accessor } from 'solid-js';

export interface RunsViewState {
  filter: string;
  sort: string[];
  /** undefined: not chosen in the URL (use the remembered or default columns) */
  cols: string[] | undefined;
  group: string | undefined;
  selected: string[];
  expanded: string[];
}

type Patch = Partial<{ [K in keyof RunsViewState]: RunsViewState[K] | undefined }>;

// Copies: the router's values are store proxies, which IndexedDB and structuredClone refuse.
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? [...v] : [v]);
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function useRunsViewState(): [Accessor<RunsViewState>, (patch: Patch, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const state = (): RunsViewState => ({
    filter: one(params.filter) ?? '',
    sort: list(params.sort),
    cols: params.cols === undefined ? undefined : list(params.cols).filter((c) => c !== ''),
    group: one(params.group) || undefined,
    selected: list(params.sel),
    expanded: list(params.open),
  });
  const update = (patch: Patch, options: { replace?: boolean } = {}): void => {
    const next: Record<string, string | string[] | undefined> = {};
    if ('filter' in patch) next.filter = patch.filter || undefined;
    if ('sort' in patch) next.sort = patch.sort?.length ? patch.sort : undefined;
    // An empty column list is a choice ("no extra columns"): keep it as one empty value.
    if ('cols' in patch) next.cols = patch.cols === undefined ? undefined : patch.cols.length ? patch.cols : [''];
    if ('group' in patch) next.group = patch.group || undefined;
    if ('selected' in patch) next.sel = patch.selected?.length ? patch.selected : undefined;
    if ('expanded' in patch) next.open = patch.expanded?.length ? patch.expanded : undefined;
    setParams(next, { replace: options.replace ?? false });
  };
  return [state, update];
}
