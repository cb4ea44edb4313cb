// Experiments, runs, metric chunks and artifact refs in the sync documents (docs/sync-design.md).
// Built into the replicator, which also drives the metric-specific parts: unsealed points per run,
// sealing them into chunks, and applying chunks whose bytes are here (or wanted from the relay).
import type * as Y from 'yjs';
import type { Mutation } from '../../domain/mutations';
import { type RunShard, rootDocName, runShardOf, shardOfDoc } from '../../domain/sync/doc-names';
import { encodeHlc } from '../../domain/sync/hlc';
import type { ChunkSeries } from '../../domain/sync/metric-chunk';
import { concatSeries } from '../../domain/sync/metric-pack';
import { type MetricRef, refKey } from '../../domain/sync/metric-ref';
import { type SnapshotBase, readSnapshotBase, storeSealedChunks } from '../../storage/mutations/sync-runs';
import { type Activity, LOCAL_ORIGIN, type SyncAdapter, type SyncContext } from '../adapter';
import { EntityWriter } from './entity-writer';
import { EXPERIMENTS, METRIC_REFS, RUN_DOC_MAPS } from './maps';
import { ChunkMismatchError, type SealedChunk, appendFromBlob, liveStamp, refFromBlob, sealSeries } from './metric-chunks';
import { PendingMetrics } from './pending-metrics';
import { projectExperiments } from './project-experiments';
import { projectRunsDoc, touchedBy } from './project-runs';
import { publishRunsMutation, publishesRuns } from './publish-runs';
import { type SnapshotEnv, writeSnapshot } from './snapshot-runs';

export interface RunsAdapterHost {
  workspaceId: string;
  problem(text: string): void;
  /** awaits what update listeners did with writes so far */
  settle(): Promise<unknown>;
}

export class RunsAdapter implements SyncAdapter {
  readonly name = 'runs';
  readonly pending = new PendingMetrics();
  /** refs whose bytes are not here: hash -> ref */
  private readonly wanted = new Map<string, MetricRef>();
  /** refs whose bytes are here, not applied yet */
  private readonly ready = new Map<string, MetricRef>();
  /** chunks that failed verification: never applied, never wanted again */
  private readonly rejected = new Set<string>();
  private readonly wantedListeners = new Set<(hashes: string[]) => void>();

  constructor(private readonly host: RunsAdapterHost) {}

  publishes(m: Mutation): boolean {
    return publishesRuns(m);
  }

  async publish(ctx: SyncContext, m: Mutation, ageMs = 0): Promise<void> {
    const writer = new EntityWriter(ctx.by);
    await this.publishInto(ctx, writer, m, ctx.clock.now(ageMs));
    writer.flush();
  }

  /** Queues the writes of one mutation into a writer shared by a whole journal drain. */
  async publishInto(ctx: SyncContext, writer: EntityWriter, m: Mutation, hlc: string): Promise<void> {
    if (!publishesRuns(m)) return;
    await publishRunsMutation(
      {
        writer,
        hlc,
        db: ctx.store.db,
        root: ctx.root(),
        runDoc: (runId) => ctx.runDoc(runId),
      },
      m,
    );
  }

  /**
   * The metric points an import appended, sealed into chunks at once (an imported history is
   * complete; no window to wait for). The stamp comes from the journal entry's commit time, so a
   * replay after a crash seals the same chunks and writes the same refs: nothing arrives twice.
   */
  async publishImportedHistories(ctx: SyncContext, m: Extract<Mutation, { type: 'import/runs' }>, committedAt: number): Promise<void> {
    const stamp = encodeHlc({ wall: committedAt, counter: 0, peer: ctx.by.peer });
    const sealed: Array<[string, SealedChunk[]]> = [];
    for (const { run, metrics } of m.runs) {
      const series: ChunkSeries[] = metrics.map(({ key, steps, timestamps, values }) => ({ key, steps, timestamps, values }));
      if (series.some((s) => s.values.length > 0)) sealed.push([run.runId, await sealSeries(run.runId, series, () => stamp)]);
    }
    await storeSealedChunks(ctx.store.db, sealed.flatMap(([, chunks]) => chunks));
    for (const [runId, chunks] of sealed) await this.writeRefs(ctx, runId, chunks.map((c) => c.ref));
  }

