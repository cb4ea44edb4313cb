// Click-to-sort on the runs table: a click sorts by that column alone (toggling direction when
// it already is the sort), shift-click adds it as a further key, toggles it, or drops it on its
// third click. Works on order_by clauses so the URL holds exactly what searchRuns receives.

export interface SortKey {
  key: string;
  ascending: boolean;
}

export function parseSort(clauses: readonly string[]): SortKey[] {
  return clauses.map((c) => {
    const m = /^(.*?)(?:\s+(ASC|DESC))?$/i.exec(c.trim());
    return { key: m?.[1] ?? c, ascending: (m?.[2] ?? 'ASC').toUpperCase() === 'ASC' };
  });
}

export function printSort(keys: readonly SortKey[]): string[] {
  return keys.map((k) => `${k.key} ${k.ascending ? 'ASC' : 'DESC'}`);
}

/** Metrics start descending (higher first reads best for accuracy-like values); others ascending. */
const firstDirection = (key: string): boolean => !/^(?:min\(|max\()?metrics\./.test(key);

export function clickSort(current: readonly SortKey[], key: string, multi: boolean): SortKey[] {
  const at = current.findIndex((k) => k.key === key);
  const existing = current[at];
  if (!multi) {
    if (existing && current.length === 1) return [{ key, ascending: !existing.ascending }];
    return [{ key, ascending: firstDirection(key) }];
  }
  if (!existing) return [...current, { key, ascending: firstDirection(key) }];
  // Third click on a key in a multi-sort removes it: first direction -> other direction -> gone.
  if (existing.ascending !== firstDirection(key)) return current.filter((_, i) => i !== at);
  return current.map((k, i) => (i === at ? { key, ascending: !k.ascending } : k));
}
