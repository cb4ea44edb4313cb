// The replicator: between one workspace's tables and its Yjs documents (docs/sync-design.md).
//   local:  MutationLayer writes each committed local mutation into the journal (same transaction)
//           -> drain: adapters write them into the documents (LOCAL_ORIGIN), the updates go to
//           onUpdate listeners (transport: persist + send), then the entries are deleted. Metric
//           points wait in the journal until sealed into a chunk (<= 2 s, 50,000 points, run end).
//           An entry whose publish throws, or whose updates a listener refused to store, stays in
//           the journal; both are retried with backoff (and at once by drain()).
//   fold:   any document transaction (remote ones, and this peer's own writes, since a rule that
//           ties entities together can change another row) -> the adapters fold what it touched ->
//           'sync/*' mutations for the rows that differ, applied with origin 'remote' (never
//           journalled), refused while a local change is still unpublished (it is published
//           first, then the fold runs again).
// One work loop does all of it, one step at a time, so no two steps interleave.
import type * as Y from 'yjs';
import type { Mutation } from '../domain/mutations';
import { rootDocName, runDocName, workspaceDocNames } from '../domain/sync/doc-names';
import { HybridClock } from '../domain/sync/hlc';
import { readSnapshotBase } from '../storage/mutations/sync-runs';
import type { WorkspaceStore } from '../storage/workspace-store';
import { type Activity, LOCAL_ORIGIN, type SyncAdapter, type SyncContext } from './adapter';
import type { BackoffOptions } from './backoff';
import type { ReplicatorOptions } from './replicator-options';
import { DocChanges, typeRootMaps } from './doc-changes';
import { DurableGate } from './durable-gate';
import { PublishRetries } from './publish-retries';
import { applyRemote } from './apply-remote';
import { drainEntries } from './journal-drain';
import { RunsAdapter } from './runs/runs-adapter';
import { DrainRequest, SealSchedule } from './step-timing';
import { SyncDocs } from './sync-docs';
import { UpdateFanout, type UpdateListener } from './update-fanout';
import { acquireWebLock } from './web-lock';

export type { ReplicatorOptions } from './replicator-options';

export type { UpdateListener } from './update-fanout';

const BATCH = 500;
/** A local change waits this long before it is drained, so a burst of SDK calls (a training loop's
 * params, tags, status) goes out in one step: one Yjs transaction per document, one store, one
 * fold, instead of one each per call, which made logging with sync on about 4x slower. */
const DRAIN_WINDOW_MS = 50;
const MAX_PROBLEMS = 200;
const SEAL_RETRY_MS = 5_000;
const RETRY: BackoffOptions = { initialMs: 1_000, maxMs: 60_000 };

