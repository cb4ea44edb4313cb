// search_registered_models: filter, prompt exclusion and order_by after MLflow's SQL store
// (SqlAlchemyStore.search_registered_models, _get_search_registered_model_filter_query,
// _update_query_to_exclude_prompts, _is_querying_prompt, _parse_search_registered_models_order_by)
// and SearchUtils.parse_order_by_for_search_registered_models. Filters: `name` and `tags.<key>`
// (the orchard dialect adds OR / NOT / parentheses / IN / IS NULL on tags). order_by: `name`,
// `timestamp` or `last_updated_timestamp` (orchard: also creation_timestamp, as the file store),
// each once; `name ASC` breaks ties.
import { MlflowError, invalidParameter } from '../errors';
import type { FilterNode, ParseOptions } from '../search/ast';
import { compilePredicate, type Getter } from '../search/evaluate';
import { pyList, pySet, stripQuotes, trimBackticks } from '../search/identifier';
import { compareSortValues, parseOrderClause, type SortValue } from '../search/order-by';
import { parseFilter } from '../search/parser';
import type { RegisteredModel } from './entities';
import { registryGrammar, type RegistryEntityType, type RegistryGrammarSpec } from './registry-grammar';

export type RegistryFilter = FilterNode<RegistryEntityType>;

/** What a registered-model filter or order_by reads (stored rows and entities both have it). */
export type SearchableModel = Pick<RegisteredModel, 'name' | 'tags' | 'creationTimestamp' | 'lastUpdatedTimestamp'>;

/** Prompts live in MLflow's registry too, marked with this tag; searches leave them out. */
export const IS_PROMPT_TAG = 'mlflow.prompt.is_prompt';

const SPEC: RegistryGrammarSpec = {
  mlflowAttributes: new Set(['name']),
  // Filters stay on MLflow's keys (the REST API answers with them); order_by covers the timestamps.
  orchardAttributes: new Set(['name']),
  numeric: new Set(),
};

export function parseRegisteredModelFilter(filter?: string | null, options: ParseOptions = {}): RegistryFilter {
  return parseFilter(filter, registryGrammar(SPEC, options.dialect ?? 'orchard'), options);
}

/** True when a filter asks for prompts: tags.`mlflow.prompt.is_prompt` = 'true' (or != 'false'). */
export function queriesPrompts(filter: RegistryFilter): boolean {
  switch (filter.kind) {
    case 'compare': {
      if (filter.type !== 'tag' || filter.key !== IS_PROMPT_TAG || typeof filter.value !== 'string') return false;
      const v = filter.value.toLowerCase();
      return (filter.comparator === '=' && v === 'true') || (filter.comparator === '!=' && v === 'false');
    }
    case 'not':
      return queriesPrompts(filter.child);
    default:
      return filter.children.some(queriesPrompts);
  }
}

export const isPrompt = (tags: Record<string, string>): boolean => Object.hasOwn(tags, IS_PROMPT_TAG) && tags[IS_PROMPT_TAG] === 'true';

/** A tag getter where a model without the prompt tag reads as is_prompt = 'false' (as MLflow). */
export function tagGetter<E>(tagsOf: (e: E) => Record<string, string>, key: string): Getter<E> {
  if (key === IS_PROMPT_TAG) return { kind: 'one', get: (e) => (Object.hasOwn(tagsOf(e), key) ? tagsOf(e)[key] : 'false') };
  return { kind: 'one', get: (e) => (Object.hasOwn(tagsOf(e), key) ? tagsOf(e)[key] : undefined) };
}

function modelGetter(type: RegistryEntityType, key: string): Getter<SearchableModel> {
  if (type === 'tag') return tagGetter((m: SearchableModel) => m.tags, key);
  return { kind: 'one', get: (m) => m.name };
}

/** A predicate over registered models; prompts match only when the filter asks for them. */
export function compileRegisteredModelFilter(filter: RegistryFilter): (m: SearchableModel) => boolean {
  const matches = compilePredicate(filter, modelGetter);
  if (queriesPrompts(filter)) return matches;
  return (m) => !isPrompt(m.tags) && matches(m);
}

export interface RegisteredModelOrderKey {
  key: 'name' | 'last_updated_timestamp' | 'creation_timestamp';
  ascending: boolean;
}

const ORDER_KEYS: Readonly<Record<string, RegisteredModelOrderKey['key']>> = {
  name: 'name',
  timestamp: 'last_updated_timestamp',
  last_updated_timestamp: 'last_updated_timestamp',
};

export function parseRegisteredModelOrderBy(orderBy: readonly string[] | undefined, options: ParseOptions = {}): RegisteredModelOrderKey[] {
  const keys = options.dialect === 'mlflow' ? ORDER_KEYS : { ...ORDER_KEYS, creation_timestamp: 'creation_timestamp' as const };
  const out: RegisteredModelOrderKey[] = [];
  for (const clause of orderBy ?? []) {
    const { identifier, ascending } = parseOrderClause(clause);
    const token = trimBackticks(stripQuotes(identifier.text));
    const key = Object.hasOwn(keys, token) ? keys[token] : undefined;
    if (key === undefined) {
      throw invalidParameter(`Invalid order by key '${token}' specified. Valid keys are '${pySet(['name', 'timestamp'])}'`, {
        token: identifier.text,
        start: identifier.start,
        end: identifier.end,
      });
    }
    // MLflow raises this one without an error code.
    if (out.some((k) => k.key === key)) throw new MlflowError(`\`order_by\` contains duplicate fields: ${pyList(orderBy ?? [])}`, 'INTERNAL_ERROR');
    out.push({ key, ascending });
  }
  if (!out.some((k) => k.key === 'name')) out.push({ key: 'name', ascending: true });
  return out;
}

function sortValue(m: SearchableModel, key: RegisteredModelOrderKey['key']): SortValue {
  if (key === 'name') return m.name;
  return key === 'creation_timestamp' ? m.creationTimestamp : m.lastUpdatedTimestamp;
}

export function compareRegisteredModelsBy(keys: readonly RegisteredModelOrderKey[]): (a: SearchableModel, b: SearchableModel) => number {
  return (a, b) => {
    for (const { key, ascending } of keys) {
      const d = compareSortValues(sortValue(a, key), sortValue(b, key), ascending);
      if (d !== 0) return d;
    }
    return 0;
  };
}
