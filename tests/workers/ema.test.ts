import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { emaSmooth } from '../../workers/metrics/ema';

const SEED = 20261129;
const values = fc.array(fc.oneof({ weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }), { maxLength: 200 });
const weight = fc.double({ min: 0, max: 0.999, noNaN: true });

/** TensorBoard's resmoothDataset, transcribed loop for loop, as the reference. */
function tensorboard(ys: number[], w: number): number[] {
  let last = ys.length > 0 ? 0 : NaN;
  let numAccum = 0;
  const isConstant = ys.every((v) => v === ys[0]);
  return ys.map((v) => {
    if (isConstant || !Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    numAccum++;
    const debias = w === 1 ? 1 : 1 - Math.pow(w, numAccum);
    return last / debias;
  });
}

describe('emaSmooth (TensorBoard debiased EMA)', () => {
  test('matches TensorBoard on a worked example', () => {
    const out = emaSmooth(Float64Array.of(1, 2, 3, NaN, 4), 0.5);
    // last: 0.5, 1.25, 2.125, -, 3.0625; debias: 0.5, 0.75, 0.875, -, 0.9375
    expect([...out]).toEqual([1, 5 / 3, 17 / 7, NaN, 3.0625 / 0.9375]);
  });

  test('equals the reference implementation (whenever the series is not constant)', () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (ys, w) => {
        const finite = ys.filter(Number.isFinite);
        fc.pre(finite.some((v) => v !== finite[0]));
        const got = emaSmooth(Float64Array.from(ys), w);
        const want = tensorboard(ys, w);
        want.forEach((v, i) => (Number.isFinite(v) ? expect(got[i]).toBeCloseTo(v, 6) : expect(got[i]).toBe(v)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('keeps length and non-finite points; weight 0 is the identity; never mutates its input', () => {
    fc.assert(
      fc.property(values, weight, (ys, w) => {
        const input = Float64Array.from(ys);
        const out = emaSmooth(input, w);
        expect(out.length).toBe(ys.length);
        expect([...input]).toEqual(ys);
        ys.forEach((v, i) => {
          if (!Number.isFinite(v)) expect(out[i]).toBe(v);
        });
        if (w === 0) expect([...emaSmooth(input, 0)]).toEqual(ys);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('each smoothed value is a weighted mean: inside the range of the finite values so far, first one exact', () => {
    fc.assert(
      fc.property(values, weight, (ys, w) => {
        const out = emaSmooth(Float64Array.from(ys), w);
        let lo = Infinity;
        let hi = -Infinity;
        let first = true;
        ys.forEach((v, i) => {
          if (!Number.isFinite(v)) return;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          const s = out[i] as number;
          const tol = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
          if (first) expect(s).toBeCloseTo(v, 6);
          first = false;
          expect(s).toBeGreaterThanOrEqual(lo - tol);
          expect(s).toBeLessThanOrEqual(hi + tol);
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a non-decreasing series stays non-decreasing', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { maxLength: 100 }), weight, (steps, w) => {
        let acc = 0;
        const ys = steps.map((d) => (acc += d));
        const out = emaSmooth(Float64Array.from(ys), w);
        for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThanOrEqual((out[i - 1] as number) - 1e-9 * Math.max(1, acc));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  test('a constant series comes back unchanged (no floating wobble)', () => {
    expect([...emaSmooth(Float64Array.of(0.1, 0.1, NaN, 0.1), 0.9)]).toEqual([0.1, 0.1, NaN, 0.1]);
  });
});