export class Replicator {
  readonly docs: SyncDocs;
  readonly clock: HybridClock;
  /** the built-in adapter (experiments, runs, metric chunks, artifact refs) */
  readonly runs: RunsAdapter;
  private readonly adapters: SyncAdapter[];
  private readonly extras: SyncAdapter[];
  private readonly ctx: SyncContext;
  private readonly changes = new DocChanges();
  private readonly fanout = new UpdateFanout((text) => this.problem(text));
  private readonly activityListeners = new Set<(items: Activity[]) => void>();
  private readonly problemList: string[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  /** highest journal seq drained; entries at or below it that remain hold only unsealed points */
  private drainedThrough = 0;
  private readonly drainRequest = new DrainRequest(DRAIN_WINDOW_MS);
  private readonly seals: SealSchedule;
  /** journal entries whose publish threw: tried again on a later drain */
  private readonly publishRetries: PublishRetries;
  /** waits until updates are stored before journal entries are deleted; retries refused ones */
  private readonly durable: DurableGate;
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private begun = false;
  private started = false;
  private stopped = false;
  private releaseLock: () => void = () => undefined;

  /** Register onUpdate (persistence) before start(): the first share writes during start. */
  constructor(
    readonly store: WorkspaceStore,
    private readonly o: ReplicatorOptions,
  ) {
    this.clock = new HybridClock(o.peerId, o.now);
    this.publishRetries = new PublishRetries(o.retry ?? RETRY);
    this.durable = new DurableGate(this.fanout, o.retry ?? RETRY);
    this.docs = new SyncDocs({
      rootName: rootDocName(o.workspaceId),
      load: o.loadDoc,
      attach: (name, doc) => this.attach(name, doc),
      onProblem: (text) => this.problem(text),
    });
    this.runs = new RunsAdapter({
      workspaceId: o.workspaceId,
      problem: (text) => this.problem(text),
      settle: () => this.settle(),
    });
    this.seals = new SealSchedule(this.runs.pending, o.sealAfterMs ?? 2000, SEAL_RETRY_MS);
    this.extras = o.adapters ?? [];
    this.adapters = [this.runs, ...this.extras];
    this.ctx = {
      store,
      clock: this.clock,
      by: { peer: o.peerId, user: o.user },
      root: () => this.docs.root,
      runDoc: (runId) => {
        const name = runDocName(o.workspaceId, runId);
        return this.docs.get(name) ?? this.docs.openNow(name);
      },
    };
  }

  /**
   * Starts replicating `store`: takes the tab lock, opens the documents (loading stored updates),
   * turns the journal on (writing what is stored into the documents on the first start) and starts
   * draining and folding. Resolves once all of that is set up.
   */
  static async start(store: WorkspaceStore, options: ReplicatorOptions): Promise<Replicator> {
    const r = new Replicator(store, options);
    await r.start();
    return r;
  }

  /** See the static start(); for callers that subscribe to onUpdate first. */
  async start(): Promise<void> {
    if (this.begun) throw new Error('This replicator was started already.');
    this.begun = true;
    if (this.o.lock ?? true) this.releaseLock = await acquireWebLock(`orchard-sync-${this.store.db.name}`);
    // A fixed set: the root and the 16 run shards (domain/sync/doc-names.ts), whatever the size.
    for (const name of workspaceDocNames(this.o.workspaceId)) await this.docs.openDoc(name);
    const mutations = this.store.mutations;
    if (!(await mutations.snapshotDone())) {
      if (this.o.snapshot ?? true) {
        const base = await mutations.beginSnapshot(readSnapshotBase);
        await this.runs.writeSnapshot(this.ctx, base);
        for (const a of this.extras) await a.snapshot(this.ctx);
        // Done once all of it is stored; if storing failed for good, the next start shares again.
        await this.durable.whenDurable(() => mutations.markSnapshotDone());
      } else {
        await mutations.setJournaling(true);
        await mutations.markSnapshotDone();
      }
    } else if (!(await mutations.isJournaling())) await mutations.setJournaling(true);
    const wake = (): void => {
      this.drainRequest.soon();
      this.kick();
    };
    this.unsubscribe.push(
      mutations.onMutation((_m, _effect, origin) => {
        if (origin !== 'remote') wake();
      }),
      mutations.onOtherTab(wake),
    );
    this.started = true;
    this.kick();
  }

  // ---- what the transport and the UI use -------------------------------------------------------

  /**
   * Every update of every document, local or remote, with its Yjs origin (for persistence and
   * sending). A returned promise delays deleting the journal entries the update carries. With
   * `current`, the listener first gets each open document's whole state (origin LOAD_ORIGIN): a
   * store subscribing after start() still persists what start() wrote.
   */
  onUpdate(listener: UpdateListener, options: { current?: boolean } = {}): () => void {
    return this.fanout.add(listener, this.docs, options.current ?? false);
  }

  /** What other peers changed, as lines for the activity feed. */
  onActivity(listener: (items: Activity[]) => void): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  /** Metric chunks whose refs arrived but whose bytes are not stored here (download them). */
  wantedBlobs(): string[] {
    return this.runs.wantedBlobs();
  }

  /** Hears the wanted list whenever it changes. */
  onWanted(listener: (hashes: string[]) => void): () => void {
    return this.runs.onWanted(listener);
  }

  /**
   * The bytes of `hash` are stored in the blobs table now (the transport verified and stored them).
   * A wanted chunk is verified again, decoded, checked against its ref and appended; resolves when
   * done. Harmless for hashes that are not wanted (artifact bytes).
   */
  async blobArrived(hash: string): Promise<void> {
    if (!this.runs.arrived(hash)) return;
    this.kick();
    await this.idle();
  }

  /** Writes every journal entry into the documents now and seals all pending metric points;
   * resolves when done (and the updates were handed to onUpdate listeners). */
  async drain(): Promise<void> {
    this.drainRequest.now();
    this.seals.all();
    // what failed before is retried now, ignoring its backoff (failures from here on are not)
    this.publishRetries.forceNext();
    this.durable.forceRetry();
    this.kick();
    await this.idle();
  }

  /** Resolves when nothing is left to do right now: journal drained, remote changes folded and
   * applied, chunks with bytes here appended (points waiting for their seal window excepted). */
  async idle(): Promise<void> {
    // A drain waiting out its window is work to do now: whoever waits for idle wants it done.
    if (this.drainRequest.hurry()) this.kick();
    while (this.running) await this.running;
  }

  /** Recent problems (ignored garbage from peers, chunks that failed verification, failed writes,
   * publishes and stores that failed and are retried). */
  problems(): readonly string[] {
    return this.problemList;
  }

  /** Stops observing and working (finishing the current step) and releases the tab lock. The
   * documents stay usable: stop the transport first. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const u of this.unsubscribe) u();
    this.unsubscribe.length = 0;
    await this.idle();
    for (const name of this.docs.names()) this.detach.get(name)?.();
    this.docs.close();
    this.releaseLock();
  }

  // ---- documents -------------------------------------------------------------------------------

  private readonly detach = new Map<string, () => void>();

  private attach(name: string, doc: Y.Doc): void {
    this.runs.docOpened(name, doc);
    const onTransaction = (tr: Y.Transaction): void => {
      if (this.stopped) return;
      this.changes.note(name, tr, tr.origin !== LOCAL_ORIGIN);
      this.kick();
    };
    const onUpdate = (update: Uint8Array, origin: unknown): void => this.fanout.emit(name, update, origin);
    doc.on('afterTransaction', onTransaction);
    doc.on('update', onUpdate);
    this.detach.set(name, () => {
      doc.off('afterTransaction', onTransaction);
      doc.off('update', onUpdate);
    });
    // What was loaded (or is about to arrive) is folded as a whole.
    this.changes.everything(name);
    this.kick();
  }

  private settle(): Promise<boolean> {
    return this.fanout.settle();
  }

  // ---- the work loop ---------------------------------------------------------------------------

  private kick(): void {
    if (!this.started || this.stopped || this.running) return;
    this.running = this.loop()
      .catch((e) => this.problem(`sync step failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.running = undefined;
        if (this.hasWork()) this.kick();
        else this.scheduleTimer();
      });
  }

  /**
   * Sealing waits while an update is not stored: it turns journal entries into seal markers, which
   * would drop the params and tags of a logBatch whose publish is not durable yet.
   */
  private sealAllowed(): boolean {
    return !this.durable.busy;
  }

  private sealWanted(): boolean {
    return this.sealAllowed() && this.seals.wanted();
  }

  private hasWork(): boolean {
    if (!this.started || this.stopped) return false;
    return this.drainRequest.due() || this.publishRetries.due() || this.durable.retryDue() || this.sealWanted() || this.changes.size > 0 || this.runs.hasReady();
  }

  private async loop(): Promise<void> {
    while (this.hasWork()) {
      // A local change waiting out its window goes out before remote changes are folded: the fold
      // observes their stamps, and the change (made before it saw them) must not sort after them.
      // Folding this peer's own writes observes nothing new, so that one waits for the window.
      if (this.drainRequest.due() || this.publishRetries.due() || (this.drainRequest.pending && this.changes.hasRemote)) await this.drainStep();
      else if (this.durable.retryDue()) await this.durable.retryStep();
      else if (this.sealWanted()) await this.sealStep();
      else if (this.changes.size > 0) await this.foldStep();
      else await this.appendStep();
    }
  }

  /** The next time something waits for: a seal window ending, a retry after a failure. */
  private scheduleTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const times = [(this.sealAllowed() ? this.seals.dueAt() : undefined) ?? Infinity, this.drainRequest.dueAt() ?? Infinity];
    times.push(this.publishRetries.dueAt() ?? Infinity);
    if (this.durable.busy) times.push(this.durable.retryAt);
    const next = Math.min(...times);
    if (next === Infinity || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, Math.max(0, next - Date.now()));
  }

