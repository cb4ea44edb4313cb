// One `<identifier> <comparator> <value>` clause, checked in the order MLflow checks it
// (SearchUtils._get_comparison -> _get_identifier -> _get_value, then is_metric/is_param/...
// comparator checks in mlflow/utils/search_utils.py), so the first error reported is MLflow's.

import type { ComparisonNode, Dialect, EntityGrammar, ResolvedKey } from './ast';
import { isStringLiteral } from './identifier';
import { INVALID_CLAUSE, describeToken, type TokenStream } from './token-stream';
import { syntaxError, unquote, type Token } from './tokenizer';

const LIST_ERROR = 'While parsing a list in the query, expected a non-empty list of string values';

/** A token covering first..last, for multi-word comparators such as NOT IN. */
const span = (s: TokenStream, first: Token, last: Token): Token => ({
  kind: first.kind,
  text: s.input.slice(first.start, last.end),
  start: first.start,
  end: last.end,
});

/** Reads the comparator words after the identifier: an operator as typed, or upper-cased words. */
function readComparator(s: TokenStream, ident: Token): { op: string; token: Token } {
  const t = s.next();
  if (t.kind === 'op') return { op: t.text, token: t };
  const word = t.kind === 'keyword' ? t.text.toUpperCase() : '';
  if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return { op: word, token: t };
  if (word === 'NOT') {
    const n = s.next();
    const w = n.kind === 'keyword' ? n.text.toUpperCase() : '';
    // NOT LIKE / NOT ILIKE are lexed by sqlparse but rejected later as invalid comparators.
    if (w === 'IN' || w === 'LIKE' || w === 'ILIKE') return { op: `NOT ${w}`, token: span(s, t, n) };
    const message = `${INVALID_CLAUSE}: expected IN, LIKE or ILIKE after NOT, found ${describeToken(n)}`;
    throw syntaxError(message, n.kind === 'eof' ? t : n);
  }
  if (word === 'IS') {
    const n = s.next();
    if (n.kind === 'keyword' && n.text.toUpperCase() === 'NULL') return { op: 'IS NULL', token: span(s, t, n) };
    if (n.kind === 'keyword' && n.text.toUpperCase() === 'NOT' && s.isKeyword('NULL')) {
      return { op: 'IS NOT NULL', token: span(s, t, s.next()) };
    }
    const message = `${INVALID_CLAUSE}: expected NULL or NOT NULL after IS, found ${describeToken(n)}`;
    throw syntaxError(message, n.kind === 'eof' ? t : n);
  }
  if (t.kind === 'eof') {
    throw syntaxError(`${INVALID_CLAUSE}: expected a comparison operator after '${ident.text}'`, ident);
  }
  throw syntaxError(`${INVALID_CLAUSE}: expected a comparison operator after '${ident.text}', found ${describeToken(t)}`, t);
}

interface ListValue {
  items: Token[];
  token: Token;
}

/** Reads `( item, item, ... )` with an optional trailing comma, as Python's literal_eval allows. */
function readList(s: TokenStream, open: Token): ListValue {
  const items: Token[] = [];
  for (;;) {
    const t = s.next();
    if (t.kind === 'rparen') return { items, token: span(s, open, t) };
    if (t.kind === 'eof') throw syntaxError(`${INVALID_CLAUSE}: missing ')' to close this list`, open);
    if (t.kind !== 'string' && t.kind !== 'number' && t.kind !== 'ident') {
      throw syntaxError(`${LIST_ERROR}, but got ill-formed list.`, t);
    }
    items.push(t);
    const sep = s.peek();
    if (sep.kind === 'eof') throw syntaxError(`${INVALID_CLAUSE}: missing ')' to close this list`, open);
    if (sep.kind === 'comma') s.next();
    else if (sep.kind !== 'rparen') throw syntaxError(`${LIST_ERROR}, but got ill-formed list.`, sep);
  }
}

function stringValue<T extends string>(g: EntityGrammar<T>, key: ResolvedKey<T>, t: Token): string {
  if (t.kind === 'string') return unquote(t.text);
  if (t.kind === 'ident') {
    // A double-quoted "value" lexes as a name; MLflow accepts it, but not `value` or bare value.
    if (isStringLiteral(t.text)) return unquote(t.text);
    throw syntaxError(
      'Parameter value is either not quoted or unidentified quote types used for string value ' +
        `${t.text}. Use either single or double quotes.`,
      t,
    );
  }
  throw syntaxError(g.stringValueError(key, t.text), t);
}

