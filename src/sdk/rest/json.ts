// Orchard's camelCase entities <-> MLflow's protobuf JSON (mlflow/utils/proto_json_utils.py
// `message_to_json`): snake_case names, int64 as JSON numbers, enums by name, non-finite doubles
// as "NaN" / "Infinity" / "-Infinity", unset fields and empty lists left out. The one place
// entity fields change case, in either direction.
import type { DatasetInput, Experiment, FileInfo, Metric, Run, RunInfo, ViewType } from '../../domain/entities';
import type { LogBatchInput } from '../runs';
import { asDouble, asInt, asObject, asObjectList, asString, optional, required, type JsonObject } from './request';

type KeyValue = { key: string; value: string };

/** The ViewType enum's names in number order (ACTIVE_ONLY = 1 ...). */
export const VIEW_TYPES: readonly ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

/** Drops undefined fields and empty lists, as protobuf JSON does for unset and empty fields. */
export function compact(fields: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/** JSON has no NaN or Infinity: protobuf writes them as strings. */
export function doubleToJson(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

export function keyValues(record: Record<string, string>): KeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

export function experimentToJson(e: Experiment): JsonObject {
  return compact({
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags: keyValues(e.tags),
  });
}

export function runInfoToJson(info: RunInfo): JsonObject {
  return compact({
    run_id: info.runId,
    // Deprecated duplicate of run_id that MLflow still fills in.
    run_uuid: info.runId,
    run_name: info.runName,
    experiment_id: info.experimentId,
    user_id: info.userId,
    status: info.status,
    start_time: info.startTime,
    // MLflow leaves end_time unset (not 0) while the run has not ended.
    end_time: info.endTime ?? undefined,
    artifact_uri: info.artifactUri,
    lifecycle_stage: info.lifecycleStage,
  });
}

export function metricToJson(m: Metric): JsonObject {
  return { key: m.key, value: doubleToJson(m.value), timestamp: m.timestamp, step: m.step };
}

function datasetInputToJson(d: DatasetInput): JsonObject {
  const ds = d.dataset;
  return compact({
    dataset: compact({
      name: ds.name,
      digest: ds.digest,
      source_type: ds.sourceType,
      source: ds.source,
      schema: ds.schema,
      profile: ds.profile,
    }),
    tags: d.tags.map((t) => ({ key: t.key, value: t.value })),
  });
}

/**
 * A Run. `latest` holds each metric's latest point (value, timestamp, step): MLflow's
 * data.metrics are full Metric messages, while the SDK's Run keeps only the latest value.
 */
export function runToJson(run: Run, latest: readonly Metric[]): JsonObject {
  return {
    info: runInfoToJson(run.info),
    data: compact({
      metrics: latest.map(metricToJson),
      params: keyValues(run.data.params),
      tags: keyValues(run.data.tags),
    }),
    // MLflow always sets the inputs message, so a run without datasets shows `"inputs": {}`.
    inputs: compact({ dataset_inputs: run.inputs.datasetInputs.map(datasetInputToJson) }),
  };
}

export function fileInfoToJson(f: FileInfo): JsonObject {
  return compact({ path: f.path, is_dir: f.isDir, file_size: f.fileSize });
}

// ---- request side: nested entities in request bodies ----

/** {key, value} pairs; an absent value is "" as in protobuf. Keys are checked by the SDK. */
function keyValuesFromJson(list: readonly JsonObject[], path: string): KeyValue[] {
  return list.map((t, i) => ({
    key: optional(t.key, `${path}[${i}].key`, asString) ?? '',
    value: optional(t.value, `${path}[${i}].value`, asString) ?? '',
  }));
}

/** Experiment or run-creation tags as the SDK takes them (a later duplicate key wins). */
export function tagRecordFromJson(list: readonly JsonObject[] | undefined, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of keyValuesFromJson(list ?? [], path)) out[t.key] = t.value;
  return out;
}

/** log-batch's metrics, params and tags, with MLflow's indexed required-field paths. */
export function logBatchFromJson(
  metrics: readonly JsonObject[] | undefined,
  params: readonly JsonObject[] | undefined,
  tags: readonly JsonObject[] | undefined,
): Required<LogBatchInput> {
  const batchMetrics = (metrics ?? []).map((m, i) => {
    const at = `metrics[${i}]`;
    return {
      key: required(m.key, `${at}.key`, asString),
      value: required(m.value, `${at}.value`, asDouble),
      timestamp: required(m.timestamp, `${at}.timestamp`, asInt),
      step: optional(m.step, `${at}.step`, asInt) ?? 0,
    };
  });
  (params ?? []).forEach((p, i) => required(p.key, `params[${i}].key`, asString));
  (tags ?? []).forEach((t, i) => required(t.key, `tags[${i}].key`, asString));
  return { metrics: batchMetrics, params: keyValuesFromJson(params ?? [], 'params'), tags: keyValuesFromJson(tags ?? [], 'tags') };
}

/** log-inputs' datasets. service.proto marks a dataset's name, digest, source_type and source,
 * and an input tag's key and value, as required. */
export function datasetInputsFromJson(list: readonly JsonObject[] | undefined): DatasetInput[] {
  return (list ?? []).map((d, i) => {
    const at = `datasets[${i}]`;
    const ds = required(d.dataset, `${at}.dataset`, asObject);
    const field = (name: string): string => required(ds[name], `${at}.dataset.${name}`, asString);
    const dataset: DatasetInput['dataset'] = {
      name: field('name'),
      digest: field('digest'),
      sourceType: field('source_type'),
      source: field('source'),
    };
    const schema = optional(ds.schema, `${at}.dataset.schema`, asString);
    const profile = optional(ds.profile, `${at}.dataset.profile`, asString);
    if (schema !== undefined) dataset.schema = schema;
    if (profile !== undefined) dataset.profile = profile;
    const tags = (optional(d.tags, `${at}.tags`, asObjectList) ?? []).map((t, j) => ({
      key: required(t.key, `${at}.tags[${j}].key`, asString),
      value: required(t.value, `${at}.tags[${j}].value`, asString),
    }));
    return { dataset, tags };
  });
}
