// Matching runs: the SQL store's search cases (tests/store/tracking/test_sqlalchemy_store.py
// test_search_params / _tags / _metrics / _attrs / _full / _runs_run_name / _run_id / _datasets),
// ported as data. Run.data.metrics holds each metric's latest value, as MLflow compares.
import { describe, expect, test } from 'vitest';
import type { Run } from '../../../src/domain/entities';
import { compileRunFilter, parseRunFilter } from '../../../src/domain/search';
import { run } from './fixtures';

const ids = (runs: Run[], filter: string): string[] => {
  const match = compileRunFilter(parseRunFilter(filter));
  return runs.filter(match).map((r) => r.info.runId);
};

describe('SQL store search cases', () => {
  const r1 = run({
    id: 'r1',
    status: 'RUNNING',
    artifactUri: 'file:///mlruns/1/0123456789abcdef0123456789abcdef/artifacts',
    params: { generic_param: 'p_val', generic_2: 'some value', p_a: 'abc' },
    tags: { generic_tag: 'p_val', generic_2: 'some value', p_a: 'abc' },
    // measure_a logged once; m_a once. Run.data.metrics holds the latest value of each.
    metrics: { common: 1, measure_a: 1, m_a: 2 },
  });
  const r2 = run({
    id: 'r2',
    status: 'FAILED',
    artifactUri: 'file:///mlruns/2/fedcba9876543210fedcba9876543210/artifacts',
    params: { generic_param: 'p_val', generic_2: 'another value', p_b: 'ABC' },
    tags: { generic_tag: 'p_val', generic_2: 'another value', p_b: 'ABC' },
    // measure_a: 200 then 400 (latest); m_b: 3 @ts2, 8 @ts3, 4 @ts8 -> latest is 4
    metrics: { common: 1, measure_a: 400, m_b: 4 },
  });
  const runs = [r1, r2];
  const CASES: Array<[string, string[]]> = [
    // test_search_params
    ["params.generic_param = 'p_val'", ['r1', 'r2']],
    ["params.generic_2 = 'some value'", ['r1']],
    ["params.generic_2 = 'another value'", ['r2']],
    ["params.generic_param = 'wrong_val'", []],
    ["params.generic_param != 'p_val'", []],
    ["params.generic_param != 'wrong_val'", ['r1', 'r2']],
    ["params.generic_2 != 'wrong_val'", ['r1', 'r2']],
    ["params.p_a = 'abc'", ['r1']],
    ["params.p_a = 'ABC'", []],
    ["params.p_a != 'ABC'", ['r1']],
    ["params.p_b = 'ABC'", ['r2']],
    ["params.generic_2 LIKE '%other%'", ['r2']],
    ["params.generic_2 LIKE 'other%'", []],
    ["params.generic_2 LIKE '%other'", []],
    ["params.generic_2 LIKE 'other'", []],
    ["params.generic_2 LIKE '%Other%'", []],
    ["params.generic_2 ILIKE '%Other%'", ['r2']],
    // test_search_tags
    ["tags.generic_tag = 'p_val'", ['r1', 'r2']],
    ["tags.generic_tag = 'P_VAL'", []],
    ["tags.generic_tag != 'P_VAL'", ['r1', 'r2']],
    ["tags.generic_2 = 'some value'", ['r1']],
    ["tags.generic_tag != 'p_val'", []],
    ["tags.p_a = 'abc'", ['r1']],
    ["tags.p_b = 'ABC'", ['r2']],
    ["tags.generic_2 LIKE '%other%'", ['r2']],
    ["tags.generic_2 LIKE '%Other%'", []],
    ["tags.generic_2 ILIKE '%Other%'", ['r2']],
    ["tags.generic_2 ILIKE '%Other%' and tags.generic_tag = 'p_val'", ['r2']],
    ["tags.generic_2 ILIKE '%Other%' and tags.generic_tag ILIKE 'p_val'", ['r2']],
    // test_search_metrics
    ['metrics.common = 1.0', ['r1', 'r2']],
    ['metrics.common > 0.0', ['r1', 'r2']],
    ['metrics.common >= 0.0', ['r1', 'r2']],
    ['metrics.common < 4.0', ['r1', 'r2']],
    ['metrics.common <= 4.0', ['r1', 'r2']],
    ['metrics.common != 1.0', []],
    ['metrics.common >= 3.0', []],
    ['metrics.common <= 0.75', []],
    ['metrics.measure_a > 0.0', ['r1', 'r2']],
    ['metrics.measure_a < 50.0', ['r1']],
    ['metrics.measure_a < 1000.0', ['r1', 'r2']],
    ['metrics.measure_a != -12.0', ['r1', 'r2']],
    ['metrics.measure_a > 50.0', ['r2']],
    ['metrics.measure_a = 1.0', ['r1']],
    ['metrics.measure_a = 400.0', ['r2']],
    ['metrics.m_a > 1.0', ['r1']],
    ['metrics.m_b > 1.0', ['r2']],
    ['metrics.m_b > 5.0', []],
    ['metrics.m_b = 4.0', ['r2']],
    // test_search_attrs
    ["attribute.status != 'blah'", ['r1', 'r2']],
    ["attribute.status = 'RUNNING'", ['r1']],
    ["attribute.status = 'FAILED'", ['r2']],
    ["attribute.status != 'SCHEDULED'", ['r1', 'r2']],
    ["attribute.status = 'KILLED'", []],
    ["attribute.status = 'running'", []],
    [`attr.artifact_uri = '${r1.info.artifactUri}'`, ['r1']],
    [`attr.artifact_uri = '${r1.info.artifactUri.toUpperCase()}'`, []],
    [`attr.artifact_uri != '${r1.info.artifactUri.toUpperCase()}'`, ['r1', 'r2']],
    ["attribute.artifact_uri = 'random_artifact_path'", []],
    ["attribute.artifact_uri LIKE '%0123456789abcdef0123456789abcdef%'", ['r1']],
    ["attribute.artifact_uri LIKE '%0123456789ABCDEF%'", []],
    ["attribute.artifact_uri ILIKE '%0123456789ABCDEF%'", ['r1']],
    // test_search_full
    ["params.generic_param = 'p_val' and metrics.common = 1.0", ['r1', 'r2']],
    ["params.generic_param = 'p_val' and metrics.common = 1.0 and metrics.m_a > 1.0", ['r1']],
    ["params.generic_param = 'p_val' and metrics.common = 1.0 and metrics.m_a > 1.0 and params.p_a LIKE 'a%'", ['r1']],
    ["params.generic_param = 'p_val' and metrics.common = 1.0 and metrics.m_a > 1.0 and params.p_a LIKE 'A%'", []],
    ["params.generic_param = 'p_val' and metrics.common = 1.0 and metrics.m_a > 1.0 and params.p_a ILIKE 'A%'", ['r1']],
    ["params.random_bad_name = 'p_val' and metrics.common = 1.0 and metrics.m_a > 1.0", []],
    ["params.generic_param = 'p_val' and metrics.common = 1.0 and metrics.m_a > 100.0", []],
  ];
  test.each(CASES)('%s', (filter, expected) => expect(ids(runs, filter)).toEqual(expected));

  test('run name, its aliases and the mlflow.runName tag', () => {
    const named = [
      run({ id: 'a', name: 'run_name1', tags: { 'mlflow.runName': 'run_name1' } }),
      run({ id: 'b', name: 'run_name2', tags: { 'mlflow.runName': 'run_name2' } }),
    ];
    expect(ids(named, "attributes.run_name = 'run_name1'")).toEqual(['a']);
    expect(ids(named, "attributes.`Run name` = 'run_name1'")).toEqual(['a']);
    expect(ids(named, "attributes.`run name` = 'run_name2'")).toEqual(['b']);
    expect(ids(named, "attributes.`Run Name` = 'run_name2'")).toEqual(['b']);
    expect(ids(named, "tags.`mlflow.runName` = 'run_name2'")).toEqual(['b']);
  });

  test('run_id =, !=, IN and NOT IN; upper-case ids in a list never match', () => {
    const id1 = 'aaaa1111bbbb2222cccc3333dddd4444';
    const id2 = 'eeee5555ffff6666aaaa7777bbbb8888';
    const two = [run({ id: id1, start: 1, name: 'name' }), run({ id: id2, start: 2, name: 'name' })];
    expect(ids(two, `attributes.run_id = '${id1}'`)).toEqual([id1]);
    expect(ids(two, `attributes.run_id != '${id1}'`)).toEqual([id2]);
    expect(ids(two, `attributes.run_id IN ('${id1}')`)).toEqual([id1]);
    expect(ids(two, `attributes.run_id NOT IN ('${id1}')`)).toEqual([id2]);
    expect(ids(two, `run_name = 'name' AND run_id IN ('${id1}')`)).toEqual([id1]);
    for (const f of [`('${id1}','${id2}')`, `('${id1}', '${id2}')`, `('${id1}',  '${id2}')`]) {
      expect(ids(two, `attributes.run_id IN ${f}`)).toEqual([id1, id2]);
    }
    expect(ids(two, `attributes.run_id NOT IN ('${id1}', '${id2}')`)).toEqual([]);
    expect(ids(two, `attributes.run_id IN ('${id1.toUpperCase()}')`)).toEqual([]);
    expect(ids(two, `attributes.run_id NOT IN ('${id1.toUpperCase()}')`)).toEqual([id1, id2]);
  });

  test('created / Created are start_time', () => {
    const two = [run({ id: 'a', start: 1 }), run({ id: 'b', start: 2 })];
    expect(ids(two, 'attributes.start_time > 0')).toEqual(['a', 'b']);
    expect(ids(two, 'attributes.created > 1')).toEqual(['b']);
    expect(ids(two, 'attributes.Created > 2')).toEqual([]);
  });

  test('datasets: any input may satisfy each clause', () => {
    const three = [
      run({ id: 'run1', datasets: [['name1', 'digest1', 'train'], ['name2', 'digest2', 'eval']] }),
      run({ id: 'run2', datasets: [['name1', 'digest1', 'train'], ['name3', 'digest3', 'eval']] }),
      run({ id: 'run3', datasets: [['name2', 'digest2', 'test']] }),
    ];
    const DATASET_CASES: Array<[string, string[]]> = [
      ["dataset.name = 'name1'", ['run1', 'run2']],
      ["dataset.digest = 'digest2'", ['run1', 'run3']],
      ["dataset.name = 'name4'", []],
      ["dataset.context = 'train'", ['run1', 'run2']],
      ["dataset.context = 'test'", ['run3']],
      ["dataset.context = 'test' and dataset.name = 'name2'", ['run3']],
      ["dataset.name = 'name2' and dataset.context = 'test'", ['run3']],
      ["datasets.name IN ('name1', 'name2')", ['run1', 'run2', 'run3']],
      ["datasets.digest IN ('digest1', 'digest2')", ['run1', 'run2', 'run3']],
      ["datasets.name LIKE 'Name%'", []],
      ["datasets.name ILIKE 'Name%'", ['run1', 'run2', 'run3']],
      ["datasets.context ILIKE 'test%'", ['run3']],
      ["datasets.context IN ('test', 'train')", ['run1', 'run2', 'run3']],
      // "any input": run1 has an input whose name is not name1
      ["datasets.name != 'name1'", ['run1', 'run2', 'run3']],
      ["datasets.name NOT IN ('name1')", ['run1', 'run2', 'run3']],
      ["datasets.name NOT IN ('name1', 'name2', 'name3')", []],
      // MLflow drops list values that are not all lower-case, here too
      ["datasets.name IN ('NAME1')", []],
    ];
    for (const [filter, expected] of DATASET_CASES) expect(ids(three, filter), filter).toEqual(expected);
    // An input without a context tag takes no part in context clauses.
    expect(ids([run({ id: 'x', datasets: [['n', 'd']] })], "datasets.context != 'train'")).toEqual([]);
  });
});
