// exportWorkspaceJson: the workspace (or chosen experiments / runs) as one JSON document
// (json-format.ts). It is built in memory: for very large workspaces the streamed zip is the way out.
import type { Run } from '../../domain/entities';
import { doubleToJson, experimentToJson, runToJson } from '../rest/json';
import { latestOf } from '../rest/latest-metrics';
import { modelVersionToJson, registeredModelToJson } from '../rest/registry-json';
import { toModelVersion, toRegisteredModel } from '../registry/registry-rows';
import type { Workspace } from '../workspace';
import { ORCHARD_EXPORT_FORMAT, ORCHARD_EXPORT_VERSION, type ArtifactJson, type MetricHistoryJson, type OrchardJsonExport } from './json-format';
import type { ExportSelection } from './options';
import { registryForExport } from './registry-files';
import { artifactBlob, artifactRowsOf, metricHistoriesOf, type MetricHistoryReader } from './run-reads';
import { planExport, runRowsInBatches } from './selection';

export interface JsonExportOptions extends ExportSelection {
  /** default 'base64': artifact bytes inside the document; 'omitted': only their sha256 and size */
  artifactBytes?: 'base64' | 'omitted';
  /** default true */
  includeRegistry?: boolean;
  signal?: AbortSignal;
}

/** @example const doc = await exportWorkspaceJson(ws, { runIds: [runId] }); download(JSON.stringify(doc)) */
export async function exportWorkspaceJson(ws: Workspace, options: JsonExportOptions = {}): Promise<OrchardJsonExport> {
  await ws.flush();
  const plan = await planExport(ws, options);
  const artifactBytes = options.artifactBytes ?? 'base64';
  const doc: OrchardJsonExport = {
    format: ORCHARD_EXPORT_FORMAT,
    version: ORCHARD_EXPORT_VERSION,
    exportedAt: Date.now(),
    workspace: ws.name,
    artifactBytes,
    experiments: [],
    runs: [],
    metricHistories: [],
    artifacts: [],
    registry: { registeredModels: [], modelVersions: [] },
  };
  for (const { experiment, runIds } of plan.experiments) {
    doc.experiments.push(experimentToJson(experiment));
    for await (const row of runRowsInBatches(ws, runIds)) {
      options.signal?.throwIfAborted();
      const run: Run = { info: row.info, data: row.data, inputs: row.inputs ?? { datasetInputs: [] } };
      doc.runs.push({ ...runToJson(run, latestOf(run, row.metricSummaries)), deleted_time: row.deletedTime ?? null });
      for await (const history of metricHistoriesOf(ws, row)) doc.metricHistories.push(await historyJson(row.runId, history));
      for (const a of await artifactRowsOf(ws, row.runId)) doc.artifacts.push(await artifactJson(ws, a, artifactBytes));
    }
  }
  if (options.includeRegistry ?? true) {
    for (const { model, versions, aliases } of await registryForExport(ws, plan)) {
      const kept = { ...model, aliases };
      doc.registry.registeredModels.push({ ...registeredModelToJson(toRegisteredModel(kept, versions)), next_version: model.nextVersion });
      for (const v of versions) doc.registry.modelVersions.push({ ...modelVersionToJson(toModelVersion(v, aliases)), storage_location: v.storageLocation });
    }
  }
  return doc;
}

async function historyJson(runId: string, history: MetricHistoryReader): Promise<MetricHistoryJson> {
  const h: MetricHistoryJson = { run_id: runId, key: history.key, steps: [], timestamps: [], values: [] };
  for await (const cols of history.columns) {
    for (let i = 0; i < cols.values.length; i++) {
      h.steps.push(cols.steps[i] as number);
      h.timestamps.push(cols.timestamps[i] as number);
      // + 0 turns -0 into 0, as JSON.stringify would write it anyway.
      h.values.push(doubleToJson((cols.values[i] as number) + 0) as MetricHistoryJson['values'][number]);
    }
  }
  return h;
}

async function artifactJson(ws: Workspace, row: Awaited<ReturnType<typeof artifactRowsOf>>[number], mode: 'base64' | 'omitted'): Promise<ArtifactJson> {
  const out: ArtifactJson = { run_id: row.runId, path: row.path, file_size: row.size, sha256: row.sha256 };
  if (mode === 'base64') {
    const blob = await artifactBlob(ws, row);
    // Bytes still on the relay (synced from a peer): the entry keeps its hash and size, no data.
    if (blob) out.data_base64 = base64(new Uint8Array(await blob.arrayBuffer()));
  }
  return out;
}

/** btoa over 32 KiB pieces: String.fromCharCode takes a piece at once instead of a byte at a time. */
function base64(bytes: Uint8Array): string {
  const pieces: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) pieces.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return btoa(pieces.join(''));
}
