// search_runs filters: parse (SearchUtils.parse_search_filter), match (SearchUtils.filter /
// _does_run_match_clause) and print, following mlflow/utils/search_utils.py. Attribute values are
// read from our camelCase Run (entities.ts); `run_name` is the run's name (MLflow's SQL store reads
// the `mlflow.runName` tag, which our store keeps equal to it).

import type { Dataset, Run } from '../entities';
import type { ComparisonNode, FilterNode, ParseOptions } from './ast';
import { compilePredicate, type Getter, type Scalar } from './evaluate';
import { parseFilter } from './parser';
import { printFilter, printKey } from './print';
import { runGrammar, type RunAttribute, type RunEntityType } from './run-grammar';

export type RunFilter = FilterNode<RunEntityType>;
export type RunComparison = ComparisonNode<RunEntityType>;

/** The input tag holding a dataset's role (train/eval/...), MLflow's MLFLOW_DATASET_CONTEXT. */
export const DATASET_CONTEXT_TAG = 'mlflow.data.context';

/**
 * Parses a search_runs filter. Empty / null / undefined means "match every run".
 * Throws MlflowError INVALID_PARAMETER_VALUE whose `location` points at the offending token.
 * The default 'orchard' dialect adds OR, NOT, parentheses, IN lists on any key and IS NULL on
 * metrics; `{dialect: 'mlflow'}` rejects those exactly as MLflow does.
 */
export function parseRunFilter(filter: string | undefined | null, options?: ParseOptions): RunFilter {
  return parseFilter(filter, runGrammar, options);
}

const PRINT_PREFIX: Readonly<Record<RunEntityType, string>> = {
  metric: 'metrics',
  parameter: 'params',
  tag: 'tags',
  attribute: 'attributes',
  dataset: 'datasets',
};

/** Prints a filter so that parseRunFilter(printRunFilter(f)) deep-equals f (for normalized f). */
export function printRunFilter(filter: RunFilter): string {
  return printFilter(filter, (type, key) => `${PRINT_PREFIX[type]}.${printKey(key)}`);
}

export interface FilterKey {
  type: RunEntityType;
  key: string;
}

/** Distinct keys a filter reads, in order of first appearance. */
export function filterKeys(filter: RunFilter): FilterKey[] {
  const seen = new Set<string>();
  const out: FilterKey[] = [];
  const visit = (node: RunFilter): void => {
    if (node.kind === 'compare') {
      const id = `${node.type}\u0000${node.key}`;
      if (!seen.has(id)) {
        seen.add(id);
        out.push({ type: node.type, key: node.key });
      }
    } else if (node.kind === 'not') {
      visit(node.child);
    } else {
      for (const child of node.children) visit(child);
    }
  };
  visit(filter);
  return out;
}

/** Own-property lookup so keys like `constructor` never hit Object.prototype. */
function own<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

const ATTRIBUTE_GETTERS: Readonly<Record<RunAttribute, (run: Run) => Scalar | undefined>> = {
  run_id: (r) => r.info.runId,
  run_name: (r) => r.info.runName,
  user_id: (r) => r.info.userId,
  status: (r) => r.info.status,
  artifact_uri: (r) => r.info.artifactUri,
  start_time: (r) => r.info.startTime,
  // A run that has not ended has no end_time and so matches no end_time clause.
  end_time: (r) => r.info.endTime ?? undefined,
};

const isRunAttribute = (key: string): key is RunAttribute => Object.hasOwn(ATTRIBUTE_GETTERS, key);

function datasetGetter(key: string): Getter<Run> {
  if (key === 'context') {
    // Only inputs carrying a context tag take part (MLflow iterates the tags, not the inputs).
    return {
      kind: 'any',
      some: (run, test) =>
        run.inputs.datasetInputs.some((input) =>
          input.tags.some((tag) => tag.key === DATASET_CONTEXT_TAG && test(tag.value)),
        ),
    };
  }
  const field: keyof Dataset = key === 'digest' ? 'digest' : 'name';
  // Any input may satisfy the clause; two dataset clauses may be satisfied by different inputs.
  return { kind: 'any', some: (run, test) => run.inputs.datasetInputs.some((input) => test(input.dataset[field])) };
}

function runGetter(type: RunEntityType, key: string): Getter<Run> {
  switch (type) {
    case 'metric':
      // data.metrics holds each metric's latest value, which is what MLflow compares against.
      return { kind: 'one', get: (r) => own(r.data.metrics, key) };
    case 'parameter':
      return { kind: 'one', get: (r) => own(r.data.params, key) };
    case 'tag':
      return { kind: 'one', get: (r) => own(r.data.tags, key) };
    case 'dataset':
      return datasetGetter(key);
    case 'attribute': {
      const get = isRunAttribute(key) ? ATTRIBUTE_GETTERS[key] : () => undefined;
      return { kind: 'one', get };
    }
  }
}

/** Compiles a parsed filter into a predicate over runs (build once, call per run). */
export function compileRunFilter(filter: RunFilter): (run: Run) => boolean {
  return compilePredicate(filter, runGetter);
}
