// Splits a run's points (columnar, per key) into chunk-sized pieces: at most MAX_CHUNK_POINTS
// points and MAX_CHUNK_KEYS keys each, keys in the order given, a long series cut across pieces.
// Deterministic, so the first share of the same stored history always gives the same chunks.
import { MAX_CHUNK_KEYS, MAX_CHUNK_POINTS, type ChunkSeries } from './metric-chunk';

export function packSeries(series: readonly ChunkSeries[], maxPoints = MAX_CHUNK_POINTS, maxKeys = MAX_CHUNK_KEYS): ChunkSeries[][] {
  const pieces: ChunkSeries[][] = [];
  let current: ChunkSeries[] = [];
  let room = maxPoints;
  const close = (): void => {
    if (current.length > 0) pieces.push(current);
    current = [];
    room = maxPoints;
  };
  for (const s of series) {
    const n = s.values.length;
    for (let from = 0; from < n; ) {
      if (room === 0 || current.length === maxKeys) close();
      const to = Math.min(n, from + room);
      current.push({ key: s.key, steps: s.steps.slice(from, to), timestamps: s.timestamps.slice(from, to), values: s.values.slice(from, to) });
      room -= to - from;
      from = to;
    }
  }
  close();
  return pieces;
}

/** Concatenates columns of the same key (in order), for gathering a run's pending points. */
export function concatSeries(parts: readonly ChunkSeries[]): ChunkSeries[] {
  const byKey = new Map<string, ChunkSeries[]>();
  for (const p of parts) {
    const list = byKey.get(p.key);
    if (list) list.push(p);
    else byKey.set(p.key, [p]);
  }
  return [...byKey].map(([key, list]) => {
    const n = list.reduce((s, p) => s + p.values.length, 0);
    const out: ChunkSeries = { key, steps: new Float64Array(n), timestamps: new Float64Array(n), values: new Float64Array(n) };
    let at = 0;
    for (const p of list) {
      out.steps.set(p.steps, at);
      out.timestamps.set(p.timestamps, at);
      out.values.set(p.values, at);
      at += p.values.length;
    }
    return out;
  });
}
