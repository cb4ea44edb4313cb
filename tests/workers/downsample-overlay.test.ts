// The worker's series pipeline (prepare-overlay.ts): x-axis choice, ordering, cleaning, and the
// min/max downsampling (domain/downsample.ts) seen through it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { MetricColumns } from '../../src/domain/metric-history';
import { prepareOverlay, transferablesOf } from '../../workers/metrics/prepare-overlay';
import type { OverlayRequest } from '../../workers/metrics/types';

const SEED = 3;

function columns(values: number[], opts: { steps?: number[]; t0?: number } = {}): MetricColumns {
  return {
    steps: Float64Array.from(opts.steps ?? values.map((_, i) => i)),
    timestamps: Float64Array.from(values.map((_, i) => (opts.t0 ?? 1_000_000) + i * 1000)),
    values: Float64Array.from(values),
  };
}

function request(series: OverlayRequest['series'], patch: Partial<OverlayRequest> = {}): OverlayRequest {
  return { series, xAxis: 'step', smoothing: 0, maxPoints: 100, ignoreOutliers: false, logY: false, aggregate: false, ...patch };
}

describe('prepareOverlay: downsampling keeps what matters', () => {
  test('at most maxPoints per line, x ascending, the global min and max and both ends kept', () => {
    const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 3000 }), fc.integer({ min: 4, max: 400 }), (ys, maxPoints) => {
        const { series } = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns(ys) }], { maxPoints }));
        const raw = series[0]!.raw;
        expect(raw.x.length).toBeLessThanOrEqual(Math.max(maxPoints, 4));
        expect(raw.x.length).toBe(raw.y.length);
        for (let i = 1; i < raw.x.length; i++) expect(raw.x[i]).toBeGreaterThan(raw.x[i - 1] as number);
        expect(Math.min(...raw.y)).toBe(Math.min(...ys));
        expect(Math.max(...raw.y)).toBe(Math.max(...ys));
        expect(raw.x[0]).toBe(0);
        expect(raw.x.at(-1)).toBe(ys.length - 1);
        // Every kept point is a real point of the series.
        raw.x.forEach((x, i) => expect(raw.y[i]).toBe(ys[x]));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('a single spike in 100,000 points survives a 500-point line', () => {
    const ys = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 500));
    ys[71_234] = 50;
    const { series } = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns(ys) }], { maxPoints: 500 }));
    expect(series[0]!.raw.x.length).toBeLessThanOrEqual(500);
    expect(Math.max(...series[0]!.raw.y)).toBe(50);
    expect(series[0]!.sourcePoints).toBe(100_000);
  });

  test('x-axis: step, wall time (ms) and seconds since run start', () => {
    const cols = columns([1, 2, 3], { t0: 5000 });
    const x = (xAxis: OverlayRequest['xAxis']) => [...prepareOverlay(request([{ id: 'r', runStart: 4000, columns: cols }], { xAxis })).series[0]!.raw.x];
    expect(x('step')).toEqual([0, 1, 2]);
    expect(x('wall')).toEqual([5000, 6000, 7000]);
    expect(x('relative')).toEqual([1, 2, 3]);
    // A history logged before its run started counts from its first point, never negative.
    const early = prepareOverlay(request([{ id: 'r', runStart: 9000, columns: cols }], { xAxis: 'relative' }));
    expect([...early.series[0]!.raw.x]).toEqual([0, 1, 2]);
  });

  test('out-of-order steps are drawn in step order, ties in logging order', () => {
    const { series } = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns([30, 10, 20, 21], { steps: [3, 1, 2, 2] }) }]));
    expect([...series[0]!.raw.x]).toEqual([1, 2, 2, 3]);
    expect([...series[0]!.raw.y]).toEqual([10, 20, 21, 30]);
  });

  test('±Infinity become gaps; on a log axis so do zero and negatives, and the domain is positive', () => {
    const cols = columns([-1, 0, 1, Infinity, 10, -Infinity, NaN, 100]);
    const lin = prepareOverlay(request([{ id: 'r', runStart: 0, columns: cols }]));
    expect([...lin.series[0]!.raw.y]).toEqual([-1, 0, 1, NaN, 10, NaN, NaN, 100]);
    expect(lin.yDomain).toEqual([-1, 100]);
    const log = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns([-1, 0, 1, Infinity, 10, -Infinity, NaN, 100]) }], { logY: true }));
    expect([...log.series[0]!.raw.y]).toEqual([NaN, NaN, 1, NaN, 10, NaN, NaN, 100]);
    expect(log.yDomain).toEqual([1, 100]);
  });

  test('an empty or all-NaN series yields an empty line and no domain, without throwing', () => {
    const r = prepareOverlay(request([{ id: 'a', runStart: 0, columns: columns([]) }, { id: 'b', runStart: 0, columns: columns([NaN, NaN]) }], { smoothing: 0.5, aggregate: true }));
    expect(r.series[0]!.raw.x.length).toBe(0);
    expect(r.yDomain).toBeNull();
    expect(r.groups).toHaveLength(1);
  });

  test('smoothing adds a smoothed line of the same x range, downsampled the same way', () => {
    const ys = Array.from({ length: 5000 }, (_, i) => (i % 2 ? 1 : -1));
    const { series } = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns(ys) }], { smoothing: 0.9, maxPoints: 200 }));
    const s = series[0]!.smoothed!;
    expect(s.x.length).toBeLessThanOrEqual(200);
    expect(s.x[0]).toBe(0);
    expect(s.x.at(-1)).toBe(4999);
    // Noise of ±1 around 0 smooths to near 0 once the EMA has warmed up.
    s.x.forEach((x, i) => x > 100 && expect(Math.abs(s.y[i] as number)).toBeLessThan(0.1));
    expect(Math.max(...series[0]!.raw.y)).toBe(1);
  });

  test('ignoring outliers narrows the domain to the 5th-95th percentile', () => {
    const ys = [...Array.from({ length: 98 }, (_, i) => i % 10), -1000, 1000];
    const all = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns(ys) }]));
    const robust = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns(ys) }], { ignoreOutliers: true }));
    expect(all.yDomain).toEqual([-1000, 1000]);
    expect(robust.yDomain![0]).toBeGreaterThanOrEqual(0);
    expect(robust.yDomain![1]).toBeLessThanOrEqual(9);
  });

  test('every result buffer is listed once for transfer', () => {
    // Under maxPoints nothing is downsampled, so raw and smoothed share their x array.
    const r = prepareOverlay(request([{ id: 'r', runStart: 0, columns: columns([1, 2, 3]) }], { smoothing: 0.5, aggregate: true }));
    const buffers = transferablesOf(r);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(r.series[0]!.raw.x.buffer);
    expect(buffers).toContain(r.groups[0]!.mean.buffer);
  });
});
