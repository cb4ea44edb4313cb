// How many bytes a workspace's rows take, estimated from what is cheap to read. IndexedDB does not
// say how large a row is, and reading every metric chunk to measure it costs as much as reading
// every history. Even the chunks' keys are not cheap: 30,000 compound keys took ~570 ms to read in
// headless Chromium, as long as the run rows themselves. So metric history is sized from the point
// counts the run row already carries (its metric summaries), and a run row from its JSON length.
// Pure.
import { CHUNK_SIZE, OVERVIEW_BUCKET } from './metric-history';

/** Bytes per stored metric point: step, timestamp and value, each a Float64 (MetricChunk). */
export const BYTES_PER_POINT = 24;
/** A chunk row's fixed part besides its key strings: seq, count, min/max fields, three typed-array
 * headers and the structured-clone framing (an estimate, measured to within a few dozen bytes). */
const CHUNK_ROW_OVERHEAD = 120;

/**
 * One metric history's bytes: its chunks (24 bytes a point) and their min/max overviews (at most
 * 4 points per 64), each row also holding the run id and key. Histories logged here fill each
 * chunk before starting the next; chunks that arrived from peers may be smaller, which changes
 * only the per-row part (a few hundred bytes a chunk).
 */
export function metricHistoryBytes(points: number, runId: string, key: string): number {
  if (points <= 0) return 0;
  const chunks = Math.ceil(points / CHUNK_SIZE);
  const rowKey = runId.length + key.length;
  const overviewPoints = Math.min(points, Math.ceil(points / OVERVIEW_BUCKET) * 4);
  return (points + overviewPoints) * BYTES_PER_POINT + 2 * chunks * (CHUNK_ROW_OVERHEAD + rowKey);
}

const measured = new WeakMap<object, number>();

/**
 * A row's size as its JSON length. Structured clone stores mostly-ASCII strings at about one byte a
 * character and numbers in 8-9 bytes, so this is close for run rows (params, tags, summaries) and
 * costs one native call per row, not a walk in script. Remembered per row object: rows are
 * replaced, never edited in place, when they change (the run cache re-reads them), so a report
 * over cached rows measures only what changed since the last one.
 */
export function recordBytes(row: object): number {
  let n = measured.get(row);
  if (n === undefined) {
    n = JSON.stringify(row)?.length ?? 0;
    measured.set(row, n);
  }
  return n;
}
