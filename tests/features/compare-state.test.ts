// The Compare view's URL state: what a deep link decodes to, and that a state written to the
// query reads back the same (so a reload shows the same view).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCompareState, toQuery, type CompareState } from '../../src/features/compare/compare-state';
import { differs, parseRef, valueOf } from '../../src/features/compare/run-values';
import type { Run } from '../../src/sdk/index';

describe('compare URL state', () => {
  test('a deep link decodes to the view it describes', () => {
    const s = parseCompareState({ runs: 'a,b,,a,c', metric: 'loss', x: 'relative', smooth: '0.6', log: '1', outliers: '1', group: 'params.lr', pc: 'params.lr,metrics.acc', sx: 'params.lr', sy: 'metrics.acc' });
    expect(s).toEqual({ runs: ['a', 'b', 'c'], metric: 'loss', x: 'relative', smooth: 0.6, log: true, outliers: true, group: 'params.lr', pc: ['params.lr', 'metrics.acc'], sx: 'params.lr', sy: 'metrics.acc' });
  });

  test('malformed values fall back to defaults', () => {
    expect(parseCompareState({ x: 'sideways', smooth: 'lots', log: 'yes' })).toMatchObject({ runs: [], x: 'step', smooth: 0, log: false, outliers: false, group: '', pc: [] });
    expect(parseCompareState({ smooth: '7' }).smooth).toBe(0.99);
    expect(parseCompareState({ smooth: '-1' }).smooth).toBe(0);
  });

  test('defaults are dropped from the URL', () => {
    expect(toQuery({ x: 'step', smooth: 0, log: false, outliers: false, group: '', pc: [], metric: undefined })).toEqual({ x: null, smooth: null, log: null, outliers: null, group: null, pc: null, metric: null });
  });

  test('any state survives a round trip through the query string', () => {
    const ref = fc.constantFrom('params.lr', 'metrics.val loss', 'params.a.b', 'tags.team');
    const state: fc.Arbitrary<CompareState> = fc.record({
      runs: fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{32}$/), { maxLength: 5 }),
      metric: fc.option(fc.stringMatching(/^[a-z_/ ]{1,12}$/).filter((s) => s.trim() === s && s.length > 0), { nil: undefined }),
      x: fc.constantFrom('step', 'wall', 'relative'),
      smooth: fc.integer({ min: 0, max: 99 }).map((n) => n / 100),
      log: fc.boolean(),
      outliers: fc.boolean(),
      group: fc.constantFrom('', 'all', 'params.lr'),
      pc: fc.uniqueArray(ref, { maxLength: 4 }),
      sx: fc.option(ref, { nil: undefined }),
      sy: fc.option(ref, { nil: undefined }),
    });
    fc.assert(
      fc.property(state, (s) => {
        const url = new URLSearchParams();
        for (const [k, v] of Object.entries(toQuery(s))) if (v !== null) url.set(k, v);
        expect(parseCompareState(Object.fromEntries(new URLSearchParams(url.toString())))).toEqual(s);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('run values', () => {
  const run = (params: Record<string, string>, metrics: Record<string, number>): Run => ({
    info: { runId: 'x', runName: 'x', experimentId: '0', userId: '', status: 'FINISHED', startTime: 0, endTime: null, artifactUri: '', lifecycleStage: 'active' },
    data: { params, metrics, tags: {} },
    inputs: { datasetInputs: [] },
  });

  test('refs split at the first dot; only params, metrics and tags', () => {
    expect(parseRef('params.a.b')).toEqual({ kind: 'params', key: 'a.b' });
    expect(parseRef('attributes.x')).toBeUndefined();
    expect(parseRef('params.')).toBeUndefined();
  });

  test('values are own properties only', () => {
    const r = run({ lr: '0.1' }, { acc: 0.9 });
    expect(valueOf(r, 'params.lr')).toBe('0.1');
    expect(valueOf(r, 'metrics.acc')).toBe(0.9);
    expect(valueOf(r, 'params.constructor')).toBeUndefined();
  });

  test('runs differ when a value differs or is missing in some; NaN equals NaN', () => {
    expect(differs([run({ lr: '0.1' }, {}), run({ lr: '0.1' }, {})], 'params.lr')).toBe(false);
    expect(differs([run({ lr: '0.1' }, {}), run({ lr: '0.2' }, {})], 'params.lr')).toBe(true);
    expect(differs([run({ lr: '0.1' }, {}), run({}, {})], 'params.lr')).toBe(true);
    expect(differs([run({}, { m: NaN }), run({}, { m: NaN })], 'metrics.m')).toBe(false);
  });
});
