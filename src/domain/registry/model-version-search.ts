// search_model_versions: filter and order_by after MLflow's SearchModelVersionUtils
// (mlflow/utils/search_utils.py) and SqlAlchemyStore.search_model_versions /
// _get_search_model_versions_filter_clauses / _parse_search_model_versions_order_by.
// Filters: name, version_number (numeric), run_id (the one key MLflow lets take IN (...)),
// source_path (the source URI) and tags.<key>; the orchard dialect adds current_stage,
// creation_timestamp and last_updated_timestamp. order_by: name, version_number,
// creation_timestamp, last_updated_timestamp, each once; default `last_updated_timestamp DESC,
// name ASC, version_number DESC`, and `name ASC`, `version_number DESC` always break ties.
import { MlflowError } from '../errors';
import type { ParseOptions } from '../search/ast';
import { compilePredicate, type Getter } from '../search/evaluate';
import { resolveExperimentIdentifier } from '../search/experiment-grammar';
import { pyList, pySet } from '../search/identifier';
import { compareSortValues, parseOrderClause, type SortValue } from '../search/order-by';
import { parseFilter } from '../search/parser';
import { syntaxError } from '../search/tokenizer';
import type { ModelVersion } from './entities';
import { isPrompt, queriesPrompts, tagGetter, type RegistryFilter } from './registered-model-search';
import { registryGrammar, type RegistryEntityType, type RegistryGrammarSpec } from './registry-grammar';

/** What a model-version filter or order_by reads (stored rows hold the version as a number). */
export type SearchableVersion = Pick<ModelVersion, 'name' | 'runId' | 'source' | 'currentStage' | 'creationTimestamp' | 'lastUpdatedTimestamp' | 'tags'> & {
  version: string | number;
};

const NUMERIC_ATTRIBUTES = ['version_number', 'creation_timestamp', 'last_updated_timestamp'];

const SPEC: RegistryGrammarSpec = {
  mlflowAttributes: new Set(['name', 'version_number', 'run_id', 'source_path']),
  orchardAttributes: new Set(['name', 'version_number', 'run_id', 'source_path', 'current_stage', 'creation_timestamp', 'last_updated_timestamp']),
  numeric: new Set(NUMERIC_ATTRIBUTES),
  numberForStringAttribute: () => `Only the '${pySet(NUMERIC_ATTRIBUTES)}' attributes support comparison with numeric values.`,
};

export function parseModelVersionFilter(filter?: string | null, options: ParseOptions = {}): RegistryFilter {
  return parseFilter(filter, registryGrammar(SPEC, options.dialect ?? 'orchard'), options);
}

const ATTRIBUTES: Readonly<Record<string, (v: SearchableVersion) => string | number>> = {
  name: (v) => v.name,
  version_number: (v) => Number(v.version),
  run_id: (v) => v.runId,
  source_path: (v) => v.source,
  current_stage: (v) => v.currentStage,
  creation_timestamp: (v) => v.creationTimestamp,
  last_updated_timestamp: (v) => v.lastUpdatedTimestamp,
};

function versionGetter(type: RegistryEntityType, key: string): Getter<SearchableVersion> {
  if (type === 'tag') return tagGetter((v: SearchableVersion) => v.tags, key);
  const get = Object.hasOwn(ATTRIBUTES, key) ? ATTRIBUTES[key] : undefined;
  return { kind: 'one', get: get ?? (() => undefined) };
}

/** A predicate over (live) model versions; prompt versions match only when asked for. */
export function compileModelVersionFilter(filter: RegistryFilter): (v: SearchableVersion) => boolean {
  const matches = compilePredicate(filter, versionGetter);
  if (queriesPrompts(filter)) return matches;
  return (v) => !isPrompt(v.tags) && matches(v);
}

export interface ModelVersionOrderKey {
  key: 'name' | 'version_number' | 'creation_timestamp' | 'last_updated_timestamp';
  ascending: boolean;
}

const ORDER_KEYS: ReadonlySet<string> = new Set(['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp']);
const DEFAULT_ORDER = ['last_updated_timestamp DESC', 'name ASC', 'version_number DESC'];
const isOrderKey = (k: string): k is ModelVersionOrderKey['key'] => ORDER_KEYS.has(k);

export function parseModelVersionOrderBy(orderBy?: readonly string[]): ModelVersionOrderKey[] {
  const clauses = orderBy && orderBy.length > 0 ? orderBy : DEFAULT_ORDER;
  const out: ModelVersionOrderKey[] = [];
  for (const clause of clauses) {
    const { identifier, ascending } = parseOrderClause(clause);
    const resolved = resolveExperimentIdentifier(identifier.text, identifier, ORDER_KEYS);
    if (resolved.type !== 'attribute' || !isOrderKey(resolved.key)) throw syntaxError(`Invalid order_by entity: ${resolved.type}`, identifier);
    // MLflow raises this one without an error code.
    if (out.some((k) => k.key === resolved.key)) throw new MlflowError(`\`order_by\` contains duplicate fields: ${pyList(clauses)}`, 'INTERNAL_ERROR');
    out.push({ key: resolved.key, ascending });
  }
  if (!out.some((k) => k.key === 'name')) out.push({ key: 'name', ascending: true });
  if (!out.some((k) => k.key === 'version_number')) out.push({ key: 'version_number', ascending: false });
  return out;
}

function sortValue(v: SearchableVersion, key: ModelVersionOrderKey['key']): SortValue {
  switch (key) {
    case 'name': return v.name;
    case 'version_number': return Number(v.version);
    case 'creation_timestamp': return v.creationTimestamp;
    case 'last_updated_timestamp': return v.lastUpdatedTimestamp;
  }
}

export function compareModelVersionsBy(keys: readonly ModelVersionOrderKey[]): (a: SearchableVersion, b: SearchableVersion) => number {
  return (a, b) => {
    for (const { key, ascending } of keys) {
      const d = compareSortValues(sortValue(a, key), sortValue(b, key), ascending);
      if (d !== 0) return d;
    }
    return 0;
  };
}
