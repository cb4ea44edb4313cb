// Public surface of Orchard's MLflow search grammar (mlflow/utils/search_utils.py): run and
// experiment filters, order_by and page tokens. Pure: no storage, DOM or UI imports.

export type {
  Comparator,
  ComparisonNode,
  Dialect,
  EntityGrammar,
  FilterNode,
  FilterValue,
  ParseOptions,
  ResolvedKey,
} from './ast';
export { parseFilter } from './parser';
export { printFilter, printKey, printString } from './print';
export { compilePredicate, type Getter, type GetterFactory } from './evaluate';
export { likeMatcher, likeToRegExp } from './like';
export { tokenize, type Token, type TokenKind } from './tokenizer';
export { runGrammar, type RunEntityType, type RunAttribute } from './run-grammar';
export {
  compileRunFilter,
  filterKeys,
  parseRunFilter,
  printRunFilter,
  DATASET_CONTEXT_TAG,
  type FilterKey,
  type RunComparison,
  type RunFilter,
} from './run-filter';
export { compareRunsBy, parseRunOrderBy, type RunOrderKey, type RunWithMetricRanges } from './run-order';
export { compareSortValues, compareCodePoints, parseOrderClause } from './order-by';
export { decodePageToken, encodePageToken } from './page-token';
export { experimentGrammar, type ExperimentEntityType } from './experiment-grammar';
export {
  compareExperimentsBy,
  compileExperimentFilter,
  parseExperimentFilter,
  parseExperimentOrderBy,
  printExperimentFilter,
  type ExperimentFilter,
  type ExperimentOrderKey,
} from './experiment-filter';
