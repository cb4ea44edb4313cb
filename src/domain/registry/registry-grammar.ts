// The filter grammar shared by search_registered_models and search_model_versions, after MLflow's
// SearchModelUtils / SearchModelVersionUtils (_get_model_search_identifier, _get_value) and the SQL
// store's comparator checks (_get_search_registered_model_filter_query,
// _get_search_model_versions_filter_clauses in mlflow/store/model_registry/sqlalchemy_store.py).
// Prefixes are exactly `attribute`, `tag`, `tags`; in MLflow an attribute key is checked before its
// quotes are removed, so attribute.`name` is refused there. The 'orchard' dialect adds OR / NOT /
// parentheses (the shared parser), IN / NOT IN on every key, IS [NOT] NULL on tags, quoted
// attribute keys and a few more attributes (each grammar lists them).
import type { Comparator, Dialect, EntityGrammar, ResolvedKey } from '../search/ast';
import { NUMERIC_COMPARATORS, pyIsLower } from '../search/grammar-helpers';
import { pySet, stripQuotes, trimBackticks } from '../search/identifier';
import { INVALID_CLAUSE } from '../search/token-stream';
import { syntaxError, type Token } from '../search/tokenizer';

export type RegistryEntityType = 'attribute' | 'tag';

export interface RegistryGrammarSpec {
  /** attribute keys MLflow accepts in filters */
  mlflowAttributes: ReadonlySet<string>;
  /** attribute keys the orchard dialect accepts (a superset) */
  orchardAttributes: ReadonlySet<string>;
  /** numeric attribute keys */
  numeric: ReadonlySet<string>;
  /** MLflow's complaint when a number is compared with a string attribute */
  numberForStringAttribute?: (found: string) => string;
}

const PREFIXES = "('attribute', 'tag', 'tags')";
const STRING_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const LISTS: readonly Comparator[] = ['IN', 'NOT IN'];
const ONLY_RUN_ID_LISTS = "Only the 'run_id' attribute supports comparison with a list of quoted string values.";

const tagValueError = (found: string): string => `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${found}`;

function pick(op: string, allowed: readonly Comparator[], message: string, token: Token): Comparator {
  const upper = op.toUpperCase();
  const found = allowed.find((c) => c === upper);
  if (found === undefined) throw syntaxError(`${message}: ${upper}`, token);
  return found;
}

/** A registry filter grammar for one dialect. */
export function registryGrammar(spec: RegistryGrammarSpec, dialect: Dialect): EntityGrammar<RegistryEntityType> {
  const attributes = dialect === 'mlflow' ? spec.mlflowAttributes : spec.orchardAttributes;
  const isRunId = (k: ResolvedKey<RegistryEntityType>): boolean => k.type === 'attribute' && k.key === 'run_id';
  return {
    resolve(raw, token) {
      const dot = raw.indexOf('.');
      const prefix = dot < 0 ? undefined : raw.slice(0, dot);
      const rawKey = dot < 0 ? raw : raw.slice(dot + 1);
      if (prefix !== undefined && prefix !== 'attribute' && prefix !== 'tag' && prefix !== 'tags') {
        throw syntaxError(`Invalid entity type '${prefix}'. Valid entity types are ${PREFIXES}`, token);
      }
      const type: RegistryEntityType = prefix === 'tag' || prefix === 'tags' ? 'tag' : 'attribute';
      const key = trimBackticks(stripQuotes(rawKey));
      const checked = dialect === 'mlflow' ? rawKey : key;
      if (type === 'attribute' && !attributes.has(checked)) {
        throw syntaxError(`Invalid attribute key '${checked}' specified. Valid keys are '${pySet(attributes)}'`, token);
      }
      return { type, key, valueKind: type === 'attribute' && spec.numeric.has(key) ? 'number' : 'string' };
    },

    checkComparator(k, op, token) {
      const lists = dialect === 'orchard' ? LISTS : [];
      if (k.type === 'tag') return pick(op, [...STRING_COMPARATORS, ...lists], 'Invalid comparator for tag', token);
      if (k.valueKind === 'number') return pick(op, [...NUMERIC_COMPARATORS, ...lists], `Invalid comparator for attribute ${k.key}`, token);
      const extra = dialect === 'orchard' ? LISTS : isRunId(k) ? (['IN'] as const) : [];
      return pick(op, [...STRING_COMPARATORS, ...extra], 'Invalid comparator for attribute', token);
    },

    checkList(k, token) {
      if (dialect === 'orchard' || isRunId(k)) return;
      throw syntaxError(k.type === 'tag' ? tagValueError(token.text) : ONLY_RUN_ID_LISTS, token);
    },

    // MLflow drops run ids that are not all lower-case (real ones are lower-case hex).
    normalizeList: (k, items) => (isRunId(k) ? items.filter(pyIsLower) : items),

    checkNull(k, token) {
      if (dialect === 'mlflow') throw syntaxError(`${INVALID_CLAUSE}: '${token.text}'`, token);
      if (k.type === 'tag') return;
      throw syntaxError(`IS NULL / IS NOT NULL is only supported for tags, not for attribute '${k.key}'`, token);
    },

    numericValueError: (k, found) => `Expected numeric value type for numeric attribute: ${k.key}. Found ${found}`,

    stringValueError(k, found) {
      if (k.type === 'tag') return tagValueError(found);
      if (found.startsWith('(')) return ONLY_RUN_ID_LISTS;
      if (spec.numberForStringAttribute && /^[-.\d]/.test(found)) return spec.numberForStringAttribute(found);
      return `Expected a quoted string value or a list of quoted string values for attributes. Got value ${found}`;
    },
  };
}
