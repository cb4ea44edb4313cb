import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { RunWithSummaries } from '../../src/sdk/index';
import { availableColumns, cellValue, columnId, defaultColumns, orderKeyOf, parseColumnId } from '../../src/features/runs/columns';
import { nestRuns } from '../../src/features/runs/run-tree';
import { groupRuns, parseGroupKey } from '../../src/features/runs/grouping';
import { applySuggestion, suggest } from '../../src/features/runs/filter-suggestions';
import { compareRunsBy, parseRunOrderBy } from '../../src/domain/search';

function run(id: string, opts: { parent?: string; metrics?: Record<string, number>; params?: Record<string, string>; start?: number; min?: number } = {}): RunWithSummaries {
  const tags: Record<string, string> = opts.parent ? { 'mlflow.parentRunId': opts.parent } : {};
  const metrics = opts.metrics ?? {};
  return {
    info: { runId: id, runName: id, experimentId: '0', userId: 'u', status: 'FINISHED', startTime: opts.start ?? 0, endTime: (opts.start ?? 0) + 5, artifactUri: '', lifecycleStage: 'active' },
    data: { metrics, params: opts.params ?? {}, tags },
    inputs: { datasetInputs: [] },
    metricSummaries: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, { latest: v, latestStep: 0, latestTimestamp: 0, min: opts.min ?? v, max: v, count: 1 }])),
  };
}