  /** Reads what is stored (not atomically with the journal: the replicator uses writeSnapshot). */
  async snapshot(ctx: SyncContext): Promise<void> {
    await this.writeSnapshot(ctx, await readSnapshotBase(ctx.store.db));
  }

  async writeSnapshot(ctx: SyncContext, base: SnapshotBase): Promise<void> {
    const env: SnapshotEnv = {
      db: ctx.store.db,
      by: ctx.by,
      hlc: ctx.clock.now(),
      root: ctx.root(),
      runDoc: (runId) => ctx.runDoc(runId),
      settle: () => this.host.settle(),
    };
    await writeSnapshot(env, base);
  }

  async project(ctx: SyncContext, doc: Y.Doc, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): Promise<{ mutations: Mutation[]; activity: Activity[] }> {
    if (doc === ctx.root()) {
      const experimentsMap = doc.getMap(EXPERIMENTS);
      if (events.length > 0 && !events.some((e) => e.target === experimentsMap)) return { mutations: [], activity: [] };
      const p = await projectExperiments(ctx.store.db, doc, ctx.by.peer);
      for (const text of p.problems) this.host.problem(text);
      if (p.maxHlc) ctx.clock.observe(p.maxHlc);
      return { mutations: p.mutations, activity: p.activity };
    }
    const shard = this.shards.get(doc);
    // not a run shard document: nothing of this adapter's
    if (shard === undefined) return { mutations: [], activity: [] };
    const env = { db: ctx.store.db, me: ctx.by.peer, unsealed: (runId: string) => this.pending.unsealed(runId), inShard: (runId: string) => runShardOf(runId) === shard };
    const p = await projectRunsDoc(env, doc, touchedBy(events, doc));
    for (const text of p.problems) this.host.problem(text);
    if (p.maxHlc) ctx.clock.observe(p.maxHlc);
    for (const ref of p.unapplied) this.offer(ref);
    return { mutations: p.mutations, activity: p.activity };
  }

  // ---- metric chunks -------------------------------------------------------------------------

  /** Points of a run not sealed yet (added to projected summaries). */
  unsealed(runId: string): ChunkSeries[] {
    return this.pending.unsealed(runId);
  }

  /**
   * Seals the given runs' pending points into chunks: bytes + upload + applied mark stored and the
   * journal entries turned into one marker per run (one transaction), then the refs written into
   * the run's home document. Returns the markers' seqs, to delete once the refs are persisted.
   */
  async seal(ctx: SyncContext, runIds: readonly string[]): Promise<number[]> {
    const taken = runIds.flatMap((id) => {
      const p = this.pending.take(id);
      return p ? [[id, p] as const] : [];
    });
    const sealed: Array<[string, SealedChunk[]]> = [];
    try {
      for (const [runId, p] of taken) sealed.push([runId, await sealSeries(runId, concatSeries(p.parts), liveStamp(ctx.clock))]);
      const entries = taken.map(([runId, p], i) => ({ runId, seqs: [...p.seqs].sort((a, b) => a - b), hashes: (sealed[i]?.[1] ?? []).map((c) => c.hash) }));
      await storeSealedChunks(ctx.store.db, sealed.flatMap(([, c]) => c), entries);
    } catch (e) {
      for (const [runId, p] of taken) this.pending.restore(runId, p);
      throw e;
    }
    for (const [runId, chunks] of sealed) await this.writeRefs(ctx, runId, chunks.map((c) => c.ref));
    return taken.map(([, p]) => Math.min(...p.seqs));
  }