  /** Journal entries -> documents, in seq order, one Yjs transaction per document per step
   * (entries whose publish failed before first, when their retry is due). */
  private async drainStep(): Promise<void> {
    const retrying = this.publishRetries.due();
    this.drainRequest.taken();
    const again = retrying ? await this.publishRetries.take(this.store.db) : [];
    const rows = await this.store.mutations.journalAfter(this.drainedThrough, BATCH);
    if (rows.length === BATCH) this.drainRequest.now(); // more entries wait: no window
    const last = rows[rows.length - 1];
    if (again.length === 0 && !last) {
      this.publishRetries.idle();
      return;
    }
    const r = await drainEntries(this.ctx, this.runs, this.adapters, [...again, ...rows], (text) => this.problem(text));
    for (const runId of r.ended) this.seals.runEnded(runId);
    if (last) this.drainedThrough = last.seq;
    this.publishRetries.settle(again, r.failed);
    await this.durable.whenDurable(async () => {
      for (const [seq, m] of r.stripped) await this.store.mutations.replaceJournal(seq, m);
      await this.store.mutations.deleteJournal(r.done);
    });
  }

  private async sealStep(): Promise<void> {
    const ids = this.seals.take();
    if (ids.length === 0) return;
    let seqs: number[];
    try {
      seqs = await this.runs.seal(this.ctx, ids);
    } catch (e) {
      // The points are still pending (and in the journal); a failing write (storage full) is
      // retried after a pause rather than in a hot loop.
      this.seals.pause();
      throw e;
    }
    await this.durable.whenDurable(() => this.store.mutations.deleteJournal(seqs));
  }

