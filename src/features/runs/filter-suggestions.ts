// Key autocompletion for the filter bar: what the word under the cursor could become. Knows
// MLflow's prefixes and run attributes, and the metric/param/tag keys of the runs on screen.
// Keys that MLflow's identifier rules would split (spaces, dashes...) are offered in backticks.
import { quoteKey } from './columns';

export interface KnownKeys {
  metrics: readonly string[];
  params: readonly string[];
  tags: readonly string[];
}

export interface Suggestion {
  /** what the list shows */
  label: string;
  /** what replaces the word */
  insert: string;
}

export interface Suggestions {
  from: number;
  to: number;
  items: Suggestion[];
}

const PREFIXES = ['metrics.', 'params.', 'tags.', 'attributes.'];
const ATTRIBUTES = ['run_name', 'status', 'start_time', 'end_time', 'user_id', 'run_id', 'artifact_uri'];
const PREFIX_KIND: Record<string, keyof KnownKeys | 'attributes'> = {
  metric: 'metrics', metrics: 'metrics',
  param: 'params', params: 'params', parameter: 'params', parameters: 'params',
  tag: 'tags', tags: 'tags',
  attribute: 'attributes', attributes: 'attributes', attr: 'attributes', run: 'attributes',
};



export function suggest(text: string, cursor: number, keys: KnownKeys, limit = 12): Suggestions {
  let from = cursor;
  while (from > 0 && !/[\s()]/.test(text[from - 1] as string)) from--;
  let to = cursor;
  while (to < text.length && !/[\s()=<>!]/.test(text[to] as string)) to++;
  const word = text.slice(from, cursor);
  // Inside a quoted value, or right after a comparator: nothing to complete.
  const before = text.slice(0, from);
  const quotes = (before.match(/['"]/g) ?? []).length;
  if (quotes % 2 === 1 || /[=<>]\s*$/.test(before) || /^(?:LIKE|ILIKE|IN)$/i.test(before.trim().split(/\s+/).pop() ?? '')) {
    return { from, to, items: [] };
  }
  const dot = word.indexOf('.');
  let items: Suggestion[];
  if (dot < 0) {
    const w = word.toLowerCase();
    items = [
      ...PREFIXES.filter((p) => p.startsWith(w)).map((p) => ({ label: p, insert: p })),
      ...ATTRIBUTES.filter((a) => a.startsWith(w) && w !== '').map((a) => ({ label: a, insert: a })),
    ];
  } else {
    const prefix = word.slice(0, dot);
    const kind = PREFIX_KIND[prefix.replace(/`/g, '')];
    const partial = word.slice(dot + 1).replace(/^[`"]/, '').toLowerCase();
    const pool = kind === undefined ? [] : kind === 'attributes' ? ATTRIBUTES : keys[kind];
    items = pool
      .filter((k) => k.toLowerCase().startsWith(partial))
      .concat(pool.filter((k) => !k.toLowerCase().startsWith(partial) && k.toLowerCase().includes(partial)))
      .map((k) => ({ label: `${prefix}.${k}`, insert: `${prefix}.${quoteKey(k)}` }));
  }
  return { from, to, items: items.slice(0, limit) };
}

/** Applies a suggestion; returns the new text and where the cursor goes. */
export function applySuggestion(text: string, s: Suggestions, item: Suggestion): { text: string; cursor: number } {
  const next = text.slice(0, s.from) + item.insert + text.slice(s.to);
  return { text: next, cursor: s.from + item.insert.length };
}
