import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { appendToChunks, CHUNK_SIZE, joinChunks, summarise, toColumns, type MetricChunk } from '../../src/domain/metric-history';
import { downsampleMinMax } from '../../src/domain/downsample';

const cols = (values: number[]) => toColumns(values.map((value, step) => ({ key: 'k', value, step, timestamp: step })));

describe('chunked metric history', () => {
  test('property: appending in any batch sizes then joining gives back every point in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: CHUNK_SIZE + 50 }), { minLength: 1, maxLength: 4 }), (sizes) => {
        let chunks: MetricChunk[] = [];
        let all: number[] = [];
        for (const size of sizes) {
          const values = Array.from({ length: size }, (_, i) => all.length + i);
          const written = appendToChunks('r', 'k', chunks[chunks.length - 1], cols(values));
          for (const c of written) chunks[c.seq] = c;
          all = all.concat(values);
        }
        chunks = chunks.filter(Boolean);
        expect(chunks.every((c) => c.count <= CHUNK_SIZE)).toBe(true);
        expect(Array.from(joinChunks(chunks).values)).toEqual(all);
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  test('summary: latest by (step, timestamp, value), min/max ignore NaN', () => {
    const s = summarise(toColumns([
      { key: 'k', value: 3, step: 1, timestamp: 5 },
      { key: 'k', value: Number.NaN, step: 0, timestamp: 9 },
      { key: 'k', value: -2, step: 1, timestamp: 4 },
    ]), 0, 3);
    expect(s).toEqual({ latest: 3, latestStep: 1, latestTimestamp: 5, min: -2, max: 3, count: 3 });
  });
});

describe('downsampleMinMax', () => {
  test('keeps every bucket extreme, order, and the first and last point', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 50) + (i === 54_321 ? 50 : 0));
    const out = downsampleMinMax(cols(values), 2000);
    expect(out.values.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...out.values)).toBe(Math.max(...values));
    expect(Math.min(...out.values)).toBe(Math.min(...values));
    expect(out.steps[0]).toBe(0);
    expect(out.steps[out.steps.length - 1]).toBe(99_999);
    for (let i = 1; i < out.steps.length; i++) expect(out.steps[i]).toBeGreaterThan(out.steps[i - 1] as number);
  });

  test('short series are returned unchanged', () => {
    const c = cols([1, 2, 3]);
    expect(downsampleMinMax(c, 10)).toBe(c);
  });
});
