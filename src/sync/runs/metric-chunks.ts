// Between metric points and chunk blobs: sealing a run's points into encoded, hashed chunks with
// their refs (this peer), and turning a stored blob back into a `sync/appendMetrics` mutation
// after checking it is what its ref promised (receivers).
import type { Mutation } from '../../domain/mutations';
import type { HybridClock } from '../../domain/sync/hlc';
import { type ChunkSeries, decodeMetricChunk, encodeMetricChunk, sha256Hex } from '../../domain/sync/metric-chunk';
import { packSeries } from '../../domain/sync/metric-pack';
import { type MetricRef, chunkMatchesRef, refOf } from '../../domain/sync/metric-ref';
import type { WorkspaceDb } from '../../storage/schema';

export interface SealedChunk {
  hash: string;
  bytes: Uint8Array;
  ref: MetricRef;
}

/**
 * Encodes a run's points as chunks of at most 50,000 points. `stamp` gives each chunk's seal
 * stamp: a fresh HLC for live sealing; a fixed one for the first share, so sharing the same stored
 * history again yields the same chunks (same hashes, same refs) instead of duplicates.
 */
export async function sealSeries(runId: string, series: readonly ChunkSeries[], stamp: () => string): Promise<SealedChunk[]> {
  const out: SealedChunk[] = [];
  for (const keys of packSeries(series.filter((s) => s.values.length > 0))) {
    const content = { run: runId, hlc: stamp(), keys };
    const bytes = encodeMetricChunk(content);
    const hash = await sha256Hex(bytes);
    out.push({ hash, bytes, ref: refOf(content, hash, bytes.byteLength) });
  }
  return out;
}

export const liveStamp = (clock: HybridClock) => (): string => clock.now();

/** Thrown when stored bytes are not the chunk their ref names. */
export class ChunkMismatchError extends Error {}

/**
 * The points of a chunk whose bytes are stored here, as the mutation that appends them; undefined
 * when the blob is not here (yet). Throws ChunkMismatchError when the bytes do not hash to the
 * name, do not decode, or do not match the ref (such a chunk is never applied).
 */
export async function appendFromBlob(db: WorkspaceDb, ref: MetricRef): Promise<Extract<Mutation, { type: 'sync/appendMetrics' }> | undefined> {
  const row = await db.blobs.get(ref.hash);
  if (!row) return undefined;
  const bytes = new Uint8Array(row.data instanceof ArrayBuffer ? row.data : await row.data.arrayBuffer());
  const actual = await sha256Hex(bytes);
  if (actual !== ref.hash) throw new ChunkMismatchError(`metric chunk ${ref.hash} failed verification (its bytes hash to ${actual})`);
  let content;
  try {
    content = decodeMetricChunk(bytes);
  } catch (e) {
    throw new ChunkMismatchError(`metric chunk ${ref.hash}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!chunkMatchesRef(content, ref)) throw new ChunkMismatchError(`metric chunk ${ref.hash} does not match its reference (run, keys or summaries differ)`);
  return { type: 'sync/appendMetrics', hash: ref.hash, runId: ref.run, metrics: content.keys };
}

/** The ref of a chunk stored here (rebuilt from its bytes), or undefined if absent or unreadable. */
export async function refFromBlob(db: WorkspaceDb, hash: string): Promise<MetricRef | undefined> {
  const row = await db.blobs.get(hash);
  if (!row) return undefined;
  const bytes = new Uint8Array(row.data instanceof ArrayBuffer ? row.data : await row.data.arrayBuffer());
  try {
    return refOf(decodeMetricChunk(bytes), hash, bytes.byteLength);
  } catch {
    return undefined;
  }
}