  /** Folds what transactions touched and applies the rows that differ (refused while local
   * changes wait in the journal: then they are drained first and the fold runs again). */
  private async foldStep(): Promise<void> {
    const batch = this.changes.take();
    const mutations: Mutation[] = [];
    const activity: Activity[] = [];
    for (const [name, p] of batch) {
      const doc = this.docs.get(name);
      if (!doc || (!p.all && p.events.length === 0)) continue;
      typeRootMaps(doc);
      for (const a of this.adapters) {
        try {
          const r = await a.project(this.ctx, doc, p.all ? [] : p.events);
          mutations.push(...r.mutations);
          activity.push(...r.activity);
        } catch (e) {
          this.problem(`${a.name} could not fold ${name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    if (!(await applyRemote(this.store.mutations, mutations, this.drainedThrough, (text) => this.problem(text)))) {
      this.changes.restore(batch);
      this.drainRequest.now(); // the fold waits for this drain: no window
      return;
    }
    if (activity.length > 0) for (const l of [...this.activityListeners]) l(activity);
  }

  /** Chunks whose bytes are here -> appended points. */
  private async appendStep(): Promise<void> {
    await applyRemote(this.store.mutations, await this.runs.takeReady(this.ctx, 32), undefined, (text) => this.problem(text));
  }

  private problem(text: string): void {
    this.problemList.push(text);
    if (this.problemList.length > MAX_PROBLEMS) this.problemList.splice(0, this.problemList.length - MAX_PROBLEMS);
  }
}
