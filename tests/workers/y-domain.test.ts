import { describe, expect, test } from 'vitest';
import { quantileSorted, yDomainOf } from '../../workers/metrics/y-domain';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('y-domain', () => {
  test('quantiles interpolate like d3.quantile', () => {
    const s = f64([0, 10, 20, 30]);
    expect(quantileSorted(s, 0)).toBe(0);
    expect(quantileSorted(s, 1)).toBe(30);
    expect(quantileSorted(s, 0.5)).toBe(15);
    expect(quantileSorted(s, 0.05)).toBeCloseTo(1.5, 12);
    expect(quantileSorted(f64([]), 0.5)).toBeNaN();
  });

  test("MLflow's outlier case: twenty 100s with a 0 and a 1000 -> the spikes fall outside", () => {
    const values = f64([0, ...Array(20).fill(100), 1000]);
    const [lo, hi] = yDomainOf([values], { ignoreOutliers: true, positiveOnly: false })!;
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1000);
  });

  test('quantiles pool every series; non-finite values never count', () => {
    const a = f64(Array.from({ length: 50 }, (_, i) => i));
    const b = f64([...Array.from({ length: 50 }, (_, i) => 50 + i), NaN, Infinity, -Infinity]);
    expect(yDomainOf([a, b], { ignoreOutliers: false, positiveOnly: false })).toEqual([0, 99]);
    const [lo, hi] = yDomainOf([a, b], { ignoreOutliers: true, positiveOnly: false })!;
    expect(lo).toBeCloseTo(4.95, 9);
    expect(hi).toBeCloseTo(94.05, 9);
  });

  test('a flat series still gets a range; nothing finite gives null', () => {
    expect(yDomainOf([f64([3, 3])], { ignoreOutliers: false, positiveOnly: false })).toEqual([2.7, 3.3]);
    expect(yDomainOf([f64([0])], { ignoreOutliers: false, positiveOnly: false })).toEqual([-1, 1]);
    expect(yDomainOf([f64([5])], { ignoreOutliers: false, positiveOnly: true })).toEqual([2.5, 10]);
    expect(yDomainOf([f64([NaN]), f64([])], { ignoreOutliers: true, positiveOnly: false })).toBeNull();
    expect(yDomainOf([f64([-1, 0])], { ignoreOutliers: false, positiveOnly: true })).toBeNull();
  });

  test('very long inputs are sampled for the quantiles, still close', () => {
    const big = f64(Array.from({ length: 1_000_000 }, (_, i) => i));
    const [lo, hi] = yDomainOf([big], { ignoreOutliers: true, positiveOnly: false })!;
    expect(lo / 50_000).toBeCloseTo(1, 2);
    expect(hi / 950_000).toBeCloseTo(1, 2);
  });
});
