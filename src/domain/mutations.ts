// Every change to a workspace is one of these plain, serialisable records. The storage layer is
// the only thing that applies them; a replicator (the sync issue) observes them after commit and
// replays remote ones through the same door. Ids and times are inside the record, never made up
// while applying, so applying the same mutation on two peers gives the same rows.
import type { DatasetInput, Experiment, LifecycleStage, Param, Run, RunStatus, RunTag } from './entities';
import type { MetricColumns } from './metric-history';
import type { AuditStamp } from './registry/audit-trail';
import type { ApprovalGate, ApprovalRequest, Stage } from './registry/entities';

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
  | RegistryMutation;

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
