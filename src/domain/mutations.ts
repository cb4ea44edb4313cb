// Every change to a workspace is one of these plain, serialisable records. The storage layer is
// the only thing that applies them; a replicator (the sync issue) observes them after commit and
// replays remote ones through the same door. Ids and times are inside the record, never made up
// while applying, so applying the same mutation on two peers gives the same rows.
import type { DatasetInput, Experiment, LifecycleStage, Param, Run, RunStatus, RunTag } from './entities';
import type { MetricColumns } from './metric-history';

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
  | { type: 'artifact/put'; runId: string; path: string; sha256: string; size: number; data: Blob; at: number };

export type MutationType = Mutation['type'];

/** Where a mutation came from; the replicator ignores its own echoes by this. */
export type MutationOrigin = 'local' | 'remote' | 'import';

/** What a mutation touched, so caches and live views refresh only that. */
export interface MutationEffect {
  experimentIds: string[];
  runIds: string[];
}
