// Batch scoring's streaming loop with a stand-in model: every row scored once in order, chunks of
// the asked size, an estimate of the total while running, a clean cancel, errors naming the rows.
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../src/domain/errors';
import { frameOf, scoreCsv, type InputRow } from '../../src/features/models/batch-score';

// Fixed-width rows, so an estimate from the bytes read so far can be exact.
const pad = (n: number): string => String(n).padStart(6, '0');
const csv = (n: number): string => ['a,b,label', ...Array.from({ length: n }, (_, i) => `${pad(i)},${pad(i * 2)},"x,${pad(i)}"`)].join('\n');
const doubler = async (rows: InputRow[]): Promise<unknown> => rows.map((r) => ({ y: Number(r.a) + Number(r.b) }));

describe('scoreCsv', () => {
  test('scores every row once, in order, in chunks, with progress', async () => {
    const sizes: number[] = [];
    const estimates: number[] = [];
    const result = await scoreCsv(csv(10_000), {
      chunkRows: 1500,
      readBytes: 4096,
      score: async (rows, columns) => {
        expect(columns).toEqual(['a', 'b', 'label']);
        sizes.push(rows.length);
        return doubler(rows);
      },
      onProgress: (p) => estimates.push(p.rowsEstimate),
    });
    expect(result.status).toBe('done');
    expect(result.rows).toBe(10_000);
    expect(sizes.slice(0, -1).every((s) => s === 1500)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
    // The estimate from the bytes read so far is close long before the end.
    expect(Math.abs((estimates[3] ?? 0) - 10_000)).toBeLessThan(100);
    const parsed = Papa.parse<Record<string, string>>(result.parts.join(''), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(10_000);
    expect(parsed.data[9999]).toEqual({ a: '9999', b: '19998', label: 'x,009999', y: '29997' });
    expect(result.preview).toHaveLength(50);
    expect(result.preview[1]).toEqual([1, 2, 'x,000001', 3]);
  });

  test('cancel stops after the slice in flight and keeps nothing', async () => {
    const controller = new AbortController();
    let scored = 0;
    const result = await scoreCsv(csv(20_000), {
      chunkRows: 1000,
      readBytes: 8192,
      signal: controller.signal,
      score: async (rows) => {
        scored += rows.length;
        if (scored >= 3000) controller.abort();
        return doubler(rows);
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.rows).toBe(3000);
    expect(scored).toBe(3000);
  });

  test('a refused slice fails the run, saying which rows', async () => {
    const run = scoreCsv(csv(5000), {
      chunkRows: 2000,
      score: async (rows) => {
        if (Number(rows[0]?.a) >= 2000) throw new MlflowError("Incompatible input types for column b.", 'INVALID_PARAMETER_VALUE');
        return doubler(rows);
      },
    });
    await expect(run).rejects.toThrow(/Rows 2,001-4,000 of the file: Incompatible input types for column b/);
  });

  test('a header-only file scores nothing; short rows count as malformed', async () => {
    expect(await scoreCsv('a,b\n', { score: doubler })).toMatchObject({ status: 'done', rows: 0, parts: [] });
    const r = await scoreCsv('a,b\n1,2\n3\n', { score: doubler });
    expect(r.rows).toBe(2);
    expect(r.malformedRows).toBe(1);
    expect(frameOf([{ a: 3 }], ['a', 'b'])).toEqual({ columns: ['a', 'b'], data: { a: [3], b: [null] }, length: 1 });
  });
});
