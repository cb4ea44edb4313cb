// Every change to a workspace is one of these plain, serialisable records. The storage layer is
// the only thing that applies them; a replicator (the sync issue) observes them after commit and
// replays remote ones through the same door. Ids and times are inside the record, never made up
// while applying, so applying the same mutation on two peers gives the same rows.
import type { DatasetInput, Experiment, LifecycleStage, Param, Run, RunStatus, RunTag } from './entities';
import type { MetricColumns } from './metric-history';
import type { AuditStamp } from './registry/audit-trail';
import type { ApprovalGate, ApprovalRequest, RegistryEvent, Stage } from './registry/entities';
import type { FoldedModelRow, FoldedVersionRow } from './sync/registry-fold';
import type { SyncedRun } from './sync/run-entity';
import type { RunRowLike } from './mlruns/import-rules';
import type { ModelRowLike, VersionRowLike } from './mlruns/registry-rules';

export type Mutation =
  | { type: 'experiment/create'; experiment: Experiment }
  | { type: 'experiment/rename'; experimentId: string; name: string; at: number }
  | { type: 'experiment/setLifecycle'; experimentId: string; stage: LifecycleStage; at: number }
  | { type: 'experiment/setTag'; experimentId: string; key: string; value: string }
  | { type: 'experiment/deleteTag'; experimentId: string; key: string }
  | { type: 'run/create'; run: Run }
  | { type: 'run/update'; runId: string; status?: RunStatus; endTime?: number | null; runName?: string }
  | { type: 'run/setLifecycle'; runId: string; stage: LifecycleStage; at: number }
  /** Beyond MLflow: a run changes experiment; its artifacts stay keyed by run id. */
  | { type: 'run/move'; runId: string; experimentId: string }
  | {
      type: 'run/logBatch';
      runId: string;
      params: Param[];
      /** columnar points per metric key, in the order they were logged */
      metrics: Array<{ key: string } & MetricColumns>;
      tags: RunTag[];
    }
  | { type: 'run/deleteTag'; runId: string; key: string }
  | { type: 'run/logInputs'; runId: string; datasets: DatasetInput[] }
  | { type: 'artifact/put'; runId: string; path: string; sha256: string; size: number; data: Blob; at: number }
  | RegistryMutation
  | SyncRegistryMutation
  | SyncRunMutation
  | RetentionMutation
  | ImportMutation;

/**
 * Model Registry changes (MLflow's registry plus Orchard's approvals). `audit` fixes the id, user
 * and time of the audit events the handler writes in the same transaction; version numbers are
 * assigned by the handler from the model's counter, so replaying in the same order gives the same
 * numbers.
 */
export type RegistryMutation =
  | { type: 'registry/createModel'; name: string; description: string; tags: Record<string, string>; audit: AuditStamp }
  | { type: 'registry/renameModel'; name: string; newName: string; audit: AuditStamp }
  | { type: 'registry/updateModel'; name: string; description: string; audit: AuditStamp }
  | { type: 'registry/deleteModel'; name: string; audit: AuditStamp }
  | { type: 'registry/setModelTag'; name: string; key: string; value: string; audit: AuditStamp }
  | { type: 'registry/deleteModelTag'; name: string; key: string; audit: AuditStamp }
  | {
      type: 'registry/createVersion';
      name: string;
      source: string;
      /** where the files are: the source, or what a models:/ source named when registered */
      storageLocation: string;
      runId: string;
      runLink: string;
      description: string;
      tags: Record<string, string>;
      audit: AuditStamp;
    }
  | { type: 'registry/updateVersion'; name: string; version: number; description: string; audit: AuditStamp }
  | { type: 'registry/transitionStage'; name: string; version: number; stage: Stage; archiveExistingVersions: boolean; audit: AuditStamp }
  | { type: 'registry/deleteVersion'; name: string; version: number; audit: AuditStamp }
  | { type: 'registry/setVersionTag'; name: string; version: number; key: string; value: string; audit: AuditStamp }
  | { type: 'registry/deleteVersionTag'; name: string; version: number; key: string; audit: AuditStamp }
  | { type: 'registry/setAlias'; name: string; alias: string; version: number; audit: AuditStamp }
  | { type: 'registry/deleteAlias'; name: string; alias: string; audit: AuditStamp }
  | { type: 'registry/setGate'; gate: ApprovalGate; audit: AuditStamp }
  | { type: 'registry/requestTransition'; request: ApprovalRequest; audit: AuditStamp }
  | { type: 'registry/decideTransition'; requestId: string; decision: 'APPROVED' | 'REJECTED' | 'CANCELLED'; comment: string; audit: AuditStamp };

export type MutationType = Mutation['type'];

/** Where a mutation came from; the replicator ignores its own echoes by this. */
export type MutationOrigin = 'local' | 'remote' | 'import';

/** What a mutation touched, so caches and live views refresh only that. */
export interface MutationEffect {
  experimentIds: string[];
  runIds: string[];
  /** registered model names whose model, versions, aliases, gate or requests changed */
  registeredModels?: string[];
}

