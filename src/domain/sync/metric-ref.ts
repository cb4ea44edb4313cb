// Metric chunk references: what the sync documents carry about a chunk (its hash, size, and per
// key count/min/max/latest), so every peer can fill in a run's latest metrics and summaries from
// the references alone, before (or without) downloading the chunk's bytes. Folding the refs gives
// exactly what storage's `summarise` gives over the same points, so the peer that logged them and
// the peers that received them end with the same run rows.
import { type MetricSummary, isLater, summarise } from '../metric-history';
import { type Hlc, isHlc } from './hlc';
import { MAX_CHUNK_KEYS, MAX_CHUNK_POINTS, SHA256_PATTERN, type ChunkSeries, type MetricChunkContent } from './metric-chunk';
import { isMetricKey, isRunId } from './remote-values';

export interface KeyStats {
  count: number;
  min: number;
  max: number;
  /** MLflow's latest point: [step, timestamp, value] */
  latest: [number, number, number];
  stepMin: number;
  stepMax: number;
}

export interface MetricRef {
  run: string;
  hash: string;
  /** size of the chunk's bytes */
  bytes: number;
  count: number;
  hlc: Hlc;
  keys: Record<string, KeyStats>;
}

/** Key of a ref in the `metricRefs` map. */
export const refKey = (runId: string, hash: string): string => `${runId}|${hash}`;

const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

export function statsOf(series: ChunkSeries): KeyStats {
  const s = summarise(series, 0, series.values.length) as MetricSummary;
  let stepMin = NaN;
  let stepMax = NaN;
  for (const step of series.steps) {
    if (Number.isNaN(stepMin) || step < stepMin) stepMin = step;
    if (Number.isNaN(stepMax) || step > stepMax) stepMax = step;
  }
  return { count: s.count, min: s.min, max: s.max, latest: [s.latestStep, s.latestTimestamp, s.latest], stepMin, stepMax };
}

export function refOf(content: MetricChunkContent, hash: string, bytes: number): MetricRef {
  const keys: Record<string, KeyStats> = {};
  let count = 0;
  for (const series of content.keys) {
    keys[series.key] = statsOf(series);
    count += series.values.length;
  }
  return { run: content.run, hash, bytes, count, hlc: content.hlc, keys };
}

const isNumber = (x: unknown): x is number => typeof x === 'number';
const isCount = (x: unknown, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= max;

function parseStats(x: unknown): KeyStats | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const s = x as Record<string, unknown>;
  const latest = s.latest;
  if (!isCount(s.count, MAX_CHUNK_POINTS) || !isNumber(s.min) || !isNumber(s.max) || !isNumber(s.stepMin) || !isNumber(s.stepMax)) return undefined;
  if (!Array.isArray(latest) || latest.length !== 3) return undefined;
  const [step, ts, value] = latest as unknown[];
  if (!isNumber(step) || !isNumber(ts) || !isNumber(value)) return undefined;
  return { count: s.count, min: s.min, max: s.max, latest: [step, ts, value], stepMin: s.stepMin, stepMax: s.stepMax };
}

/**
 * A ref read from the documents, or undefined when it is not a well-formed ref stored under its own
 * key (a peer may send anything; a bad ref is ignored everywhere alike, so peers still agree).
 */
export function parseMetricRef(mapKey: string, value: unknown): MetricRef | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.run !== 'string' || !isRunId(v.run) || typeof v.hash !== 'string' || !SHA256_PATTERN.test(v.hash)) return undefined;
  if (mapKey !== refKey(v.run, v.hash)) return undefined;
  if (!isCount(v.bytes, MAX_CHUNK_BYTES) || !isCount(v.count, MAX_CHUNK_POINTS) || !isHlc(v.hlc)) return undefined;
  if (typeof v.keys !== 'object' || v.keys === null || Array.isArray(v.keys)) return undefined;
  const entries = Object.entries(v.keys as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_CHUNK_KEYS) return undefined;
  const keys: Record<string, KeyStats> = {};
  let total = 0;
  for (const [key, raw] of entries) {
    const stats = parseStats(raw);
    if (!stats || !isMetricKey(key)) return undefined;
    keys[key] = stats;
    total += stats.count;
  }
  if (total !== v.count) return undefined;
  return { run: v.run, hash: v.hash, bytes: v.bytes, count: v.count, hlc: v.hlc, keys };
}

function combine(into: MetricSummary | undefined, s: KeyStats): MetricSummary {
  const [step, ts, value] = s.latest;
  if (!into) return { latest: value, latestStep: step, latestTimestamp: ts, min: s.min, max: s.max, count: s.count };
  const out = { ...into, count: into.count + s.count };
  if (isLater(step, ts, value, out)) {
    out.latest = value;
    out.latestStep = step;
    out.latestTimestamp = ts;
  }
  // NaN-ignoring, as summarise: a chunk's min is NaN only when all its values were NaN.
  if (!Number.isNaN(s.min) && (Number.isNaN(out.min) || s.min < out.min)) out.min = s.min;
  if (!Number.isNaN(s.max) && (Number.isNaN(out.max) || s.max > out.max)) out.max = s.max;
  return out;
}

/**
 * Per metric key: latest (MLflow's rule), min, max and count over all refs (in hash order, so the
 * result does not depend on arrival order) plus points not sealed into a chunk yet.
 */
export function foldRefSummaries(refs: readonly MetricRef[], unsealed: readonly ChunkSeries[] = []): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  const sorted = [...refs].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  for (const ref of sorted) for (const [key, stats] of Object.entries(ref.keys)) out[key] = combine(out[key], stats);
  for (const series of unsealed) if (series.values.length > 0) out[series.key] = combine(out[series.key], statsOf(series));
  return out;
}

const same = (a: number, b: number): boolean => Object.is(a, b);

/** True when decoded chunk bytes are what the ref says (run, keys, counts, summaries). */
export function chunkMatchesRef(content: MetricChunkContent, ref: MetricRef): boolean {
  if (content.run !== ref.run || content.hlc !== ref.hlc) return false;
  if (content.keys.length !== Object.keys(ref.keys).length) return false;
  for (const series of content.keys) {
    const want = ref.keys[series.key];
    if (!want || !Object.hasOwn(ref.keys, series.key)) return false;
    const got = statsOf(series);
    if (got.count !== want.count || !same(got.min, want.min) || !same(got.max, want.max)) return false;
    if (!got.latest.every((v, i) => same(v, want.latest[i] as number))) return false;
  }
  return true;
}
