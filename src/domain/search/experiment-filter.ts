// search_experiments: SearchExperimentsUtils.filter / sort (mlflow/utils/search_utils.py) and the
// SQL store's _get_search_experiments_order_by_clauses (sqlalchemy_store.py). An experiment
// lacking a filtered tag does not match. With no order_by the order is creation_time DESC,
// experiment_id ASC; with one, experiment_id DESC is appended unless it is already a key.

import type { Experiment } from '../entities';
import type { FilterNode, ParseOptions } from './ast';
import { compilePredicate, type Getter } from './evaluate';
import {
  EXPERIMENT_ORDER_KEYS,
  experimentGrammar,
  resolveExperimentIdentifier,
  type ExperimentEntityType,
} from './experiment-grammar';
import { compareCodePoints, compareSortValues, parseOrderClause, type SortValue } from './order-by';
import { parseFilter } from './parser';
import { printFilter, printKey } from './print';
import { syntaxError } from './tokenizer';

export type ExperimentFilter = FilterNode<ExperimentEntityType>;

export function parseExperimentFilter(filter?: string | null, options?: ParseOptions): ExperimentFilter {
  return parseFilter(filter, experimentGrammar, options);
}

export function printExperimentFilter(filter: ExperimentFilter): string {
  return printFilter(filter, (type, key) => `${type === 'tag' ? 'tags' : 'attribute'}.${printKey(key)}`);
}

function attributeValue(e: Experiment, key: string): string | number | undefined {
  switch (key) {
    case 'name': return e.name;
    case 'experiment_id': return e.experimentId;
    case 'creation_time': return e.creationTime;
    case 'last_update_time': return e.lastUpdateTime;
    default: return undefined;
  }
}

function experimentGetter(type: ExperimentEntityType, key: string): Getter<Experiment> {
  if (type === 'tag') {
    return { kind: 'one', get: (e) => (Object.hasOwn(e.tags, key) ? e.tags[key] : undefined) };
  }
  return { kind: 'one', get: (e) => attributeValue(e, key) };
}

export function compileExperimentFilter(filter: ExperimentFilter): (e: Experiment) => boolean {
  return compilePredicate(filter, experimentGetter);
}

export interface ExperimentOrderKey {
  /** name | experiment_id | creation_time | last_update_time */
  key: string;
  ascending: boolean;
}

export function parseExperimentOrderBy(orderBy?: string[]): ExperimentOrderKey[] {
  return (orderBy ?? []).map((clause) => {
    const { identifier, ascending } = parseOrderClause(clause);
    const resolved = resolveExperimentIdentifier(identifier.text, identifier, EXPERIMENT_ORDER_KEYS);
    if (resolved.type !== 'attribute') {
      throw syntaxError(`Invalid order_by entity: ${resolved.type}`, identifier);
    }
    return { key: resolved.key, ascending };
  });
}

const INTEGER = /^\d+$/;

/** Experiment ids are integers in the SQL store: compare numerically when both are. */
function compareIds(a: string, b: string, ascending: boolean): number {
  let d: number;
  if (INTEGER.test(a) && INTEGER.test(b)) d = a.length - b.length || compareCodePoints(a, b);
  else d = compareCodePoints(a, b);
  return ascending ? d : -d;
}

const sortValue = (e: Experiment, key: string): SortValue => attributeValue(e, key);

export function compareExperimentsBy(keys: ExperimentOrderKey[]): (a: Experiment, b: Experiment) => number {
  const order: ExperimentOrderKey[] =
    keys.length === 0
      ? [
          { key: 'creation_time', ascending: false },
          { key: 'experiment_id', ascending: true },
        ]
      : [...keys];
  if (!order.some((k) => k.key === 'experiment_id')) order.push({ key: 'experiment_id', ascending: false });
  const parts = order.map(({ key, ascending }) =>
    key === 'experiment_id'
      ? (a: Experiment, b: Experiment) => compareIds(a.experimentId, b.experimentId, ascending)
      : (a: Experiment, b: Experiment) => compareSortValues(sortValue(a, key), sortValue(b, key), ascending),
  );
  return (a, b) => {
    for (const part of parts) {
      const d = part(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
}
