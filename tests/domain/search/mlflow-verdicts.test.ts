// Differential check against MLflow. mlflow-verdicts.json holds ~1,500 generated filters with the
// verdict of MLflow's SearchUtils parse + comparator checks (mlflow/utils/search_utils.py,
// transcribed to a script and run on the real sqlparse from its repository, 0.6.x): either the
// clauses MLflow parses them to (converted to our AST) or null for "rejected". Every filter MLflow
// accepts must parse to exactly that, and every filter it rejects must be rejected. The corpus
// leaves out IS NULL clauses written right after another clause without AND: there MLflow's result
// depends on IS NULL handling whose source we did not have, only its tests.
// mlflow-matches.json holds, for the accepted ones, which of five runs MLflow's file store
// (SearchUtils.filter) returns; our compiled filters must return the same runs.
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { compileRunFilter, parseRunFilter, type RunFilter } from '../../../src/domain/search';
import { run, type RunSpec } from './fixtures';
import matches from './mlflow-matches.json';
import verdicts from './mlflow-verdicts.json';

type Row = [string, RunFilter | null] | [string, RunFilter | null, string];
const rows = verdicts as Row[];

const rejected = (filter: string, dialect: 'orchard' | 'mlflow'): boolean => {
  try {
    parseRunFilter(filter, { dialect });
    return false;
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    return true;
  }
};

describe('agreement with MLflow on generated filters', () => {
  test('the corpus is non-trivial', () => {
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.filter((r) => r[1] !== null).length).toBeGreaterThan(400);
  });

  test('accepted filters parse to MLflow’s clauses, in both dialects', () => {
    for (const [filter, expected, deviation] of rows) {
      if (expected === null || deviation !== undefined) continue;
      expect(parseRunFilter(filter, { dialect: 'mlflow' }), filter).toEqual(expected);
      expect(parseRunFilter(filter), filter).toEqual(expected);
    }
  });

  test('rejected filters are rejected by the mlflow dialect', () => {
    for (const [filter, expected] of rows) {
      if (expected === null) expect(rejected(filter, 'mlflow'), filter).toBe(true);
    }
  });

  test('known deviation: a list after = / != is refused (MLflow accepts it, and it matches nothing useful)', () => {
    const deviations = rows.filter((r) => r[2] === 'list-with-scalar-comparator');
    expect(deviations.length).toBeGreaterThan(0);
    for (const [filter] of deviations) expect(rejected(filter, 'mlflow'), filter).toBe(true);
  });
});

describe('agreement with MLflow on which runs match', () => {
  type Spec = Omit<RunSpec, 'metrics' | 'datasets'> & { metrics: Record<string, number | string>; datasets: string[][] };
  const runs = (matches.runs as Spec[]).map((s) =>
    run({
      ...s,
      // JSON has no NaN; the fixture spells it "NaN".
      metrics: Object.fromEntries(Object.entries(s.metrics).map(([k, v]) => [k, v === 'NaN' ? Number.NaN : Number(v)])),
      datasets: s.datasets.map(([n = '', d = '', c]) => (c === undefined ? [n, d] : [n, d, c])),
    }),
  );
  const cases = matches.cases as Array<[string, string[]]>;

  test('the fixture exercises both matches and misses', () => {
    expect(cases.length).toBeGreaterThan(300);
    expect(cases.filter(([, ids]) => ids.length > 0).length).toBeGreaterThan(100);
  });

  test('each accepted filter selects the runs MLflow selects', () => {
    for (const [filter, expected] of cases) {
      const match = compileRunFilter(parseRunFilter(filter));
      expect(runs.filter(match).map((r) => r.info.runId), filter).toEqual(expected);
    }
  });
});
