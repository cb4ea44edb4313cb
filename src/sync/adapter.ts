// What the replicator needs from each area it syncs (runs and experiments; the registry). The
// replicator owns the plumbing — the journal, the Yjs documents, origins, applying remote results
// through the mutation layer — and an adapter owns the meaning of its part of the documents.
import type * as Y from 'yjs';
import type { HybridClock } from '../domain/sync/hlc';
import type { Mutation } from '../domain/mutations';
import type { WorkspaceStore } from '../storage/workspace-store';

/** Yjs transaction origin of writes made by this peer's replicator (remote ones have others). */
export const LOCAL_ORIGIN = 'orchard-local';

export interface SyncContext {
  readonly store: WorkspaceStore;
  readonly clock: HybridClock;
  /** who writes: stamped into every slot */
  readonly by: { peer: string; user: string };
  /** the workspace's root document (experiments, registry) */
  root(): Y.Doc;
  /** the run shard document holding a run, its metric chunk refs and artifact refs
   * (`domain/sync/doc-names.ts runDocName`; all shards are open once the replicator started) */
  runDoc(runId: string): Y.Doc;
}

/** A human-readable line for the activity feed: who changed what. */
export interface Activity {
  at: number;
  peer: string;
  user: string;
  text: string;
  /** an app path to open (a run, a model version), if any */
  href?: string;
}

export interface SyncAdapter {
  readonly name: string;
  /** true for the local mutations this adapter writes into the documents */
  publishes(m: Mutation): boolean;
  /** Writes one committed local mutation into the documents. May read the store for what the
   * handler wrote (before writing: a Yjs transaction cannot span an await), then writes inside
   * `doc.transact(fn, LOCAL_ORIGIN)`, so the whole change is one update. These writes are folded
   * back too (project() sees their events): the writer must end with the rows every other peer
   * derives, even where a rule ties entities together. `ageMs`: how long ago the change was
   * committed (for its stamp: HybridClock.now). */
  publish(ctx: SyncContext, m: Mutation, ageMs?: number): Promise<void>;
  /** Writes everything already stored locally (first share of an existing workspace). Idempotent. */
  snapshot(ctx: SyncContext): Promise<void>;
  /**
   * Remote Yjs changes arrived in `doc`: returns the local mutations (applied with origin
   * 'remote', never journalled) that make the Dexie tables equal to the folded documents, and
   * activity lines for the feed. Must be deterministic in the document state, and idempotent.
   * An empty `events` list means "project the whole document" (start-up, a document just loaded,
   * a root map first seen). Events are handed over after their transaction ended: read only
   * `event.target` and `event.keysChanged`. The replicator applies the result in one batch that is
   * refused (and retried after publishing) if a local change is still waiting in the journal.
   */
  project(ctx: SyncContext, doc: Y.Doc, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): Promise<{ mutations: Mutation[]; activity: Activity[] }>;
  /** Lets go of listeners the adapter registered (the session calls it when it stops). */
  dispose?(): void;
}