// ---- Sync: the Model Registry (src/sync/registry, storage/mutations/sync-registry.ts) ----------
/**
 * The registry as folded from the peers' shared document (domain/sync/registry-fold.ts), applied
 * with origin 'remote' (never journalled). Each makes local rows equal to the fold and writes only
 * what differs, so applying the same fold twice is a no-op.
 */
export type SyncRegistryMutation =
  /** replace one model's rows (model, live versions, gate) with the folded ones */
  | { type: 'sync/registryModel'; model: FoldedModelRow; versions: FoldedVersionRow[]; gate: ApprovalGate | null }
  /** drop local models whose name the document no longer has, unless the document never saw them */
  | { type: 'sync/registryDrop'; live: string[]; introducedBy: Array<[string, string[]]> }
  | { type: 'sync/registryRequests'; requests: ApprovalRequest[] }
  /** add audit events not here yet (existing ids are left alone: events are immutable) */
  | { type: 'sync/registryEvents'; events: RegistryEvent[] }
  /** make the derived events (ids containing `.~`, e.g. renumbered versions) exactly these */
  | { type: 'sync/registryDerived'; events: RegistryEvent[] };

// ---- Sync: experiments, runs, metrics, artifact refs (src/sync/runs, storage/mutations/sync-runs.ts) ----
/**
 * What the replicator applies (origin 'remote', never journalled) so the local tables equal the
 * fold of the peers' shared documents. Rows are whole (the fold decides every field); metric points
 * arrive as chunks applied once each.
 */
export type SyncRunMutation =
  /** the experiment row as folded (its name already made unique by the name rule) */
  | { type: 'sync/putExperiment'; experiment: Experiment }
  /** the run row as folded: info, params (first logged wins, conflicts flagged), tags, inputs,
   * latest metrics and summaries from the metric refs */
  | { type: 'sync/putRun'; run: SyncedRun }
  /** a metric chunk's points, appended to the history once (`hash` recorded in syncApplied);
   * run summaries are not touched: they come with sync/putRun */
  | { type: 'sync/appendMetrics'; hash: string; runId: string; metrics: Array<{ key: string } & MetricColumns> }
  /** an artifact row without its bytes (they are fetched by sha256 when opened) */
  | { type: 'sync/putArtifactRef'; runId: string; path: string; sha256: string; size: number; at: number };

// ---- Retention: permanent deletion (storage/mutations/retention.ts, sdk/retention.ts) ----------
/**
 * What a confirmed retention plan removes for good. Each carries what the preview showed, and the
 * handler refuses (ABORTED, nothing removed) when the rows changed since, so nothing goes that the
 * user was not shown. Local only: refused in a shared workspace (the peers' documents would bring
 * the rows back), and the sync replicator publishes none of these.
 */
export type RetentionMutation =
  /** runs with everything they hold (metric history, overviews, artifact rows), each still in the
   * lifecycle stage the preview showed */
  | { type: 'retention/purgeRuns'; runs: Array<{ runId: string; lifecycleStage: LifecycleStage }> }
  /** deleted experiments whose runs are purged already (in the same batch) */
  | { type: 'retention/purgeExperiments'; experimentIds: string[] }
  /** artifact bytes, each only if no artifact row (nor sync's chunk and upload rows) points at it */
  | { type: 'retention/dropOrphanBlobs'; sha256s: string[] };

// ---- Import from MLflow: FileStore trees (storage/mutations/import-*.ts, sdk/import/) ---------
/**
 * An MLflow FileStore tree imported with its ids kept (origin 'import'). Rows are whole, merged
 * with what was stored by the import rules (domain/mlruns/import-rules.ts, registry-rules.ts);
 * `previous` is the stored row the import read, and the handler refuses (ABORTED, nothing
 * written) when the row changed since, so an import never overwrites a change it did not see.
 * One import is one batch: all of it is stored or none. Not journalled: sync does not carry
 * imports yet.
 */
export type ImportMutation =
  | { type: 'import/experiment'; experiment: Experiment; previous: Experiment | null }
  /** run rows (latest metrics and summaries included) and the points to append per key; a
   * batch of runs per mutation, because per-request cost dominates IndexedDB writes */
  | { type: 'import/runs'; runs: ImportedRun[] }
  | { type: 'import/artifacts'; runId: string; files: ImportedArtifact[]; at: number }
  /** the model row, its new or changed versions, and the audit events of the import */
  | {
      type: 'import/registeredModel';
      model: ModelRowLike;
      previous: ModelRowLike | null;
      versions: Array<{ row: VersionRowLike; previous: VersionRowLike | null }>;
      events: RegistryEvent[];
    };

export interface ImportedRun {
  run: RunRowLike;
  previous: RunRowLike | null;
  metrics: ImportedSeries[];
}

export interface ImportedSeries extends MetricColumns {
  key: string;
  /** the stored history's last chunk when the import read it (null: nothing stored) */
  after: { seq: number; count: number } | null;
}

export interface ImportedArtifact {
  path: string;
  sha256: string;
  size: number;
  data: Blob;
  /** the stored file's sha256 when the import read it (null: no file at that path) */
  previous: string | null;
}
