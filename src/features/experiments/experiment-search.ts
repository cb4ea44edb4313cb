// What the experiments search box means, and how its state rides along in the URL. Pure, so the
// rules are unit-tested without a browser.
//
// The box takes either plain text, matched anywhere in the name as MLflow's UI does
// (`name ILIKE '%text%'`), or a full search_experiments filter. Someone who typed a comparator or
// `LIKE '` / `IS NULL` / `IN (` meant a filter; anything else is a name fragment, so typing
// "run in production" never turns into a syntax error.

const FILTER_SHAPE = /[=<>]|\bI?LIKE\s+'|\bIS\s+(?:NOT\s+)?NULL\b|\bIN\s*\(/i;

/** True when `text` should be parsed as a search_experiments filter rather than a name fragment. */
export function looksLikeFilter(text: string): boolean {
  return FILTER_SHAPE.test(text);
}

/**
 * The filter string for what was typed, or undefined for "no filter".
 * MLflow's string literals have no escape for `'`, so a quote in plain text becomes `_` (LIKE's
 * one-character wildcard): "o'brien" still finds "O'Brien", at the price of also matching "o-brien".
 * `%` and `_` typed as plain text stay wildcards, as in MLflow's own search box.
 * @example experimentFilterFor('mnist') // "name ILIKE '%mnist%'"
 */
export function experimentFilterFor(text: string | undefined): string | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return undefined;
  if (looksLikeFilter(trimmed)) return trimmed;
  return `name ILIKE '%${trimmed.replaceAll("'", '_')}%'`;
}

/** The sidebar's state as it appears in the query string. */
export interface ExperimentListState {
  q?: string;
  deleted?: boolean;
}

/** Reads `?q=` and `?deleted=1` (any other value of deleted is off). */
export function readListState(params: { q?: string | string[]; deleted?: string | string[] }): ExperimentListState {
  const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
  const q = first(params.q);
  return { q: q === '' ? undefined : q, deleted: first(params.deleted) === '1' };
}

/**
 * `path` with the sidebar's state appended, so following an experiment link keeps the search
 * and the deleted toggle (each route otherwise starts with an empty query string).
 */
export function withListState(path: string, state: ExperimentListState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.deleted) params.set('deleted', '1');
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
