// Matching runs: MLflow's SearchUtils.filter cases (tests/utils/test_search_utils.py
// test_correct_filtering and friends) ported as data, the edge semantics (missing keys, NaN, LIKE),
// what Orchard adds (OR / NOT / lists) and a speed check over 10,000 runs.
import { describe, expect, test } from 'vitest';
import type { Run } from '../../../src/domain/entities';
import { compileRunFilter, parseRunFilter } from '../../../src/domain/search';
import { run } from './fixtures';

const ids = (runs: Run[], filter: string | null | undefined): string[] => {
  const match = compileRunFilter(parseRunFilter(filter));
  return runs.filter(match).map((r) => r.info.runId);
};

describe('SearchUtils.filter cases', () => {
  // test_correct_filtering: three runs with metrics, params, tags and dataset inputs.
  const runs = [
    run({ id: 'hi', status: 'FAILED', metrics: { key1: 121 }, params: { my_param: 'A' }, datasets: [['name1', 'digest1', 'train']] }),
    run({ id: 'hi2', status: 'FINISHED', metrics: { key1: 123 }, params: { my_param: 'A' }, tags: { tag1: 'C' }, datasets: [['name1', 'digest1']] }),
    run({ id: 'hi3', status: 'FAILED', metrics: { key1: 125 }, params: { my_param: 'B' }, tags: { tag1: 'D' }, datasets: [['name2', 'digest2']] }),
  ];
  const CASES: Array<[string | null, string[]]> = [
    [null, ['hi', 'hi2', 'hi3']],
    ['', ['hi', 'hi2', 'hi3']],
    ["attributes.status = 'FAILED'", ['hi', 'hi3']],
    ['metrics.key1 = 123', ['hi2']],
    ['metrics.key1 != 123', ['hi', 'hi3']],
    ['metrics.key1 >= 123', ['hi2', 'hi3']],
    ["params.my_param = 'A'", ['hi', 'hi2']],
    ["tags.tag1 = 'D'", ['hi3']],
    ["tags.tag1 != 'D'", ['hi2']],
    ["params.my_param = 'A' AND attributes.status = 'FAILED'", ['hi']],
    ["datasets.name = 'name1'", ['hi', 'hi2']],
    ["datasets.name IN ('name1', 'name2')", ['hi', 'hi2', 'hi3']],
    ["datasets.digest IN ('digest1', 'digest2')", ['hi', 'hi2', 'hi3']],
    ["datasets.name = 'name1' AND datasets.digest = 'digest2'", []],
    ["datasets.context = 'train'", ['hi']],
    ["datasets.name = 'name1' AND datasets.context = 'train'", ['hi']],
  ];
  test.each(CASES)('%s', (filter, expected) => expect(ids(runs, filter)).toEqual(expected));

  test('start_time, end_time and user_id', () => {
    const byTime = ['a', 'b', 'c'].map((id, i) => run({ id, start: i, end: i }));
    expect(ids(byTime, 'attribute.start_time >= 0')).toEqual(['a', 'b', 'c']);
    expect(ids(byTime, 'attribute.start_time > 1')).toEqual(['c']);
    expect(ids(byTime, 'attribute.start_time = 2')).toEqual(['c']);
    expect(ids(byTime, 'attribute.end_time >= 0')).toEqual(['a', 'b', 'c']);
    expect(ids(byTime, 'attribute.end_time > 1')).toEqual(['c']);
    expect(ids(byTime, 'attribute.end_time = 2')).toEqual(['c']);
    const byUser = [run({ id: 'a', user: 'user-id' }), run({ id: 'b', user: 'user-id2' })];
    expect(ids(byUser, "attribute.user_id = 'user-id2'")).toEqual(['b']);
  });

  test('IS NULL / IS NOT NULL on tags and params', () => {
    const runs2 = [run({ id: 'run1', tags: { env: 'prod' } }), run({ id: 'run2', params: { lr: '0.01' } })];
    expect(ids(runs2, 'tags.env IS NOT NULL')).toEqual(['run1']);
    expect(ids(runs2, 'tags.env IS NULL')).toEqual(['run2']);
    expect(ids(runs2, 'params.lr IS NOT NULL')).toEqual(['run2']);
    expect(ids(runs2, 'params.lr IS NULL')).toEqual(['run1']);
  });
});

