// What the models search box means, and the filters the registry pages send. Pure, so the rules
// are unit-tested without a browser. The box follows the experiments sidebar: plain text is a
// name fragment (`name ILIKE '%text%'`, as MLflow's UI does), anything shaped like a filter is
// MLflow's search_registered_models grammar (name, tags.<key>; =, !=, LIKE, ILIKE).
//
// "Shaped like a filter" is stricter than the experiments box: it must start with one of the keys
// the grammar knows, then a comparison. Model names are often pasted from elsewhere, and one
// holding `<`, `>` or `=` (`<img src=x>`) must still search as text, not fail as a filter.

const FILTER_SHAPE = /^\s*(?:name|tags\.(?:[\p{L}\p{N}_.]+|`[^`]*`|"[^"]*")|`[^`]*`)\s*(?:[=<>!~]|(?:NOT\s+)?I?LIKE\b|IS\b|(?:NOT\s+)?IN\b)/iu;

/** True when `text` should be parsed as a search_registered_models filter rather than a name fragment. */
export function looksLikeModelFilter(text: string): boolean {
  return FILTER_SHAPE.test(text);
}

/**
 * The filter string for what was typed, or undefined for "every model". MLflow's literals have no
 * escape for `'`, so a quote in plain text becomes `_` (LIKE's one-character wildcard).
 * @example modelFilterFor('wine') // "name ILIKE '%wine%'"
 */
export function modelFilterFor(text: string | undefined): string | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return undefined;
  if (looksLikeModelFilter(trimmed)) return trimmed;
  return `name ILIKE '%${trimmed.replaceAll("'", '_')}%'`;
}

/**
 * A search_model_versions filter that finds every version of `name`. A name with a `'` cannot be
 * written as a literal (MLflow does not unescape quotes), so it is matched with `_` in its place
 * and the caller keeps only exact names (`isVersionOf`).
 * @example versionsFilterFor('wine') // "name = 'wine'"
 * @example versionsFilterFor("o'brien") // "name LIKE 'o_brien'"
 */
export function versionsFilterFor(name: string): string {
  if (!name.includes("'")) return `name = '${name}'`;
  return `name LIKE '${name.replaceAll("'", '_')}'`;
}