  /**
   * A seal marker left in the journal by a crash: its chunks are stored; make sure their refs are
   * in the documents (same keys, so writing one that made it already changes nothing).
   */
  async republishSeal(ctx: SyncContext, runId: string, hashes: readonly string[]): Promise<void> {
    const refs: MetricRef[] = [];
    for (const hash of hashes) {
      const ref = await refFromBlob(ctx.store.db, hash);
      if (ref && ref.run === runId) refs.push(ref);
      else this.host.problem(`sealed metric chunk ${hash} of run ${runId} is missing or unreadable`);
    }
    await this.writeRefs(ctx, runId, refs);
  }

  private async writeRefs(ctx: SyncContext, runId: string, list: readonly MetricRef[]): Promise<void> {
    if (list.length === 0) return;
    const doc = ctx.runDoc(runId);
    const refs = doc.getMap(METRIC_REFS);
    const missing = list.filter((r) => !refs.has(refKey(runId, r.hash)));
    if (missing.length === 0) return;
    doc.transact(() => {
      for (const r of missing) refs.set(refKey(runId, r.hash), r);
    }, LOCAL_ORIGIN);
  }

  /** Hashes of chunks whose refs arrived but whose bytes are not here. */
  wantedBlobs(): string[] {
    return [...this.wanted.keys()];
  }

  onWanted(listener: (hashes: string[]) => void): () => void {
    this.wantedListeners.add(listener);
    return () => this.wantedListeners.delete(listener);
  }

  /** The bytes of a wanted chunk are stored now: apply it on the next step. */
  arrived(hash: string): boolean {
    const ref = this.wanted.get(hash);
    if (!ref) return false;
    this.wanted.delete(hash);
    this.ready.set(hash, ref);
    this.notifyWanted();
    return true;
  }

  hasReady(): boolean {
    return this.ready.size > 0;
  }

  /**
   * Up to `limit` chunks whose bytes are here, as append mutations. A chunk whose bytes turn out
   * missing goes back to wanted; one that fails verification is dropped for good.
   */
  async takeReady(ctx: SyncContext, limit: number): Promise<Mutation[]> {
    const out: Mutation[] = [];
    for (const [hash, ref] of [...this.ready].slice(0, limit)) {
      this.ready.delete(hash);
      try {
        const m = await appendFromBlob(ctx.store.db, ref);
        if (m) out.push(m);
        else this.want(ref);
      } catch (e) {
        if (!(e instanceof ChunkMismatchError)) throw e;
        this.rejected.add(hash);
        this.host.problem(e.message);
      }
    }
    return out;
  }

  private offer(ref: MetricRef): void {
    if (this.rejected.has(ref.hash) || this.wanted.has(ref.hash) || this.ready.has(ref.hash)) return;
    // Whether the bytes are here is found out when applying (takeReady); missing ones become wanted.
    this.ready.set(ref.hash, ref);
  }

  private want(ref: MetricRef): void {
    this.wanted.set(ref.hash, ref);
    this.notifyWanted();
  }

  private notifyWanted(): void {
    const hashes = this.wantedBlobs();
    for (const l of [...this.wantedListeners]) l(hashes);
  }

  // ---- documents -----------------------------------------------------------------------------

  /** which shard each open run shard document holds */
  private readonly shards = new WeakMap<Y.Doc, RunShard>();

  /** Types this adapter's maps on a document that just opened (so remote changes raise events)
   * and remembers which shard a run shard document holds. Other names are left alone. */
  docOpened(name: string, doc: Y.Doc): void {
    if (name === rootDocName(this.host.workspaceId)) {
      doc.getMap(EXPERIMENTS);
      return;
    }
    const shard = shardOfDoc(this.host.workspaceId, name);
    if (shard === undefined) return;
    this.shards.set(doc, shard);
    for (const map of RUN_DOC_MAPS) doc.getMap(map);
  }
}
