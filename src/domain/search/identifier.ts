// MLflow's identifier helpers (SearchUtils._get_identifier, _trim_backticks, _strip_quotes in
// mlflow/utils/search_utils.py). MLflow works on the raw identifier text: it splits at the FIRST
// dot, then trims backticks off the prefix and quotes-then-backticks off the key. Doing the same
// on raw text reproduces its quirks, e.g. `metrics.A` (one backticked token) -> entity "`metrics".

const isQuoted = (value: string, quote: string): boolean =>
  value.length >= 2 && value.startsWith(quote) && value.endsWith(quote);

/** Removes one pair of surrounding backticks, if present. */
export const trimBackticks = (value: string): string =>
  isQuoted(value, '`') ? value.slice(1, -1) : value;

/** Removes one pair of surrounding single or double quotes, if present. */
export const stripQuotes = (value: string): string =>
  isQuoted(value, "'") || isQuoted(value, '"') ? value.slice(1, -1) : value;

/** True when the text is wrapped in single or double quotes (a usable string value). */
export const isStringLiteral = (value: string): boolean =>
  isQuoted(value, "'") || isQuoted(value, '"');

export interface SplitIdentifier {
  /** Raw prefix (before the first dot) or undefined for a bare key. */
  prefix: string | undefined;
  /** Key with quotes and backticks removed. */
  key: string;
}

export function splitIdentifier(raw: string): SplitIdentifier {
  const dot = raw.indexOf('.');
  const prefix = dot < 0 ? undefined : raw.slice(0, dot);
  const rawKey = dot < 0 ? raw : raw.slice(dot + 1);
  return { prefix, key: trimBackticks(stripQuotes(rawKey)) };
}

/** Python's repr of a list of strings: ['a', 'b']. Used to echo MLflow's messages. */
export const pyList = (items: readonly string[]): string =>
  `[${items.map((i) => `'${i}'`).join(', ')}]`;

/** Python's repr of a set of strings (sorted, since Python's order is arbitrary anyway). */
export const pySet = (items: Iterable<string>): string =>
  `{${[...items]
    .sort()
    .map((i) => `'${i}'`)
    .join(', ')}}`;

/** Python's repr of a tuple of strings: ('a', 'b'). */
export const pyTuple = (items: readonly string[]): string =>
  `(${items.map((i) => `'${i}'`).join(', ')})`;
