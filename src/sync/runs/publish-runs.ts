// One committed local experiment/run/artifact mutation into entity writes. Each mutation writes
// exactly the fields its handler changed, with the mutation's own stamp, so a peer that only ever
// wrote locally folds back to its own rows. Values that depend on the current state (merged
// dataset inputs, cascaded lifecycles) are computed from the fold, never from possibly stale rows.
import type * as Y from 'yjs';
import { RUN_NAME_TAG } from '../../domain/system-tags';
import type { Mutation } from '../../domain/mutations';
import { artifactEntityId, artifactFields } from '../../domain/sync/artifact-entity';
import { experimentFields, experimentTagField } from '../../domain/sync/experiment-entity';
import type { Hlc } from '../../domain/sync/hlc';
import { PARAM, TAG, checkRunField, inputField, inputValue, mergeInput, orderKey, parseInputValue, runFields } from '../../domain/sync/run-entity';
import type { FieldValue } from '../../domain/sync/slots';
import type { WorkspaceDb } from '../../storage/schema';
import type { EntityWriter } from './entity-writer';
import { ARTIFACTS, EXPERIMENTS, RUNS } from './maps';

export interface PublishEnv {
  writer: EntityWriter;
  /** this mutation's stamp */
  hlc: Hlc;
  db: WorkspaceDb;
  root: Y.Doc;
  /** the run shard document holding a run */
  runDoc(runId: string): Y.Doc;
}

type RunsMutation = Extract<Mutation, { type: `experiment/${string}` | `run/${string}` | 'artifact/put' | 'import/experiment' | 'import/runs' | 'import/artifacts' }>;

export const publishesRuns = (m: Mutation): m is RunsMutation =>
  m.type.startsWith('experiment/') || m.type.startsWith('run/') || m.type === 'artifact/put' || m.type === 'import/experiment' || m.type === 'import/runs' || m.type === 'import/artifacts';

/** The fields of `next` whose value differs from `previous` (all of them without one): what an
 * import changed. Fields an import drops are none (import never deletes), so none are cleared. */
function changedFields(next: Record<string, FieldValue>, previous: Record<string, FieldValue> | null): Record<string, FieldValue> {
  if (!previous) return next;
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(next)) if (JSON.stringify(previous[k]) !== JSON.stringify(v)) out[k] = v;
  return out;
}

