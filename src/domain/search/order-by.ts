// Parsing of one order_by entry (SearchUtils._validate_order_by_and_generate_token and
// _parse_order_by_string in mlflow/utils/search_utils.py) plus the value ordering MLflow's sorts
// share: missing values last in both directions, NaN after every number but before missing
// (SearchUtils._get_value_for_sort), strings by code point as in the file store and SQLite.

import { invalidParameter } from '../errors';
import { stripQuotes, trimBackticks } from './identifier';
import { syntaxError, tokenize, type Token } from './tokenizer';

export interface OrderClause {
  /** The identifier token (raw text, e.g. metrics.`val acc`). */
  identifier: Token;
  ascending: boolean;
}

const unparseable = (clause: string): Error =>
  invalidParameter(`Invalid order_by clause '${clause}'. Could not be parsed.`, {
    token: clause,
    start: 0,
    end: clause.length,
  });

/** `<identifier> [ASC|DESC]` (direction in any case). Surrounding whitespace is rejected, as in MLflow. */
export function parseOrderClause(clause: string): OrderClause {
  if (clause.trim() !== clause || clause === '') throw unparseable(clause);
  const tokens = tokenize(clause);
  const [identifier, direction, end] = tokens;
  if (identifier?.kind !== 'ident' || direction === undefined) throw unparseable(clause);
  if (direction.kind === 'eof') return { identifier, ascending: true };
  // A second word is the direction; keywords (AND, IN, ...) or a third word make it unparseable.
  if (direction.kind !== 'ident' || end?.kind !== 'eof') throw unparseable(clause);
  const word = trimBackticks(stripQuotes(direction.text)).toLowerCase();
  if (word !== 'asc' && word !== 'desc') {
    throw syntaxError(`Invalid ordering key in order_by clause '${clause}'.`, direction);
  }
  return { identifier, ascending: word === 'asc' };
}

/** Compares strings by Unicode code point (JS `<` compares UTF-16 units, which differs). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogate range, or both surrogates / both above: unit order is code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    // One is a surrogate (code point >= 0x10000): it sorts after any BMP unit.
    return xs ? 1 : -1;
  }
  return a.length - b.length;
}

export type SortValue = string | number | null | undefined;

/** 0 for an ordinary value, 1 for NaN, 2 for missing: the ranks MLflow sorts by first. */
const rank = (v: SortValue): number =>
  v === null || v === undefined ? 2 : typeof v === 'number' && Number.isNaN(v) ? 1 : 0;

/** Orders two values of one key; missing and NaN stay last whatever the direction. */
export function compareSortValues(a: SortValue, b: SortValue, ascending: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra !== 0) return 0;
  let d = 0;
  if (typeof a === 'number' && typeof b === 'number') d = a < b ? -1 : a > b ? 1 : 0;
  else if (typeof a === 'string' && typeof b === 'string') d = compareCodePoints(a, b);
  return ascending ? d : -d;
}
