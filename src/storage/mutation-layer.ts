// The one door through which workspace data changes. Each mutation runs in a single IndexedDB
// transaction (all or nothing), then listeners hear about it: the run cache, live views, and
// later the sync replicator. Other tabs hear through a BroadcastChannel so they refresh too.
import { MlflowError } from '../domain/errors';
import type { Mutation, MutationEffect, MutationOrigin, MutationType } from '../domain/mutations';
import type { JournalRow, WorkspaceDb } from './schema';
import * as artifacts from './mutations/artifacts';
import * as experiments from './mutations/experiments';
import * as runs from './mutations/runs';
import * as retention from './mutations/retention';
import { isQuotaExceeded } from './quota-exceeded';
import * as aliases from './mutations/registry-aliases';
import * as approvals from './mutations/registry-approvals';
import * as models from './mutations/registry-models';
import * as versions from './mutations/registry-versions';
import * as syncRegistry from './mutations/sync-registry';
import * as syncRuns from './mutations/sync-runs';
import * as importTracking from './mutations/import-tracking';
import * as importRegistry from './mutations/import-registry';
import { JOURNAL_FLAG, SNAPSHOT_FLAG } from './sync-flags';

type Handler<T extends MutationType> = (db: WorkspaceDb, m: Extract<Mutation, { type: T }>) => Promise<MutationEffect>;

/** The command table: every mutation type and the handler that applies it. */
const HANDLERS: { [T in MutationType]: Handler<T> } = {
  'experiment/create': experiments.createExperiment,
  'experiment/rename': experiments.renameExperiment,
  'experiment/setLifecycle': experiments.setExperimentLifecycle,
  'experiment/setTag': experiments.setExperimentTag,
  'experiment/deleteTag': experiments.deleteExperimentTag,
  'run/create': runs.createRun,
  'run/update': runs.updateRun,
  'run/setLifecycle': runs.setRunLifecycle,
  'run/move': runs.moveRun,
  'run/logBatch': runs.logBatch,
  'run/deleteTag': runs.deleteRunTag,
  'run/logInputs': runs.logInputs,
  'artifact/put': artifacts.putArtifact,
  'registry/createModel': models.createModel,
  'registry/renameModel': models.renameModel,
  'registry/updateModel': models.updateModel,
  'registry/deleteModel': models.deleteModel,
  'registry/setModelTag': models.setModelTag,
  'registry/deleteModelTag': models.deleteModelTag,
  'registry/createVersion': versions.createVersion,
  'registry/updateVersion': versions.updateVersion,
  'registry/transitionStage': versions.transitionStage,
  'registry/deleteVersion': versions.deleteVersion,
  'registry/setVersionTag': versions.setVersionTag,
  'registry/deleteVersionTag': versions.deleteVersionTag,
  'registry/setAlias': aliases.setAlias,
  'registry/deleteAlias': aliases.deleteAlias,
  'registry/setGate': approvals.setGate,
  'registry/requestTransition': approvals.requestTransition,
  'registry/decideTransition': approvals.decideTransition,
  'sync/registryModel': syncRegistry.syncRegistryModel,
  'sync/registryDrop': syncRegistry.syncRegistryDrop,
  'sync/registryRequests': syncRegistry.syncRegistryRequests,
  'sync/registryEvents': syncRegistry.syncRegistryEvents,
  'sync/registryDerived': syncRegistry.syncRegistryDerived,
  'sync/putExperiment': syncRuns.putExperiment,
  'sync/putRun': syncRuns.putRun,
  'sync/appendMetrics': syncRuns.appendMetrics,
  'sync/putArtifactRef': syncRuns.putArtifactRef,
  'retention/purgeRuns': retention.purgeRuns,
  'retention/purgeExperiments': retention.purgeExperiments,
  'retention/dropOrphanBlobs': retention.dropOrphanBlobs,
  'import/experiment': importTracking.importExperiment,
  'import/runs': importTracking.importRuns,
  'import/artifacts': importTracking.importArtifacts,
  'import/registeredModel': importRegistry.importRegisteredModel,
};

export type MutationListener = (mutations: readonly Mutation[], effect: MutationEffect, origin: MutationOrigin) => void;