describe('columns', () => {
  test('ids round-trip, including min/max metrics and keys with dots and spaces', () => {
    for (const id of ['metrics.loss', 'metrics.val acc:min', 'metrics.a.b:max', 'params.lr', 'tags.mlflow.user', 'attributes.user_id']) {
      const c = parseColumnId(id);
      expect(c && columnId(c)).toBe(id);
    }
    expect(parseColumnId('bogus.x')).toBeUndefined();
    expect(parseColumnId('metrics.')).toBeUndefined();
  });

  test('every sortable column gives an order_by clause the search grammar accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom('metrics', 'params', 'tags'), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('`')), fc.constantFrom(undefined, 'min', 'max'), (kind, key, aggregate) => {
        const col = kind === 'metrics' && aggregate ? { kind, key, aggregate } as const : { kind, key } as const;
        const clause = orderKeyOf(col);
        expect(parseRunOrderBy([`${clause} DESC`])[0]?.key).toBe(key);
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(orderKeyOf({ kind: 'attributes', key: 'duration' })).toBeUndefined();
  });

  test('cells show last, min or max; defaults pick common keys', () => {
    const r = run('a', { metrics: { loss: 0.5 }, min: 0.1, params: { lr: '0.1' } });
    expect(cellValue(r, { kind: 'metrics', key: 'loss' })).toBe(0.5);
    expect(cellValue(r, { kind: 'metrics', key: 'loss', aggregate: 'min' })).toBe(0.1);
    expect(cellValue(r, { kind: 'attributes', key: 'duration' })).toBe(5);
    expect(defaultColumns([r]).map(columnId)).toContain('metrics.loss');
    expect(availableColumns([r]).map(columnId)).toEqual(expect.arrayContaining(['metrics.loss', 'params.lr', 'attributes.status']));
  });
});

describe('nested runs', () => {
  test('children follow an expanded parent; orphans and cycles stay visible', () => {
    const runs = [run('p'), run('c1', { parent: 'p' }), run('c2', { parent: 'p' }), run('orphan', { parent: 'gone' }), run('x', { parent: 'y' }), run('y', { parent: 'x' })];
    expect(nestRuns(runs, new Set()).map((r) => r.run.info.runId)).toEqual(['p', 'orphan']);
    const open = nestRuns(runs, new Set(['p']));
    expect(open.map((r) => [r.run.info.runId, r.depth])).toEqual([['p', 0], ['c1', 1], ['c2', 1], ['orphan', 0]]);
    expect(open[0]?.childCount).toBe(2);
  });

  test('property: with everything expanded every run appears exactly once (acyclic parents)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 30 }), (parents) => {
        const runs = parents.map((p, i) => run(`r${i}`, p < i ? { parent: `r${p}` } : {}));
        const rows = nestRuns(runs, new Set(runs.map((r) => r.info.runId)));
        expect(rows.map((r) => r.run.info.runId).sort()).toEqual(runs.map((r) => r.info.runId).sort());
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe('group by', () => {
  test('aggregates metrics per param value, numeric values in numeric order, missing last', () => {
    const runs = [run('a', { params: { bs: '16' }, metrics: { acc: 0.5 } }), run('b', { params: { bs: '128' }, metrics: { acc: 0.9 } }), run('c', { params: { bs: '16' }, metrics: { acc: 0.7 } }), run('d')];
    const groups = groupRuns(runs, parseGroupKey('params.bs')!, ['acc']);
    expect(groups.map((g) => g.value)).toEqual(['16', '128', undefined]);
    expect(groups[0]?.metrics.acc).toEqual({ mean: 0.6, min: 0.5, max: 0.7, count: 2 });
    expect(parseGroupKey('metrics.x')).toBeUndefined();
  });
});

describe('filter autocompletion', () => {
  const keys = { metrics: ['val_loss', 'val acc', 'train_loss'], params: ['lr'], tags: ['mlflow.user'] };
  test('completes prefixes, then keys (backticking odd ones), not inside values', () => {
    expect(suggest('met', 3, keys).items.map((i) => i.insert)).toEqual(['metrics.']);
    const s = suggest('metrics.val', 11, keys);
    expect(s.items.map((i) => i.insert)).toEqual(['metrics.val_loss', 'metrics.`val acc`']);
    expect(applySuggestion('metrics.val > 1', { ...s, to: 11 }, s.items[1]!)).toEqual({ text: 'metrics.`val acc` > 1', cursor: 17 });
    expect(suggest("params.lr = 'met", 16, keys).items).toEqual([]);
    expect(suggest('metrics.loss > ', 15, keys).items).toEqual([]);
    expect(suggest('x AND tags.ml', 13, keys).items.map((i) => i.insert)).toEqual(['tags.mlflow.user']);
  });
});

test('sort order of a table column agrees with the SDK comparator', () => {
  const runs = [run('a', { metrics: { loss: 0.5 }, min: 0.4 }), run('b', { metrics: { loss: 0.3 }, min: 0.3 })];
  const sorted = [...runs].sort(compareRunsBy(parseRunOrderBy([`${orderKeyOf({ kind: 'metrics', key: 'loss', aggregate: 'max' })} DESC`])));
  expect(sorted.map((r) => r.info.runId)).toEqual(['a', 'b']);
});

import { clickSort, parseSort, printSort } from '../../src/features/runs/sort-state';

describe('click to sort', () => {
  test('click sorts by one column and toggles; shift-click builds a multi-key sort', () => {
    let s = clickSort([], 'attributes.start_time', false);
    expect(printSort(s)).toEqual(['attributes.start_time ASC']);
    s = clickSort(s, 'attributes.start_time', false);
    expect(printSort(s)).toEqual(['attributes.start_time DESC']);
    s = clickSort(s, 'metrics.acc', true);
    expect(printSort(s)).toEqual(['attributes.start_time DESC', 'metrics.acc DESC']);
    s = clickSort(s, 'metrics.acc', true);
    expect(printSort(s)).toEqual(['attributes.start_time DESC', 'metrics.acc ASC']);
    s = clickSort(s, 'metrics.acc', true);
    expect(printSort(s)).toEqual(['attributes.start_time DESC']);
    expect(printSort(clickSort(s, 'params.lr', false))).toEqual(['params.lr ASC']);
    expect(parseSort(['min(metrics.`val loss`) DESC', 'params.lr'])).toEqual([{ key: 'min(metrics.`val loss`)', ascending: false }, { key: 'params.lr', ascending: true }]);
  });
});
