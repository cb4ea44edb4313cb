// Metric history as columnar chunks. A point-per-row layout cannot reach a million points a
// second in IndexedDB (measured: 15-22k rows/s), so each (run, key) history is a list of chunks
// of parallel Float64Arrays. Typed arrays are structured-cloned as one block, so a chunk of
// thousands of points costs about as much to store as one small row.
import type { Metric } from './entities';

/** Points per chunk. Large enough to amortise IndexedDB's per-row cost, small enough that
 * rewriting the open (last) chunk on every flush stays cheap. */
export const CHUNK_SIZE = 16_384;

export interface MetricChunk {
  runId: string;
  key: string;
  /** 0, 1, 2 ... in append order */
  seq: number;
  count: number;
  steps: Float64Array;
  timestamps: Float64Array;
  values: Float64Array;
  minStep: number;
  maxStep: number;
  /** NaN-ignoring; NaN when the chunk holds no finite-comparable value */
  minValue: number;
  maxValue: number;
}

/** Per-key summary kept on the run row: the latest point by MLflow's rule plus min/max. */
export interface MetricSummary {
  latest: number;
  latestStep: number;
  latestTimestamp: number;
  min: number;
  max: number;
  count: number;
}

export interface MetricColumns {
  steps: Float64Array;
  timestamps: Float64Array;
  values: Float64Array;
}

/** MLflow's latest point: the largest (step, timestamp, value) tuple (file_store.py). NaN values
 * compare as greater than numbers, as Python's max over tuples effectively keeps the first NaN. */
export function isLater(step: number, ts: number, value: number, than: MetricSummary): boolean {
  if (step !== than.latestStep) return step > than.latestStep;
  if (ts !== than.latestTimestamp) return ts > than.latestTimestamp;
  if (Number.isNaN(than.latest)) return false;
  if (Number.isNaN(value)) return true;
  return value > than.latest;
}

export function summarise(points: MetricColumns, start: number, end: number, prior?: MetricSummary): MetricSummary | undefined {
  let s = prior ? { ...prior } : undefined;
  for (let i = start; i < end; i++) {
    const step = points.steps[i] as number;
    const ts = points.timestamps[i] as number;
    const v = points.values[i] as number;
    if (!s) {
      s = { latest: v, latestStep: step, latestTimestamp: ts, min: v, max: v, count: 0 };
    } else if (isLater(step, ts, v, s)) {
      s.latest = v;
      s.latestStep = step;
      s.latestTimestamp = ts;
    }
    s.count++;
    // min/max ignore NaN unless nothing else was seen.
    if (!Number.isNaN(v)) {
      if (Number.isNaN(s.min) || v < s.min) s.min = v;
      if (Number.isNaN(s.max) || v > s.max) s.max = v;
    }
  }
  return s;
}

/** Points of one key in columnar form, from row form. */
export function toColumns(points: readonly Metric[]): MetricColumns {
  const n = points.length;
  const cols = { steps: new Float64Array(n), timestamps: new Float64Array(n), values: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const p = points[i] as Metric;
    cols.steps[i] = p.step;
    cols.timestamps[i] = p.timestamp;
    cols.values[i] = p.value;
  }
  return cols;
}

function rangeOf(a: Float64Array, from: number, to: number): [number, number] {
  let lo = NaN;
  let hi = NaN;
  for (let i = from; i < to; i++) {
    const v = a[i] as number;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(lo) || v < lo) lo = v;
    if (Number.isNaN(hi) || v > hi) hi = v;
  }
  return [lo, hi];
}

function makeChunk(runId: string, key: string, seq: number, cols: MetricColumns, from: number, to: number): MetricChunk {
  const steps = cols.steps.slice(from, to);
  const [minStep, maxStep] = rangeOf(steps, 0, steps.length);
  const values = cols.values.slice(from, to);
  const [minValue, maxValue] = rangeOf(values, 0, values.length);
  return { runId, key, seq, count: to - from, steps, timestamps: cols.timestamps.slice(from, to), values, minStep, maxStep, minValue, maxValue };
}

/**
 * Appends points to a history whose last chunk is `tail` (undefined for an empty history).
 * Returns the chunks to write: the rewritten tail (if it had room) followed by new chunks.
 */
export function appendToChunks(runId: string, key: string, tail: MetricChunk | undefined, points: MetricColumns): MetricChunk[] {
  const n = points.values.length;
  if (n === 0) return [];
  const out: MetricChunk[] = [];
  let offset = 0;
  let seq = tail ? tail.seq : 0;
  if (tail && tail.count < CHUNK_SIZE) {
    const take = Math.min(CHUNK_SIZE - tail.count, n);
    const merged: MetricColumns = {
      steps: concat(tail.steps, tail.count, points.steps, take),
      timestamps: concat(tail.timestamps, tail.count, points.timestamps, take),
      values: concat(tail.values, tail.count, points.values, take),
    };
    out.push(makeChunk(runId, key, seq, merged, 0, tail.count + take));
    offset = take;
  }
  if (tail) seq++;
  for (; offset < n; offset += CHUNK_SIZE, seq++) {
    out.push(makeChunk(runId, key, seq, points, offset, Math.min(n, offset + CHUNK_SIZE)));
  }
  return out;
}

function concat(a: Float64Array, aLen: number, b: Float64Array, bLen: number): Float64Array {
  const out = new Float64Array(aLen + bLen);
  out.set(a.subarray(0, aLen), 0);
  out.set(b.subarray(0, bLen), aLen);
  return out;
}

/** Joins chunks or overviews (in seq order) into one set of columns. A chunk's `count` may be
 * less than its arrays' length; parts without one are used whole. */
export function joinChunks(parts: ReadonlyArray<MetricColumns & { count?: number }>): MetricColumns {
  const lengthOf = (c: MetricColumns & { count?: number }): number => c.count ?? c.values.length;
  const total = parts.reduce((n, c) => n + lengthOf(c), 0);
  const cols = { steps: new Float64Array(total), timestamps: new Float64Array(total), values: new Float64Array(total) };
  let at = 0;
  for (const c of parts) {
    const n = lengthOf(c);
    cols.steps.set(c.steps.subarray(0, n), at);
    cols.timestamps.set(c.timestamps.subarray(0, n), at);
    cols.values.set(c.values.subarray(0, n), at);
    at += n;
  }
  return cols;
}

export function columnsToMetrics(key: string, cols: MetricColumns): Metric[] {
  const out: Metric[] = new Array(cols.values.length);
  for (let i = 0; i < cols.values.length; i++) {
    out[i] = { key, value: cols.values[i] as number, timestamp: cols.timestamps[i] as number, step: cols.steps[i] as number };
  }
  return out;
}

/** Points per overview bucket: each bucket of a chunk keeps at most its first, min, max and last. */
export const OVERVIEW_BUCKET = 64;

/**
 * A chunk's min/max-preserving summary (at most 4 points per 64), stored beside the chunk so a
 * chart of a million-point series reads ~6% of the data. Same key as its chunk.
 */
export interface MetricOverview extends MetricColumns {
  runId: string;
  key: string;
  seq: number;
  /** points in the chunk it summarises */
  sourceCount: number;
}
