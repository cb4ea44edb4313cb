import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { aggregateLines, interpolateAt, sharedGrid } from '../../workers/metrics/aggregate';
import { prepareOverlay } from '../../workers/metrics/prepare-overlay';

const f64 = (xs: number[]) => Float64Array.from(xs);
const SEED = 7;

describe('aggregation across runs on a shared grid', () => {
  test('sharedGrid spans the lines evenly, ends exact', () => {
    expect([...sharedGrid([{ x: f64([2, 4]), y: f64([0, 0]) }, { x: f64([0, 3]), y: f64([0, 0]) }], 5)]).toEqual([0, 1, 2, 3, 4]);
    expect([...sharedGrid([{ x: f64([7]), y: f64([1]) }], 10)]).toEqual([7]);
    expect(sharedGrid([], 10).length).toBe(0);
  });

  test('interpolation: exact at points, linear between, NaN outside and next to NaN; re-logged step takes the last value', () => {
    const line = { x: f64([0, 2, 4, 4, 6]), y: f64([0, 2, 5, 4, NaN]) };
    expect([...interpolateAt(line, f64([-1, 0, 1, 2, 4, 5, 6, 7]))]).toEqual([NaN, 0, 1, 2, 4, NaN, NaN, NaN]);
  });

  test('mean of two lines with a min-max band; a run counts only inside its own range', () => {
    const a = { x: f64([0, 10]), y: f64([0, 10]) };
    const b = { x: f64([0, 5]), y: f64([10, 10]) };
    const agg = aggregateLines([a, b], f64([0, 5, 10]));
    expect([...agg.mean]).toEqual([5, 7.5, 10]);
    expect([...agg.min]).toEqual([0, 5, 10]);
    expect([...agg.max]).toEqual([10, 10, 10]);
    expect([...agg.count]).toEqual([2, 2, 1]);
  });

  test('min <= mean <= max wherever any run is defined, and identical runs aggregate to themselves', () => {
    const line = fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 50 }).map((pts) => {
      const sorted = [...pts].sort((p, q) => p[0] - q[0]);
      return { x: f64(sorted.map((p) => p[0])), y: f64(sorted.map((p) => p[1])) };
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const grid = sharedGrid(lines, 64);
        const agg = aggregateLines(lines, grid);
        for (let g = 0; g < grid.length; g++) {
          if (agg.count[g] === 0) {
            expect(agg.mean[g]).toBeNaN();
            continue;
          }
          const tol = 1e-9 * Math.max(1, Math.abs(agg.min[g]!), Math.abs(agg.max[g]!));
          expect(agg.mean[g]).toBeGreaterThanOrEqual(agg.min[g]! - tol);
          expect(agg.mean[g]).toBeLessThanOrEqual(agg.max[g]! + tol);
        }
        const same = aggregateLines([lines[0]!, lines[0]!], grid);
        expect([...same.min]).toEqual([...same.max]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  test('prepareOverlay groups series by their group and aggregates the smoothed lines when smoothing', () => {
    const cols = (ys: number[]) => ({ steps: f64(ys.map((_, i) => i)), timestamps: f64(ys.map((_, i) => i)), values: f64(ys) });
    const r = prepareOverlay({
      series: [
        { id: 'a', group: 'lr=0.1', runStart: 0, columns: cols([1, 1, 1]) },
        { id: 'b', group: 'lr=0.1', runStart: 0, columns: cols([3, 3, 3]) },
        { id: 'c', group: 'lr=0.2', runStart: 0, columns: cols([0, 10, 0]) },
      ],
      xAxis: 'step',
      smoothing: 0.5,
      maxPoints: 100,
      ignoreOutliers: false,
      logY: false,
      aggregate: true,
      gridPoints: 3,
    });
    expect(r.groups.map((g) => [g.group, g.ids])).toEqual([['lr=0.1', ['a', 'b']], ['lr=0.2', ['c']]]);
    expect([...r.groups[0]!.mean]).toEqual([2, 2, 2]);
    expect([...r.groups[0]!.min]).toEqual([1, 1, 1]);
    // c smoothed with w=0.5: 0, 20/3, 20/7 - below its raw peak of 10.
    expect(r.groups[1]!.max[1]).toBeCloseTo(20 / 3, 9);
  });
});