function numberValue<T extends string>(g: EntityGrammar<T>, key: ResolvedKey<T>, t: Token, dialect: Dialect): number {
  // sqlparse does not lex `1e+5` as a number; only the orchard dialect accepts it.
  if (t.kind === 'number' && !(dialect === 'mlflow' && t.text.includes('+'))) return Number(t.text);
  throw syntaxError(g.numericValueError(key, t.text), t);
}

function listValue<T extends string>(
  g: EntityGrammar<T>,
  key: ResolvedKey<T>,
  list: ListValue,
  dialect: Dialect,
): readonly string[] | readonly number[] {
  g.checkList(key, list.token, dialect);
  if (list.items.length === 0) throw syntaxError(`${LIST_ERROR}, but got empty list`, list.token);
  if (key.valueKind === 'number') return list.items.map((t) => numberValue(g, key, t, dialect));
  const bad = list.items.find((t) => t.kind === 'number');
  if (bad !== undefined) {
    throw syntaxError(
      'While parsing a list in the query, expected string value, punctuation, or whitespace, ' +
        `but got different type in list: ${list.token.text}`,
      bad,
    );
  }
  const items = list.items.map((t) => stringValue(g, key, t));
  return g.normalizeList ? g.normalizeList(key, items) : items;
}

/** A comparison as typed, before the grammar has looked at it. */
export interface RawComparison {
  kind: 'compare';
  ident: Token;
  /** Upper-cased for keywords (LIKE, NOT IN, IS NULL); as typed for operators (`==` stays). */
  op: string;
  opToken: Token;
  value: { kind: 'scalar'; token: Token } | { kind: 'list'; list: ListValue } | null;
}

/** Phase 1 (syntax): `<identifier> <comparator> <value>`; no identifier or value checks yet. */
export function readComparison(s: TokenStream): RawComparison {
  const ident = s.next();
  const { op, token: opToken } = readComparator(s, ident);
  if (op === 'IS NULL' || op === 'IS NOT NULL') return { kind: 'compare', ident, op, opToken, value: null };
  const v = s.next();
  if (op === 'IN' || op === 'NOT IN') {
    if (v.kind !== 'lparen') {
      const message = `${INVALID_CLAUSE}: expected a list such as ('a', 'b') after ${op}, found ${describeToken(v)}`;
      throw syntaxError(message, v.kind === 'eof' ? opToken : v);
    }
    return { kind: 'compare', ident, op, opToken, value: { kind: 'list', list: readList(s, v) } };
  }
  if (v.kind === 'eof') throw syntaxError(`${INVALID_CLAUSE}: expected a value after '${opToken.text}'`, opToken);
  if (v.kind === 'lparen') {
    return { kind: 'compare', ident, op, opToken, value: { kind: 'list', list: readList(s, v) } };
  }
  if (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'ident') {
    throw syntaxError(`${INVALID_CLAUSE}: ${describeToken(v)} is not a value`, v);
  }
  return { kind: 'compare', ident, op, opToken, value: { kind: 'scalar', token: v } };
}

/**
 * Phase 2 (meaning), run only once the whole filter is well-formed, as MLflow reports
 * "Invalid clause(s)" before any per-comparison error. Order: identifier, value, comparator.
 */
export function resolveComparison<T extends string>(
  raw: RawComparison,
  g: EntityGrammar<T>,
  dialect: Dialect,
): ComparisonNode<T> {
  const { ident, op, opToken, value: v } = raw;
  const key = g.resolve(ident.text, ident);
  if (v === null) {
    g.checkNull(key, opToken, dialect);
    const comparator = op === 'IS NULL' ? 'IS NULL' : 'IS NOT NULL';
    return { kind: 'compare', type: key.type, key: key.key, comparator, value: null };
  }
  let value: string | number | readonly string[] | readonly number[];
  if (v.kind === 'list') {
    if (op !== 'IN' && op !== 'NOT IN') {
      // A list after a scalar comparator: MLflow complains about the value's type.
      const text = v.list.token.text;
      const message = key.valueKind === 'number' ? g.numericValueError(key, text) : g.stringValueError(key, text);
      throw syntaxError(message, v.list.token);
    }
    value = listValue(g, key, v.list, dialect);
  } else {
    value = key.valueKind === 'number' ? numberValue(g, key, v.token, dialect) : stringValue(g, key, v.token);
  }
  const comparator = g.checkComparator(key, op, opToken, dialect);
  return { kind: 'compare', type: key.type, key: key.key, comparator, value };
}
