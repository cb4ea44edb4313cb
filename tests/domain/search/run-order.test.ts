// order_by for search_runs: SearchUtils.sort cases (tests/utils/test_search_utils.py
// test_correct_sorting, test_order_by_metric_with_nans_infs_nones), the SQL store's ordering tests
// (test_order_by_metric_tag_param, test_order_by_attributes) and order_by parse errors.
import { describe, expect, test } from 'vitest';
import type { Run } from '../../../src/domain/entities';
import { compareRunsBy, parseRunOrderBy } from '../../../src/domain/search';
import { expectInvalid, run } from './fixtures';

const sortIds = (runs: Run[], orderBy: string[] | undefined): string[] =>
  [...runs].sort(compareRunsBy(parseRunOrderBy(orderBy))).map((r) => r.info.runId);

describe('SearchUtils.sort cases', () => {
  const runs = [
    run({ id: '9', status: 'FAILED', start: 0, metrics: { key1: 121 }, params: { my_param: 'A' } }),
    run({ id: '8', status: 'FINISHED', start: 1, metrics: { key1: 123 }, params: { my_param: 'A' }, tags: { tag1: 'C' } }),
    run({ id: '7', status: 'FAILED', start: 1, metrics: { key1: 125 }, params: { my_param: 'B' }, tags: { tag1: 'D' } }),
  ];
  const CASES: Array<[string[] | undefined, number[]]> = [
    [undefined, [2, 1, 0]],
    [[], [2, 1, 0]],
    [['tags.noSuchTag'], [2, 1, 0]],
    [['attributes.status'], [2, 0, 1]],
    [['attributes.start_time'], [0, 2, 1]],
    [['metrics.key1 asc'], [0, 1, 2]],
    [['metrics."key1"  desc'], [2, 1, 0]],
    [['params.my_param'], [1, 0, 2]],
    [['params.my_param aSc', 'attributes.status  ASC'], [0, 1, 2]],
    [['params.my_param', 'attributes.status DESC'], [1, 0, 2]],
    [['params.my_param DESC', 'attributes.status   DESC'], [2, 1, 0]],
    [['params.`my_param` DESC', 'attributes.status DESC'], [2, 1, 0]],
    [['tags.tag1'], [1, 2, 0]],
    [['tags.tag1    DESC'], [2, 1, 0]],
  ];
  test.each(CASES)('%j', (orderBy, expected) => {
    expect(sortIds(runs, orderBy)).toEqual(expected.map((i) => runs[i]?.info.runId));
  });

  test('NaN after numbers, missing after NaN, in both directions', () => {
    const values = ['nan', 'inf', '-inf', '-1000', '0', '1000', 'None'];
    const rs = values.map((x) =>
      run({ id: x, metrics: x === 'None' ? {} : { x: x === 'inf' ? Infinity : x === '-inf' ? -Infinity : Number(x) } }),
    );
    expect(sortIds(rs, ['metrics.x asc'])).toEqual(['-inf', '-1000', '0', '1000', 'inf', 'nan', 'None']);
    expect(sortIds(rs, ['metrics.x desc'])).toEqual(['inf', '1000', '0', '-1000', '-inf', 'nan', 'None']);
  });
});

describe('SQL store ordering cases', () => {
  // test_order_by_metric_tag_param: run names "<x>/<y>" with metric x, metric y, tag and param "metric" = y.
  const pairs: Array<[string, string]> = [['None', '1'], ['nan', '2'], ['inf', '3'], ['-inf', '4'], ['-1000', '5'], ['0', '6'], ['0', '7'], ['1000', '8']];
  const num = (s: string): number => (s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s));
  const runs = pairs.map(([x, y], i) =>
    run({
      id: `${x}/${y}`,
      start: 123,
      metrics: x === 'None' ? {} : { x: num(x), y: num(y) },
      tags: { metric: y },
      params: { metric: y },
      name: String(i),
    }),
  );
  const asc = ['-inf/4', '-1000/5', '0/6', '0/7', '1000/8', 'inf/3', 'nan/2', 'None/1'];
  const ascDesc = ['-inf/4', '-1000/5', '0/7', '0/6', '1000/8', 'inf/3', 'nan/2', 'None/1'];
  test.each([
    [['metrics.x asc', 'metrics.y asc'], asc],
    [['metrics.x asc', 'tag.metric asc'], asc],
    [['metrics.x asc', 'metrics.y desc'], ascDesc],
    [['metrics.x asc', 'tag.metric desc'], ascDesc],
    [['metrics.x desc', 'metrics.y asc'], ['inf/3', '1000/8', '0/6', '0/7', '-1000/5', '-inf/4', 'nan/2', 'None/1']],
    [['metrics.x desc', 'param.metric desc'], ['inf/3', '1000/8', '0/7', '0/6', '-1000/5', '-inf/4', 'nan/2', 'None/1']],
  ])('%j', (orderBy, expected) => expect(sortIds(runs, orderBy)).toEqual(expected));

  test('end_time: null last both ways; priority of several keys', () => {
    const ends = [234, null, 456, -123, 789, 123];
    const rs = ends.map((end, i) => run({ id: String(end), start: 123 + i, end }));
    expect(sortIds(rs, ['attribute.end_time asc'])).toEqual(['-123', '123', '234', '456', '789', 'null']);
    expect(sortIds(rs, ['attribute.end_time desc'])).toEqual(['789', '456', '234', '123', '-123', 'null']);
    expect(sortIds(rs, ['attribute.start_time asc', 'attribute.end_time desc'])).toEqual(['234', 'null', '456', '-123', '789', '123']);
  });

  test('default order: start_time DESC then run_id ASC; ties on a key fall back to it', () => {
    const rs = [run({ id: 'b', start: 10 }), run({ id: 'a', start: 10 }), run({ id: 'c', start: 20 })];
    expect(sortIds(rs, [])).toEqual(['c', 'a', 'b']);
    expect(sortIds(rs, ['attributes.created ASC'])).toEqual(['a', 'b', 'c']);
    expect(sortIds(rs, ['attributes.Created DESC'])).toEqual(['c', 'a', 'b']);
    expect(sortIds(rs, ['params.none DESC'])).toEqual(['c', 'a', 'b']);
  });

  test('params and tags sort as strings by code point', () => {
    const rs = ['10', '9', 'Vision', 'nlp', '\u{1F600}', '\uFFFD'].map((v) => run({ id: v, params: { p: v } }));
    expect(sortIds(rs, ['params.p'])).toEqual(['10', '9', 'Vision', 'nlp', '\uFFFD', '\u{1F600}']);
  });
});