export interface ApplyOptions {
  /**
   * Sync projections only: refuse the batch (ABORTED, nothing written) when the journal holds an
   * entry with a higher seq, i.e. a local change the replicator has not written into the documents
   * yet. The replicator publishes it and folds again, so a remote fold never overwrites a local
   * change it did not include.
   */
  unlessJournalAfter?: number;
  /**
   * Called inside the transaction after each mutation is applied (a long import reports progress
   * with it). Throwing from it (a cancelled import) rolls the whole batch back.
   */
  onApplied?: (done: number, total: number) => void;
}

/** What other tabs are told after a commit: only ids, never data. */
interface TabMessage {
  effect: MutationEffect;
}

export class MutationLayer {
  private readonly listeners = new Set<MutationListener>();
  private readonly tabListeners = new Set<(effect: MutationEffect) => void>();
  private readonly channel: BroadcastChannel | undefined;

  constructor(private readonly db: WorkspaceDb) {
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(`orchard:${db.name}`);
      this.channel.onmessage = (e: MessageEvent<TabMessage>) => {
        for (const l of this.tabListeners) l(e.data.effect);
      };
    }
  }

  /**
   * Applies mutations in order inside one transaction: either all are stored or none is.
   * Throws the first handler's MlflowError, or RESOURCE_EXHAUSTED when the browser's quota is full.
   */
  async apply(mutations: Mutation | readonly Mutation[], origin: MutationOrigin = 'local', options: ApplyOptions = {}): Promise<MutationEffect> {
    const list = Array.isArray(mutations) ? (mutations as readonly Mutation[]) : [mutations as Mutation];
    const effect: MutationEffect = { experimentIds: [], runIds: [] };
    const registeredModels: string[] = [];
    const { db } = this;
    const tables = [db.experiments, db.runs, db.metricChunks, db.metricOverviews, db.artifacts, db.blobs];
    const registry = [db.registeredModels, db.modelVersions, db.registryEvents, db.approvalRequests, db.approvalGates];
    const sync = [db.settings, db.journal, db.syncApplied, db.syncUploads];
    try {
      await db.transaction('rw', [...tables, ...registry, ...sync], async () => {
        if (options.unlessJournalAfter !== undefined) await refuseIfJournalAfter(db, options.unlessJournalAfter);
        for (const [i, m] of list.entries()) {
          const handler = HANDLERS[m.type] as Handler<typeof m.type>;
          const e = await handler(db, m);
          effect.experimentIds.push(...e.experimentIds);
          effect.runIds.push(...e.runIds);
          registeredModels.push(...(e.registeredModels ?? []));
          options.onApplied?.(i + 1, list.length);
        }
        if (origin !== 'remote') await writeJournal(db, list);
      });
    } catch (err) {
      throw asStorageError(err);
    }
    effect.experimentIds = [...new Set(effect.experimentIds)];
    effect.runIds = [...new Set(effect.runIds)];
    if (registeredModels.length > 0) effect.registeredModels = [...new Set(registeredModels)];
    for (const l of this.listeners) l(list, effect, origin);
    this.channel?.postMessage({ effect } satisfies TabMessage);
    return effect;
  }

  /** Hears every committed mutation of this tab. Returns the unsubscribe function. */
  onMutation(listener: MutationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears what other tabs committed (ids only). Returns the unsubscribe function. */
  onOtherTab(listener: (effect: MutationEffect) => void): () => void {
    this.tabListeners.add(listener);
    return () => this.tabListeners.delete(listener);
  }

  /**
   * Sync on or off for this workspace (settings key 'sync.journal', read inside every apply, so
   * other tabs and the service worker journal too). Turning it off forgets the journal and the
   * first-share snapshot, so sharing again starts from what is stored then.
   */
  async setJournaling(on: boolean): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.settings, db.journal, async () => {
      await db.settings.put({ key: JOURNAL_FLAG, value: on });
      if (!on) {
        await db.journal.clear();
        await db.settings.delete(SNAPSHOT_FLAG);
      }
    });
  }

  async isJournaling(): Promise<boolean> {
    return (await this.db.settings.get(JOURNAL_FLAG))?.value === true;
  }

  /**
   * Turns the journal on and runs `read` in the same transaction, which also empties the journal:
   * what `read` sees is exactly what no journal entry holds, and every later change is journalled.
   * Writers wait for it (it takes every table), so `read` should read rows and keys, not history.
   */
  async beginSnapshot<T>(read: (db: WorkspaceDb) => Promise<T>): Promise<T> {
    const { db } = this;
    const all = [db.experiments, db.runs, db.metricChunks, db.metricOverviews, db.artifacts, db.blobs, db.settings, db.journal];
    return db.transaction('rw', all, async () => {
      await db.settings.put({ key: JOURNAL_FLAG, value: true });
      await db.journal.clear();
      return read(db);
    });
  }

  /** True once everything stored before the journal started has been written into the documents. */
  async snapshotDone(): Promise<boolean> {
    return (await this.db.settings.get(SNAPSHOT_FLAG))?.value === true;
  }

  async markSnapshotDone(): Promise<void> {
    await this.db.settings.put({ key: SNAPSHOT_FLAG, value: true });
  }

  /** Journal entries with seq above `seq`, oldest first (at most `limit`). */
  async journalAfter(seq: number, limit: number): Promise<Array<JournalRow & { seq: number }>> {
    const rows = await this.db.journal.where('seq').above(seq).limit(limit).toArray();
    return rows as Array<JournalRow & { seq: number }>;
  }

  /** Removes entries the replicator has written into the documents. */
  async deleteJournal(seqs: readonly number[]): Promise<void> {
    if (seqs.length > 0) await this.db.journal.bulkDelete([...seqs]);
  }

  /** Replaces an entry by what is left of it to publish (a logBatch whose params and tags are in the
   * documents keeps only its metric points until they are sealed into a chunk). An entry sealed
   * meanwhile (now a seal marker, or gone) is left as it is. */
  async replaceJournal(seq: number, mutation: Mutation): Promise<void> {
    await this.db.journal
      .where('seq')
      .equals(seq)
      .modify((row: JournalRow) => {
        if (!syncRuns.isSealMarker(row.mutation)) row.mutation = mutation;
      });
  }

  close(): void {
    this.channel?.close();
    this.listeners.clear();
    this.tabListeners.clear();
  }
}