describe('missing keys, NaN, null end_time, LIKE', () => {
  const runs = [
    run({ id: 'has', metrics: { m: 1 }, params: { p: 'x' }, tags: { t: 'x' } }),
    run({ id: 'lacks' }),
    run({ id: 'nan', metrics: { m: Number.NaN } }),
    run({ id: 'open', end: null }),
  ];

  test('a run lacking the key never matches, not even !=', () => {
    expect(ids(runs, 'metrics.m != 5')).toEqual(['has', 'nan']);
    expect(ids(runs, "params.p != 'y'")).toEqual(['has']);
    expect(ids(runs, "tags.t != 'y'")).toEqual(['has']);
    expect(ids(runs, "params.p NOT IN ('y')")).toEqual(['has']);
  });

  test('NaN compares false, except != (as in Python and the file store)', () => {
    for (const op of ['=', '<', '<=', '>', '>=']) expect(ids(runs, `metrics.m ${op} 0`)).not.toContain('nan');
    expect(ids(runs, 'metrics.m != 0')).toContain('nan');
    expect(ids(runs, 'metrics.m IN (0, 1)')).toEqual(['has']);
  });

  test('a run without end_time matches no end_time clause', () => {
    expect(ids(runs, 'end_time > 0')).not.toContain('open');
    expect(ids(runs, 'end_time != 0')).not.toContain('open');
    expect(ids(runs, 'end_time > 0')).toContain('has');
  });

  test('NOT is the complement, so it matches runs lacking the key', () => {
    expect(ids(runs, "NOT params.p = 'x'")).toEqual(['lacks', 'nan', 'open']);
    expect(ids(runs, "NOT params.p != 'x'")).toEqual(['has', 'lacks', 'nan', 'open']);
    expect(ids(runs, 'NOT metrics.m IS NULL')).toEqual(['has', 'nan']);
  });

  test('OR, IN lists and IS NULL on metrics', () => {
    expect(ids(runs, "params.p = 'x' OR metrics.m != 1")).toEqual(['has', 'nan']);
    expect(ids(runs, "params.p IN ('x', 'y')")).toEqual(['has']);
    expect(ids(runs, 'metrics.m IS NULL')).toEqual(['lacks', 'open']);
  });

  test('keys named like Object.prototype members are ordinary keys', () => {
    expect(ids(runs, "params.constructor = 'x'")).toEqual([]);
    expect(ids(runs, 'params.__proto__ IS NULL')).toHaveLength(4);
    expect(ids([run({ id: 'c', params: { constructor: 'x' } })], "params.constructor = 'x'")).toEqual(['c']);
  });

  test('LIKE: % and _ anchored, other characters literal, case-sensitive; ILIKE folds case', () => {
    const values = ['a.c', 'abc', 'a+c', 'a(c', 'A.C', 'x\nyz', 'ab', '日本語'];
    const rs = values.map((v, i) => run({ id: String(i), params: { v } }));
    const like = (pattern: string, op = 'LIKE') =>
      ids(rs, `params.v ${op} '${pattern}'`).map((i) => values[Number(i)]);
    expect(like('a_c')).toEqual(['a.c', 'abc', 'a+c', 'a(c']);
    expect(like('a.c')).toEqual(['a.c']);
    expect(like('a+c')).toEqual(['a+c']);
    expect(like('a(c')).toEqual(['a(c']);
    expect(like('a.c', 'ILIKE')).toEqual(['a.c', 'A.C']);
    expect(like('%')).toEqual(values);
    expect(like('a%')).toEqual(['a.c', 'abc', 'a+c', 'a(c', 'ab']);
    expect(like('%b')).toEqual(['ab']);
    expect(like('x%z')).toEqual(['x\nyz']);
    expect(like('日_語')).toEqual(['日本語']);
    expect(like('__')).toEqual(['ab']);
  });
});

describe('speed', () => {
  test('a compiled filter runs over 10,000 runs in well under 100 ms', () => {
    const runs = Array.from({ length: 10_000 }, (_, i) =>
      run({
        id: i.toString(16).padStart(32, '0'),
        status: i % 10 === 0 ? 'FAILED' : 'FINISHED',
        metrics: Object.fromEntries(Array.from({ length: 10 }, (_, m) => [`m${m}`, ((i * 7919 + m) % 1000) / 1000])),
        params: Object.fromEntries(Array.from({ length: 20 }, (_, p) => [`p${p}`, String((i * (p + 1)) % 50)])),
        tags: { t0: ['alpha', 'beta', 'gamma'][i % 3] ?? '' },
      }),
    );
    const filter = "(metrics.m0 > 0.5 OR params.p3 LIKE '1%') AND tags.t0 ILIKE 'AL%' AND NOT status = 'FAILED'";
    const match = compileRunFilter(parseRunFilter(filter));
    runs.filter(match); // warm up
    const t0 = performance.now();
    const hits = runs.filter(match);
    const elapsed = performance.now() - t0;
    expect(hits.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(100);
  });
});