describe('parseRunOrderBy', () => {
  test('identifiers, aliases and directions', () => {
    expect(parseRunOrderBy(['metrics.`Mean Square Error`'])).toEqual([{ type: 'metric', key: 'Mean Square Error', ascending: true }]);
    expect(parseRunOrderBy(['metrics.`Mean Square Error` ASC'])).toEqual([{ type: 'metric', key: 'Mean Square Error', ascending: true }]);
    expect(parseRunOrderBy(['metrics.`Mean Square Error` DESC'])).toEqual([{ type: 'metric', key: 'Mean Square Error', ascending: false }]);
    expect(parseRunOrderBy(['created desc', 'tags.mlflow.source.type'])).toEqual([
      { type: 'attribute', key: 'start_time', ascending: false },
      { type: 'tag', key: 'mlflow.source.type', ascending: true },
    ]);
    expect(parseRunOrderBy(undefined)).toEqual([]);
  });

  const ERRORS: Array<[string, string]> = [
    ['m.acc', 'Invalid entity type'],
    ['acc', 'Invalid attribute key'],
    ['attri.x', 'Invalid entity type'],
    ['`metrics.A', 'Invalid order_by clause'],
    ['`metrics.A`', "Invalid entity type '`metrics'"],
    ['attribute.start', 'Invalid attribute key'],
    ['attribute.experiment_id', 'Invalid attribute key'],
    ['`run name`', "Invalid attribute key 'run name'"],
    ['metrics.A != 1', "Invalid order_by clause 'metrics.A != 1'. Could not be parsed."],
    ['params.my_param ', 'Invalid order_by clause'],
    [' params.my_param', 'Invalid order_by clause'],
    ['', 'Invalid order_by clause'],
    ['metrics.a b c', 'Invalid order_by clause'],
    ['metrics.a AND', 'Invalid order_by clause'],
    ['attribute.run_id ACS', "Invalid ordering key in order_by clause 'attribute.run_id ACS'."],
    ['attribute.run_id decs', 'Invalid ordering key'],
    ['datasets.name', "Invalid order_by entity type 'dataset'"],
  ];
  test.each(ERRORS)('%j is rejected', (clause, message) => {
    expectInvalid(() => parseRunOrderBy([clause]), message);
  });

  test('the same field twice is rejected (SQL store)', () => {
    const err = expectInvalid(() => parseRunOrderBy(['metrics.a', 'metrics.a DESC']), '`order_by` contains duplicate fields');
    expect(err.location).toEqual({ token: 'metrics.a DESC', start: 0, end: 14 });
    expectInvalid(() => parseRunOrderBy(['start_time', 'created']), 'duplicate fields');
  });

  test('a bad direction is located on the direction word', () => {
    const err = expectInvalid(() => parseRunOrderBy(['metrics.a sideways']), 'Invalid ordering key');
    expect(err.location).toEqual({ token: 'sideways', start: 10, end: 18 });
  });
});

describe('Orchard extension: min(...) / max(...) / last(...) on metrics', () => {
  const withRange = (id: string, latest: number, min: number, max: number) => ({
    ...run({ id, start: 1, metrics: { loss: latest } }),
    metricSummaries: { loss: { min, max } },
  });

  test('sorts by the history min or max; missing summaries sort last', () => {
    const a = withRange('a', 0.9, 0.1, 2);
    const b = withRange('b', 0.2, 0.15, 1);
    const c = run({ id: 'c', start: 1 });
    const by = (clause: string) => [a, b, c].sort(compareRunsBy(parseRunOrderBy([clause]))).map((r) => r.info.runId);
    expect(by('min(metrics.loss) ASC')).toEqual(['a', 'b', 'c']);
    expect(by('MAX(metrics.loss) DESC')).toEqual(['a', 'b', 'c']);
    expect(by('max(metrics.loss)')).toEqual(['b', 'a', 'c']);
    expect(by('last(metrics.loss) ASC')).toEqual(['b', 'a', 'c']);
    expect(parseRunOrderBy(['min(metrics.`val loss`) DESC'])).toEqual([{ type: 'metric', key: 'val loss', ascending: false, aggregate: 'min' }]);
  });

  test('only metrics take an aggregate; a metric may be sorted by min and by latest together', () => {
    expect(() => parseRunOrderBy(['min(params.lr)'])).toThrow(/metrics only/);
    expect(() => parseRunOrderBy(['min(metrics.loss) sideways'])).toThrow(/Invalid ordering key/);
    expect(parseRunOrderBy(['min(metrics.loss)', 'metrics.loss DESC'])).toHaveLength(2);
    expect(() => parseRunOrderBy(['min(metrics.loss)', 'min(metrics.loss) DESC'])).toThrow(/duplicate/);
  });
});
