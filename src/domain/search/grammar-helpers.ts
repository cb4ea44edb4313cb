// Building blocks for entity grammars: MLflow's comparator sets (SearchUtils.VALID_*_COMPARATORS
// in mlflow/utils/search_utils.py), its comparator check, and Python's str.islower used by
// SearchUtils._parse_run_ids.

import type { Comparator } from './ast';
import { pySet } from './identifier';
import { syntaxError, type Token } from './tokenizer';

export const NUMERIC_COMPARATORS: readonly Comparator[] = ['>', '>=', '!=', '=', '<', '<='];
export const STRING_COMPARATORS: readonly Comparator[] = ['!=', '=', 'LIKE', 'ILIKE'];
export const LIST_COMPARATORS: readonly Comparator[] = ['IN', 'NOT IN'];
export const STRING_LIST_COMPARATORS: readonly Comparator[] = [...STRING_COMPARATORS, ...LIST_COMPARATORS];

/**
 * Returns `op` (upper-cased, as MLflow upper-cases comparators before checking) when it is one
 * of `valid`, else throws MLflow's "Invalid comparator 'x' not one of '{...}'".
 */
export function pickComparator(op: string, valid: readonly Comparator[], token: Token): Comparator {
  const upper = op.toUpperCase();
  const found = valid.find((c) => c === upper);
  if (found !== undefined) return found;
  throw syntaxError(`Invalid comparator '${upper}' not one of '${pySet(valid)}'`, token);
}

/** Python's str.islower(): at least one cased character and no upper-case ones. */
export function pyIsLower(s: string): boolean {
  return s === s.toLowerCase() && s !== s.toUpperCase();
}
