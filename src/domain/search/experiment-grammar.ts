// search_experiments identifiers: SearchExperimentsUtils._get_identifier / _get_value and its
// comparator checks (mlflow/utils/search_utils.py). Prefixes are exactly `attribute`, `tag`, `tags`
// (no backticks, no aliases); attributes are name, creation_time and last_update_time.

import type { EntityGrammar, ResolvedKey } from './ast';
import {
  LIST_COMPARATORS,
  NUMERIC_COMPARATORS,
  STRING_COMPARATORS,
  STRING_LIST_COMPARATORS,
  pickComparator,
} from './grammar-helpers';
import { pySet, pyTuple, splitIdentifier } from './identifier';
import { syntaxError, type Token } from './tokenizer';

export type ExperimentEntityType = 'attribute' | 'tag';

const PREFIXES = ['attribute', 'tag', 'tags'] as const;
const NUMERIC: ReadonlySet<string> = new Set(['creation_time', 'last_update_time']);
export const EXPERIMENT_FILTER_KEYS: ReadonlySet<string> = new Set(['name', 'creation_time', 'last_update_time']);
export const EXPERIMENT_ORDER_KEYS: ReadonlySet<string> = new Set([
  'name',
  'experiment_id',
  'creation_time',
  'last_update_time',
]);

export function resolveExperimentIdentifier(
  raw: string,
  token: Token,
  validAttributes: ReadonlySet<string>,
): ResolvedKey<ExperimentEntityType> {
  const { prefix, key } = splitIdentifier(raw);
  let type: ExperimentEntityType = 'attribute';
  if (prefix !== undefined) {
    if (prefix !== 'attribute' && prefix !== 'tag' && prefix !== 'tags') {
      throw syntaxError(`Invalid entity type '${prefix}'. Valid entity types are ${pyTuple(PREFIXES)}`, token);
    }
    type = prefix === 'attribute' ? 'attribute' : 'tag';
  }
  if (type === 'attribute' && !validAttributes.has(key)) {
    throw syntaxError(`Invalid attribute key '${key}' specified. Valid keys are '${pySet(validAttributes)}'`, token);
  }
  const valueKind = type === 'attribute' && NUMERIC.has(key) ? 'number' : 'string';
  return { type, key, valueKind };
}

export const experimentGrammar: EntityGrammar<ExperimentEntityType> = {
  resolve: (raw, token) => resolveExperimentIdentifier(raw, token, EXPERIMENT_FILTER_KEYS),

  checkComparator(k, op, token, dialect) {
    const lists = dialect === 'orchard' ? LIST_COMPARATORS : [];
    if (k.valueKind === 'number') return pickComparator(op, [...NUMERIC_COMPARATORS, ...lists], token);
    if (k.type === 'attribute') return pickComparator(op, STRING_LIST_COMPARATORS, token);
    return pickComparator(op, [...STRING_COMPARATORS, ...lists], token);
  },

  checkList(k, token, dialect) {
    if (dialect === 'orchard') return;
    if (k.type === 'attribute' && k.valueKind === 'string') {
      throw syntaxError("Only the 'run_id' attribute supports comparison with a list of quoted string values.", token);
    }
    const message = k.valueKind === 'number' ? numericValueError(k, token.text) : stringValueError(k, token.text);
    throw syntaxError(message, token);
  },

  checkNull(k, token) {
    if (k.type === 'tag') return;
    throw syntaxError(`IS NULL / IS NOT NULL is only supported for tags, not for attribute '${k.key}'`, token);
  },

  numericValueError,
  stringValueError,
};

function numericValueError(k: ResolvedKey<ExperimentEntityType>, found: string): string {
  return `Expected numeric value type for numeric attribute: ${k.key}. Found ${found}`;
}

function stringValueError(k: ResolvedKey<ExperimentEntityType>, found: string): string {
  return k.type === 'attribute'
    ? `Expected a quoted string value for attributes. Got value ${found}`
    : `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${found}`;
}
