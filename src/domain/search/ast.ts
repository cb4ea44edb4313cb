// The filter AST shared by every MLflow search API (mlflow/utils/search_utils.py parses each
// clause into {type, key, comparator, value}; we keep that shape for comparisons and add boolean
// nodes for Orchard's OR / NOT / parentheses). Entity-specific rules live in an EntityGrammar so
// the same parser serves runs, experiments and, later, registered models and model versions.

import type { Token } from './tokenizer';

export type Comparator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'LIKE'
  | 'ILIKE'
  | 'IN'
  | 'NOT IN'
  | 'IS NULL'
  | 'IS NOT NULL';

export const LIST_COMPARATORS: ReadonlySet<Comparator> = new Set(['IN', 'NOT IN']);
export const NULL_COMPARATORS: ReadonlySet<Comparator> = new Set(['IS NULL', 'IS NOT NULL']);

/** number for numeric keys, string for string keys, arrays for IN lists, null for IS [NOT] NULL. */
export type FilterValue = string | number | readonly string[] | readonly number[] | null;

export interface ComparisonNode<T extends string = string> {
  kind: 'compare';
  /** Canonical entity type, e.g. 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset'. */
  type: T;
  /** Canonical key (aliases such as `created` -> `start_time` already applied). */
  key: string;
  comparator: Comparator;
  value: FilterValue;
}

export interface AndNode<T extends string = string> {
  kind: 'and';
  /** Empty means "match everything" (the empty filter). */
  children: FilterNode<T>[];
}

export interface OrNode<T extends string = string> {
  kind: 'or';
  children: FilterNode<T>[];
}

export interface NotNode<T extends string = string> {
  kind: 'not';
  child: FilterNode<T>;
}

export type FilterNode<T extends string = string> =
  | ComparisonNode<T>
  | AndNode<T>
  | OrNode<T>
  | NotNode<T>;

/** What a key accepts once its identifier is resolved. */
export interface ResolvedKey<T extends string = string> {
  type: T;
  key: string;
  valueKind: 'number' | 'string';
}

/** Which dialect to accept. 'mlflow' rejects every Orchard extension exactly where MLflow does. */
export type Dialect = 'orchard' | 'mlflow';

export interface ParseOptions {
  dialect?: Dialect;
}

/**
 * Per-entity rules. Each hook throws an MlflowError (via syntaxError) with MLflow's wording.
 * Hooks receive the token so errors can point at it.
 */
export interface EntityGrammar<T extends string = string> {
  /** Resolves `prefix.key` / bare `key` as typed (raw token text, quotes included). */
  resolve(raw: string, token: Token): ResolvedKey<T>;
  /**
   * Returns the comparator if it fits the key, else throws MLflow's "Invalid comparator ...".
   * Called after the value was accepted, as MLflow checks comparators last.
   */
  checkComparator(key: ResolvedKey<T>, comparator: string, token: Token, dialect: Dialect): Comparator;
  /** Whether `key IN (...)` is allowed; throws MLflow's "Only the 'run_id' ..." otherwise. */
  checkList(key: ResolvedKey<T>, token: Token, dialect: Dialect): void;
  /** Post-processes list items (MLflow drops run ids containing upper-case letters). */
  normalizeList?(key: ResolvedKey<T>, items: string[]): string[];
  /** Whether IS [NOT] NULL is allowed on this key; throws otherwise. */
  checkNull(key: ResolvedKey<T>, token: Token, dialect: Dialect): void;
  /** MLflow's complaint when a string literal is given to a numeric key. */
  numericValueError(key: ResolvedKey<T>, found: string): string;
  /** MLflow's complaint when a number is given to a string key. */
  stringValueError(key: ResolvedKey<T>, found: string): string;
}
