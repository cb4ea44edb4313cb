// A run's stored data read piece by piece for export: a run of short histories in one query, a
// long history a few chunks at a time (a 1,000,000-point key is ~62 chunks; holding them all
// would be ~24 MB of arrays plus their text), artifact bytes in 1 MiB slices (Chromium reads a slice of a disk-backed Blob without
// loading the rest).
import { doesNotExist } from '../../domain/errors';
import type { MetricChunk, MetricColumns } from '../../domain/metric-history';
import type { ArtifactRow, RunRow } from '../../storage/schema';
import type { Workspace } from '../workspace';

const CHUNKS_PER_READ = 4;
const SLICE = 1 << 20;

/** One metric history of a run: its key, point count, and its points a few chunks at a time. */
export interface MetricHistoryReader {
  key: string;
  /** every chunk of the history is already read (one piece): no more reads behind `columns` */
  whole: boolean;
  columns: AsyncIterable<MetricColumns>;
}

/** Up to this many points, a run's whole history is read in one query (~6 MB of arrays):
 * a transaction per key costs more than the reading itself for runs of short histories. */
const ONE_READ_POINTS = 262_144;

function columnsOf(c: MetricChunk): MetricColumns {
  return { steps: c.steps.subarray(0, c.count), timestamps: c.timestamps.subarray(0, c.count), values: c.values.subarray(0, c.count) };
}

/** The run's metric histories, in key order. `row.metricSummaries` counts the points first. */
export async function* metricHistoriesOf(ws: Workspace, row: RunRow, oneReadPoints = ONE_READ_POINTS): AsyncGenerator<MetricHistoryReader> {
  const db = ws.store.db;
  const points = Object.values(row.metricSummaries ?? {}).reduce((n, m) => n + m.count, 0);
  if (points <= oneReadPoints) {
    const byKey = new Map<string, MetricChunk[]>();
    for (const c of await db.metricChunks.where('runId').equals(row.runId).toArray()) {
      const list = byKey.get(c.key);
      if (list) list.push(c);
      else byKey.set(c.key, [c]);
    }
    for (const key of [...byKey.keys()].sort()) {
      const chunks = (byKey.get(key) ?? []).sort((a, b) => a.seq - b.seq).map(columnsOf);
      yield { key, whole: true, columns: (async function* () { yield* chunks; })() };
    }
    return;
  }
  const keys = await db.metricChunks.where('runId').equals(row.runId).primaryKeys();
  const byKey = new Map<string, Array<[string, string, number]>>();
  for (const k of keys) {
    const list = byKey.get(k[1]);
    if (list) list.push(k);
    else byKey.set(k[1], [k]);
  }
  for (const key of [...byKey.keys()].sort()) {
    const chunkKeys = (byKey.get(key) ?? []).sort((a, b) => a[2] - b[2]);
    yield { key, whole: false, columns: chunksByKey(ws, chunkKeys) };
  }
}

/** One history's chunks, CHUNKS_PER_READ at a time, in logging order. */
async function* chunksByKey(ws: Workspace, chunkKeys: ReadonlyArray<[string, string, number]>): AsyncGenerator<MetricColumns> {
  for (let i = 0; i < chunkKeys.length; i += CHUNKS_PER_READ) {
    const chunks = await ws.store.db.metricChunks.bulkGet(chunkKeys.slice(i, i + CHUNKS_PER_READ));
    for (const c of chunks) if (c) yield columnsOf(c); // a chunk removed while we read: the export shows the history as it is now
  }
}

export async function artifactRowsOf(ws: Workspace, runId: string): Promise<ArtifactRow[]> {
  const rows = await ws.store.db.artifacts.where('runId').equals(runId).toArray();
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The artifact's bytes, or undefined when only its row is here (synced from a peer, bytes still on the relay). */
export async function artifactBlob(ws: Workspace, row: ArtifactRow): Promise<Blob | undefined> {
  const blob = await ws.store.db.blobs.get(row.sha256);
  if (!blob) return undefined;
  return blob.data instanceof Blob ? blob.data : new Blob([blob.data]);
}

export async function* blobSlices(blob: Blob): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += SLICE) yield new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer());
}

export function missingBytes(runId: string, row: ArtifactRow): Error {
  return doesNotExist(`Cannot export artifact '${row.path}' of run ${runId}: its bytes (sha256 ${row.sha256}) are not in this workspace yet. Open it once to fetch it from the relay, or export with skipMissingArtifacts.`);
}