async function refuseIfJournalAfter(db: WorkspaceDb, seq: number): Promise<void> {
  const last = await db.journal.toCollection().lastKey();
  if (typeof last === 'number' && last > seq) {
    throw new MlflowError('Local changes are waiting to be written into the sync documents; the remote change will be applied after them.', 'ABORTED');
  }
}

/**
 * When sync is on, every non-remote mutation is written into the journal in the committing
 * transaction, so a tab closed before the replicator runs loses nothing. `sync/*` projections are
 * never journalled. An artifact's bytes are in blobs already: its entry omits them, and the bytes
 * are queued for upload in the same transaction (imported artifacts too).
 */
async function writeJournal(db: WorkspaceDb, list: readonly Mutation[]): Promise<void> {
  if ((await db.settings.get(JOURNAL_FLAG))?.value !== true) return;
  const at = Date.now();
  const rows: JournalRow[] = [];
  for (const m of list) {
    if (m.type.startsWith('sync/')) continue;
    if (m.type === 'artifact/put') {
      const { data: _bytes, ...ref } = m;
      rows.push({ mutation: ref as Mutation, at });
      await db.syncUploads.put({ sha256: m.sha256, size: m.size, queuedAt: at });
    } else if (m.type === 'import/artifacts') {
      rows.push({ mutation: { ...m, files: m.files.map(({ data: _bytes, ...ref }) => ref) } as unknown as Mutation, at });
      await db.syncUploads.bulkPut(m.files.map((f) => ({ sha256: f.sha256, size: f.size, queuedAt: at })));
    } else rows.push({ mutation: m, at });
  }
  if (rows.length > 0) await db.journal.bulkAdd(rows);
}

function asStorageError(err: unknown): unknown {
  if (err instanceof MlflowError) return err;
  if (isQuotaExceeded(err)) {
    return new MlflowError(
      'The browser refused to store more data (storage quota exceeded). Nothing from this write was kept; ' +
        'free space (delete runs or artifacts) or grant persistent storage, then try again.',
      'RESOURCE_EXHAUSTED',
    );
  }
  return err;
}
