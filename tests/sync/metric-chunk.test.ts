// Metric chunks: what goes in comes out bit for bit (NaN, infinities, -0, fractional and huge
// steps), the sha256 names the bytes, and anything corrupt is refused with MetricChunkError.
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { MAX_CHUNK_POINTS, MetricChunkError, decodeMetricChunk, encodeMetricChunk, sha256Hex, type ChunkSeries } from '../../src/domain/sync/metric-chunk';
import { packSeries } from '../../src/domain/sync/metric-pack';
import { chunkMatchesRef, foldRefSummaries, parseMetricRef, refKey, refOf } from '../../src/domain/sync/metric-ref';
import { summarise } from '../../src/domain/metric-history';

const RUN = 'a'.repeat(32);
const HLC = '00000000001-0000-abc';

const series = (key: string, steps: number[], timestamps: number[], values: number[]): ChunkSeries => ({
  key,
  steps: Float64Array.from(steps),
  timestamps: Float64Array.from(timestamps),
  values: Float64Array.from(values),
});

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('encode/decode', () => {
  test('round trips every float exactly, with delta and raw columns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double()), fc.integer({ min: 0, max: 2 ** 52 }), fc.double()), { minLength: 1, maxLength: 300 }),
        (points) => {
          const s = series('loss', points.map((p) => p[0]), points.map((p) => p[1]), points.map((p) => p[2]));
          const out = decodeMetricChunk(encodeMetricChunk({ run: RUN, hlc: HLC, keys: [s] }));
          expect(out.run).toBe(RUN);
          expect(out.hlc).toBe(HLC);
          const k = out.keys[0] as ChunkSeries;
          expect(sameBits(k.steps, s.steps) && sameBits(k.timestamps, s.timestamps) && sameBits(k.values, s.values)).toBe(true);
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });

  test('regular logging compresses to a few bytes per point', () => {
    const n = 50_000;
    const steps = Array.from({ length: n }, (_, i) => i);
    const ts = steps.map((i) => 1_700_000_000_000 + i * 10);
    const values = steps.map((i) => Math.round(1000 / (i + 1)) / 1000);
    const bytes = encodeMetricChunk({ run: RUN, hlc: HLC, keys: [series('loss', steps, ts, values)] });
    expect(bytes.length / n).toBeLessThan(4);
  });

  test('several keys keep their order and lengths', () => {
    const a = series('a', [1, 2], [10, 20], [0.5, NaN]);
    const b = series('b/c', [7], [70], [Infinity]);
    const out = decodeMetricChunk(encodeMetricChunk({ run: RUN, hlc: HLC, keys: [a, b] }));
    expect(out.keys.map((k) => [k.key, k.values.length])).toEqual([['a', 2], ['b/c', 1]]);
    expect(Number.isNaN(out.keys[0]?.values[1])).toBe(true);
  });

  test('refuses more than 50,000 points when encoding', () => {
    const n = MAX_CHUNK_POINTS + 1;
    const z = new Array<number>(n).fill(0);
    expect(() => encodeMetricChunk({ run: RUN, hlc: HLC, keys: [series('x', z, z, z)] })).toThrow(MetricChunkError);
  });
});

describe('corrupt bytes are refused with a clear error', () => {
  const good = encodeMetricChunk({ run: RUN, hlc: HLC, keys: [series('loss', [1, 2, 3], [4, 5, 6], [7, 8, 9])] });

  test.each([
    ['empty', new Uint8Array(0), /too short/],
    ['wrong magic', Uint8Array.from([1, 2, 3, 1, 0, 0, 0, 0, 0]), /magic/],
    ['future version', Uint8Array.from([...good.subarray(0, 3), 9, ...good.subarray(4)]), /version 9/],
    ['truncated', good.subarray(0, good.length - 5), /corrupt|payload|header/],
  ])('%s', (_name, bytes, message) => {
    expect(() => decodeMetricChunk(bytes)).toThrow(MetricChunkError);
    expect(() => decodeMetricChunk(bytes)).toThrow(message);
  });

  test('random bytes never decode into garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (bytes) => {
        const withMagic = Uint8Array.from([0x4f, 0x4d, 0x43, 1, ...bytes]);
        expect(() => decodeMetricChunk(withMagic)).toThrow(MetricChunkError);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  test('a deflate bomb is cut at the declared size and refused', () => {
    const payload = new Uint8Array(10_000_000);
    const compressed = deflateSync(payload);
    const bytes = new Uint8Array(8 + compressed.length);
    bytes.set([0x4f, 0x4d, 0x43, 1], 0);
    new DataView(bytes.buffer).setUint32(4, 64, true);
    bytes.set(compressed, 8);
    expect(() => decodeMetricChunk(bytes)).toThrow(MetricChunkError);
  });

  test('a header that lies about counts is refused', () => {
    // Build a payload by hand whose header claims 5 points but carries 3.
    const json = new TextEncoder().encode(JSON.stringify({ run: RUN, hlc: HLC, keys: [{ key: 'x', count: 5, steps: 0, timestamps: 0 }] }));
    const start = (4 + json.length + 7) & ~7;
    const payload = new Uint8Array(start + 3 * 24);
    new DataView(payload.buffer).setUint32(0, json.length, true);
    payload.set(json, 4);
    const compressed = deflateSync(payload);
    const bytes = new Uint8Array(8 + compressed.length);
    bytes.set([0x4f, 0x4d, 0x43, 1], 0);
    new DataView(bytes.buffer).setUint32(4, payload.length, true);
    bytes.set(compressed, 8);
    expect(() => decodeMetricChunk(bytes)).toThrow(/header needs/);
  });
});

describe('refs', () => {
  test('the sha256 is the standard one', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('folding refs of any split gives what summarise gives over all points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(NaN))), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 5 }),
        (points, cuts) => {
          const all = series('m', points.map((p) => p[0]), points.map((p) => p[1]), points.map((p) => p[2]));
          const pieces = packSeries([all], Math.max(1, cuts[0] ?? 60));
          const refs = pieces.map((keys, i) => refOf({ run: RUN, hlc: HLC, keys }, String(i).padStart(64, '0'), 10));
          const folded = foldRefSummaries(refs).m;
          expect(folded).toEqual(summarise(all, 0, all.values.length));
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });

  test('a ref from a peer is checked field by field', async () => {
    const content = { run: RUN, hlc: HLC, keys: [series('loss', [1], [2], [3])] };
    const bytes = encodeMetricChunk(content);
    const hash = await sha256Hex(bytes);
    const ref = refOf(content, hash, bytes.length);
    expect(parseMetricRef(refKey(RUN, hash), ref)).toEqual(ref);
    expect(chunkMatchesRef(decodeMetricChunk(bytes), ref)).toBe(true);
    expect(parseMetricRef(refKey(RUN, hash), { ...ref, count: 2 })).toBeUndefined();
    expect(parseMetricRef(refKey('b'.repeat(32), hash), ref)).toBeUndefined();
    expect(parseMetricRef(refKey(RUN, hash), { ...ref, keys: { 'bad name!': ref.keys.loss } })).toBeUndefined();
    expect(parseMetricRef(refKey(RUN, hash), { ...ref, keys: { loss: { ...ref.keys.loss, latest: [1, 'x', 3] } } })).toBeUndefined();
    expect(parseMetricRef(refKey(RUN, hash), 'garbage')).toBeUndefined();
    expect(chunkMatchesRef(decodeMetricChunk(bytes), { ...ref, keys: { loss: { ...(ref.keys.loss as NonNullable<typeof ref.keys.loss>), max: 99 } } })).toBe(false);
  });
});
