// search_runs identifiers and their rules: SearchUtils in mlflow/utils/search_utils.py
// (_valid_entity_type, _get_identifier, _get_value, is_metric/is_param/... comparator checks,
// translate_key_alias). Orchard extensions (lists on metrics/params/tags/any attribute,
// IS [NOT] NULL on metrics) are refused in the 'mlflow' dialect with MLflow's own messages.

import type { Dialect, EntityGrammar, ResolvedKey } from './ast';
import {
  LIST_COMPARATORS,
  NUMERIC_COMPARATORS,
  STRING_COMPARATORS,
  STRING_LIST_COMPARATORS,
  pickComparator,
  pyIsLower,
} from './grammar-helpers';
import { pyList, pySet, splitIdentifier, trimBackticks } from './identifier';
import { syntaxError, type Token } from './tokenizer';

export type RunEntityType = 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset';

const ENTITY_TYPES: readonly RunEntityType[] = ['metric', 'parameter', 'tag', 'attribute', 'dataset'];

const PREFIXES: Readonly<Record<string, RunEntityType>> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'parameter',
  parameters: 'parameter',
  param: 'parameter',
  params: 'parameter',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

export const RUN_STRING_ATTRIBUTES = ['run_id', 'run_name', 'user_id', 'status', 'artifact_uri'] as const;
export const RUN_NUMERIC_ATTRIBUTES = ['start_time', 'end_time'] as const;
export type RunAttribute =
  | (typeof RUN_STRING_ATTRIBUTES)[number]
  | (typeof RUN_NUMERIC_ATTRIBUTES)[number];

/** Alias -> canonical attribute. `run name` aliases are filter-only; `created` works everywhere. */
const FILTER_ALIASES: Readonly<Record<string, RunAttribute>> = {
  created: 'start_time',
  Created: 'start_time',
  'run name': 'run_name',
  'Run name': 'run_name',
  'Run Name': 'run_name',
};
const ORDER_ALIASES: Readonly<Record<string, RunAttribute>> = { created: 'start_time', Created: 'start_time' };

const CANONICAL: ReadonlySet<string> = new Set([...RUN_STRING_ATTRIBUTES, ...RUN_NUMERIC_ATTRIBUTES]);
const NUMERIC: ReadonlySet<string> = new Set(RUN_NUMERIC_ATTRIBUTES);
export const DATASET_KEYS: ReadonlySet<string> = new Set(['name', 'digest', 'context']);

/** MLflow's prefix check: backticks around the prefix are allowed, the names are case-sensitive. */
function entityType(prefix: string, token: Token): RunEntityType {
  const trimmed = trimBackticks(prefix);
  const type = Object.hasOwn(PREFIXES, trimmed) ? PREFIXES[trimmed] : undefined;
  if (type === undefined) {
    throw syntaxError(`Invalid entity type '${trimmed}'. Valid values are ${pyList(ENTITY_TYPES)}`, token);
  }
  return type;
}

/** Resolves a run identifier for filters (`forOrderBy` = false) or order_by clauses. */
export function resolveRunIdentifier(raw: string, token: Token, forOrderBy: boolean): ResolvedKey<RunEntityType> {
  const { prefix, key } = splitIdentifier(raw);
  const type = prefix === undefined ? 'attribute' : entityType(prefix, token);
  if (type === 'attribute') {
    const aliases = forOrderBy ? ORDER_ALIASES : FILTER_ALIASES;
    const canonical = Object.hasOwn(aliases, key) ? aliases[key] : CANONICAL.has(key) ? key : undefined;
    if (canonical === undefined) {
      const valid = pySet([...CANONICAL, ...Object.keys(aliases)]);
      throw syntaxError(`Invalid attribute key '${key}' specified. Valid keys are '${valid}'`, token);
    }
    return { type, key: canonical, valueKind: NUMERIC.has(canonical) ? 'number' : 'string' };
  }
  if (type === 'dataset' && !DATASET_KEYS.has(key)) {
    throw syntaxError(`Invalid dataset key '${key}' specified. Valid keys are '${pySet(DATASET_KEYS)}'`, token);
  }
  return { type, key, valueKind: type === 'metric' ? 'number' : 'string' };
}

const numericValueError = (k: ResolvedKey<RunEntityType>, found: string): string =>
  k.type === 'metric'
    ? `Expected numeric value type for metric. Found ${found}`
    : `Expected numeric value type for numeric attribute: ${k.key}. Found ${found}`;

function stringValueError(k: ResolvedKey<RunEntityType>, found: string): string {
  if (k.type === 'attribute') return `Expected a quoted string value for attributes. Got value ${found}`;
  if (k.type === 'dataset') return `Expected a quoted string value for dataset attributes. Got value ${found}`;
  return `Expected a quoted string value for ${k.type} (e.g. 'my-value'). Got value ${found}`;
}

/** Lists MLflow itself accepts: run_id and the dataset keys. */
const mlflowAllowsList = (k: ResolvedKey<RunEntityType>): boolean =>
  k.type === 'dataset' || (k.type === 'attribute' && k.key === 'run_id');

export const runGrammar: EntityGrammar<RunEntityType> = {
  resolve: (raw, token) => resolveRunIdentifier(raw, token, false),

  checkComparator(k, op, token, dialect: Dialect) {
    const lists = dialect === 'orchard' ? LIST_COMPARATORS : [];
    if (k.type === 'attribute' || k.type === 'dataset') {
      const valid = k.valueKind === 'number' ? [...NUMERIC_COMPARATORS, ...lists] : STRING_LIST_COMPARATORS;
      return pickComparator(op, valid, token);
    }
    const base = k.type === 'metric' ? NUMERIC_COMPARATORS : STRING_COMPARATORS;
    return pickComparator(op, [...base, ...lists], token);
  },

  checkList(k, token, dialect) {
    if (dialect === 'orchard' || mlflowAllowsList(k)) return;
    if (k.type === 'attribute' && k.valueKind === 'string') {
      throw syntaxError("Only the 'run_id' attribute supports comparison with a list of quoted string values.", token);
    }
    const message = k.valueKind === 'number' ? numericValueError(k, token.text) : stringValueError(k, token.text);
    throw syntaxError(message, token);
  },

  // MLflow drops run ids / dataset values that are not all lower-case (its MySQL IN is
  // case-insensitive and real run ids are lower-case hex), so `run_id IN ('ABC')` matches nothing.
  normalizeList: (k, items) => (mlflowAllowsList(k) ? items.filter(pyIsLower) : items),

  checkNull(k, token, dialect) {
    if (k.type === 'parameter' || k.type === 'tag') return;
    if (k.type === 'metric' && dialect === 'orchard') return;
    throw syntaxError(
      `IS NULL / IS NOT NULL is only supported for tags and params, not for '${k.type}' '${k.key}'`,
      token,
    );
  },

  numericValueError,
  stringValueError,
};