export async function publishRunsMutation(env: PublishEnv, m: RunsMutation): Promise<void> {
  const { writer, hlc, root } = env;
  const runWrite = async (runId: string, changes: Record<string, FieldValue>): Promise<void> => {
    if (Object.keys(changes).length > 0) writer.set(env.runDoc(runId), RUNS, runId, changes, hlc);
  };
  switch (m.type) {
    case 'experiment/create':
      writer.set(root, EXPERIMENTS, m.experiment.experimentId, experimentFields(m.experiment), hlc);
      return;
    case 'experiment/rename':
      writer.set(root, EXPERIMENTS, m.experimentId, { name: m.name, lastUpdateTime: m.at }, hlc);
      return;
    case 'experiment/setLifecycle':
      writer.set(root, EXPERIMENTS, m.experimentId, { lifecycleStage: m.stage, lastUpdateTime: m.at }, hlc);
      await cascadeLifecycle(env, m.experimentId);
      return;
    case 'experiment/setTag':
      writer.set(root, EXPERIMENTS, m.experimentId, { [experimentTagField(m.key)]: m.value }, hlc);
      return;
    case 'experiment/deleteTag':
      writer.set(root, EXPERIMENTS, m.experimentId, { [experimentTagField(m.key)]: null }, hlc);
      return;
    case 'run/create':
      writer.set(env.runDoc(m.run.info.runId), RUNS, m.run.info.runId, runFields(m.run, hlc), hlc);
      return;
    case 'run/update': {
      const f: Record<string, FieldValue> = {};
      if (m.status !== undefined) f.status = m.status;
      if (m.endTime !== undefined) f.endTime = m.endTime;
      if (m.runName !== undefined) {
        f.runName = m.runName;
        f[TAG + RUN_NAME_TAG] = m.runName;
      }
      return runWrite(m.runId, f);
    }
    case 'run/setLifecycle':
      return runWrite(m.runId, { lifecycleStage: m.stage, deletedTime: m.stage === 'deleted' ? m.at : null });
    case 'run/move': {
      const target = await env.db.experiments.get(m.experimentId);
      const f: Record<string, FieldValue> = { experimentId: m.experimentId };
      if (target) f.artifactUri = `${target.artifactLocation}/${m.runId}/artifacts`;
      return runWrite(m.runId, f);
    }
    case 'run/logBatch': {
      const f: Record<string, FieldValue> = {};
      if (m.params.length > 0) {
        const current = writer.read(env.runDoc(m.runId), RUNS, m.runId, checkRunField);
        // An unchanged param is not written again: a second stamp of the same value would only
        // grow the slot (first logged wins anyway).
        for (const p of m.params) if (current.get(PARAM + p.key)?.value !== p.value) f[PARAM + p.key] = p.value;
      }
      for (const t of m.tags) {
        f[TAG + t.key] = t.value;
        if (t.key === RUN_NAME_TAG) f.runName = t.value;
      }
      return runWrite(m.runId, f);
    }
    case 'run/deleteTag':
      return runWrite(m.runId, { [TAG + m.key]: null });
    case 'run/logInputs': {
      const current = writer.read(env.runDoc(m.runId), RUNS, m.runId, checkRunField);
      const f: Record<string, FieldValue> = {};
      let fresh = 0;
      for (const d of m.datasets) {
        const field = inputField(d.dataset.name, d.dataset.digest);
        const queued = f[field] as unknown;
        const existing = queued !== undefined ? parseInputValue(field, queued) : parseInputValue(field, current.get(field)?.value);
        const value = existing ? mergeInput(existing, d) : inputValue(d, orderKey(hlc, fresh++));
        f[field] = value as unknown as FieldValue;
      }
      return runWrite(m.runId, f);
    }
    case 'artifact/put':
      writer.set(env.runDoc(m.runId), ARTIFACTS, artifactEntityId(m.runId, m.path), artifactFields({ sha256: m.sha256, size: m.size, at: m.at }), hlc);
      return;
    case 'import/experiment': {
      const f = changedFields(experimentFields(m.experiment), m.previous && experimentFields(m.previous));
      if (Object.keys(f).length > 0) writer.set(root, EXPERIMENTS, m.experiment.experimentId, f, hlc);
      return;
    }
    case 'import/runs':
      // Compared under one order key, so a dataset input counts as changed only when it is.
      for (const { run, previous } of m.runs) {
        const changed = changedFields(runFields(run, ''), previous && runFields(previous, ''));
        const stamped = runFields(run, hlc);
        await runWrite(run.runId, Object.fromEntries(Object.keys(changed).map((k) => [k, stamped[k] as FieldValue])));
      }
      return;
    case 'import/artifacts':
      for (const f of m.files) writer.set(env.runDoc(m.runId), ARTIFACTS, artifactEntityId(m.runId, f.path), artifactFields({ sha256: f.sha256, size: f.size, at: m.at }), hlc);
      return;
  }
}

/**
 * Deleting or restoring an experiment changed its runs' lifecycles too (MLflow cascades). The
 * handler decided which runs; the stored rows say the outcome, and only runs whose folded
 * lifecycle differs from it are written.
 */
async function cascadeLifecycle(env: PublishEnv, experimentId: string): Promise<void> {
  const rows = await env.db.runs.where('info.experimentId').equals(experimentId).toArray();
  for (const row of rows) {
    const doc = env.runDoc(row.runId);
    const current = env.writer.read(doc, RUNS, row.runId, checkRunField);
    const stage = current.get('lifecycleStage')?.value;
    const deletedTime = current.get('deletedTime')?.value ?? null;
    if (stage !== row.info.lifecycleStage || deletedTime !== row.deletedTime) {
      env.writer.set(doc, RUNS, row.runId, { lifecycleStage: row.info.lifecycleStage, deletedTime: row.deletedTime }, env.hlc);
    }
  }
}

