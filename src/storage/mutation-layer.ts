// The one door through which workspace data changes. Each mutation runs in a single IndexedDB
// transaction (all or nothing), then listeners hear about it: the run cache, live views, and
// later the sync replicator. Other tabs hear through a BroadcastChannel so they refresh too.
import { MlflowError } from '../domain/errors';
import type { Mutation, MutationEffect, MutationOrigin, MutationType } from '../domain/mutations';
import type { WorkspaceDb } from './schema';
import * as artifacts from './mutations/artifacts';
import * as experiments from './mutations/experiments';
import * as runs from './mutations/runs';
import * as aliases from './mutations/registry-aliases';
import * as approvals from './mutations/registry-approvals';
import * as models from './mutations/registry-models';
import * as versions from './mutations/registry-versions';

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
};

export type MutationListener = (mutations: readonly Mutation[], effect: MutationEffect, origin: MutationOrigin) => void;

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
  async apply(mutations: Mutation | readonly Mutation[], origin: MutationOrigin = 'local'): Promise<MutationEffect> {
    const list = Array.isArray(mutations) ? (mutations as readonly Mutation[]) : [mutations as Mutation];
    const effect: MutationEffect = { experimentIds: [], runIds: [] };
    const registeredModels: string[] = [];
    const { db } = this;
    const tables = [db.experiments, db.runs, db.metricChunks, db.metricOverviews, db.artifacts, db.blobs];
    const registry = [db.registeredModels, db.modelVersions, db.registryEvents, db.approvalRequests, db.approvalGates];
    try {
      await db.transaction('rw', [...tables, ...registry], async () => {
        for (const m of list) {
          const handler = HANDLERS[m.type] as Handler<typeof m.type>;
          const e = await handler(db, m);
          effect.experimentIds.push(...e.experimentIds);
          effect.runIds.push(...e.runIds);
          registeredModels.push(...(e.registeredModels ?? []));
        }
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

  close(): void {
    this.channel?.close();
    this.listeners.clear();
    this.tabListeners.clear();
  }
}

function asStorageError(err: unknown): unknown {
  if (err instanceof MlflowError) return err;
  const name = err instanceof Error ? err.name : '';
  const inner = (err as { inner?: { name?: string } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new MlflowError(
      'The browser refused to store more data (storage quota exceeded). Nothing from this write was kept; ' +
        'free space (delete runs or artifacts) or grant persistent storage, then try again.',
      'RESOURCE_EXHAUSTED',
    );
  }
  return err;
}
