// The meta.yaml files of MLflow's FileStore, read as MLflow reads them (file_store.py
// `_read_persisted_experiment_dict`, `_read_persisted_run_info_dict`, `_FileStoreInput.from_yaml`,
// `Dataset.from_dictionary`; model_registry/file_store.py) into plain camelCase records. This and
// the registry readers next to it are the one place MLflow's snake_case meta keys are named.
// YAML goes through loadPyYaml's strict mode (PyYAML safe_load rules): a `!!python/object` or any
// other non-data tag is refused, never constructed. Every error says which key is wrong; the
// caller adds the file's path.
import { invalidParameter } from '../errors';
import { RUN_STATUSES, type LifecycleStage, type RunStatus } from '../entities';
import { loadPyYaml } from '../models/pyyaml-load';
import { readFlatYaml } from './flat-yaml';

export type Meta = Record<string, unknown>;

/** The mapping in a meta.yaml; empty files and non-mappings are malformed (MLflow's read_yaml gives None). */
export function readMeta(text: string): Meta {
  const flat = readFlatYaml(text);
  if (flat) return flat;
  const { value } = loadPyYaml(text, 'strict');
  if (value === null || value === undefined) throw invalidParameter('meta.yaml is empty.');
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) throw invalidParameter('meta.yaml is not a mapping of keys to values.');
  return value as Meta;
}

const shown = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));

/** A string field; ints become their decimal text (experiment ids were ints in old files). */
export function text(meta: Meta, key: string, fallback?: string): string {
  const v = meta[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  throw invalidParameter(v === undefined ? `'${key}' is missing.` : `'${key}' should be text, got ${shown(v)}.`);
}

/** A millisecond time or other integer; null/absent gives `fallback` (null unless told). */
export function integer(meta: Meta, key: string): number | null {
  const v = meta[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw invalidParameter(`'${key}' should be an integer, got ${shown(v)}.`);
}

function lifecycle(meta: Meta): LifecycleStage {
  const v = meta.lifecycle_stage;
  if (v === undefined || v === null) return 'active';
  if (v === 'active' || v === 'deleted') return v;
  throw invalidParameter(`'lifecycle_stage' should be active or deleted, got ${shown(v)}.`);
}

export interface ExperimentMeta {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  /** absent in files written before MLflow 1.29 */
  creationTime: number | null;
  lastUpdateTime: number | null;
}

export function parseExperimentMeta(source: string): ExperimentMeta {
  const meta = readMeta(source);
  const name = text(meta, 'name');
  if (name === '') throw invalidParameter("'name' is empty.");
  return {
    experimentId: text(meta, 'experiment_id'),
    name,
    artifactLocation: text(meta, 'artifact_location', ''),
    lifecycleStage: lifecycle(meta),
    creationTime: integer(meta, 'creation_time'),
    lastUpdateTime: integer(meta, 'last_update_time'),
  };
}

export interface RunMeta {
  runId: string;
  experimentId: string;
  /** '' when the file has none (MLflow < 1.29 kept it in the mlflow.runName tag only) */
  runName: string;
  /** MLflow 0.x/1.x `name` field, used only when nothing else names the run */
  legacyName: string;
  userId: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  artifactUri: string | null;
  lifecycleStage: LifecycleStage;
  deletedTime: number | null;
}

/** RunStatus in meta.yaml is an int (1 RUNNING ... 5 KILLED); a missing one reads as RUNNING. */
function runStatus(meta: Meta): RunStatus {
  const v = meta.status;
  if (v === undefined || v === null) return 'RUNNING';
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= RUN_STATUSES.length) return RUN_STATUSES[v - 1] as RunStatus;
  if (typeof v === 'string' && (RUN_STATUSES as readonly string[]).includes(v)) return v as RunStatus;
  throw invalidParameter(`'status' should be 1 (RUNNING), 2 (SCHEDULED), 3 (FINISHED), 4 (FAILED) or 5 (KILLED), got ${shown(v)}.`);
}

export function parseRunMeta(source: string): RunMeta {
  const meta = readMeta(source);
  const runId = meta.run_id ?? meta.run_uuid;
  if (meta.run_id !== undefined && meta.run_uuid !== undefined && meta.run_id !== meta.run_uuid) {
    throw invalidParameter(`'run_id' (${shown(meta.run_id)}) and 'run_uuid' (${shown(meta.run_uuid)}) differ.`);
  }
  if (typeof runId !== 'string' || runId === '') throw invalidParameter("'run_id' is missing.");
  const uri = meta.artifact_uri;
  return {
    runId,
    experimentId: text(meta, 'experiment_id'),
    runName: text(meta, 'run_name', ''),
    legacyName: typeof meta.name === 'string' ? meta.name : '',
    userId: text(meta, 'user_id', ''),
    status: runStatus(meta),
    startTime: integer(meta, 'start_time'),
    endTime: integer(meta, 'end_time'),
    artifactUri: typeof uri === 'string' && uri !== '' ? uri : null,
    lifecycleStage: lifecycle(meta),
    deletedTime: integer(meta, 'deleted_time'),
  };
}

export interface DatasetMeta {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
}

export function parseDatasetMeta(source: string): DatasetMeta {
  const meta = readMeta(source);
  const out: DatasetMeta = { name: text(meta, 'name'), digest: text(meta, 'digest'), sourceType: text(meta, 'source_type'), source: text(meta, 'source') };
  if (meta.schema !== undefined && meta.schema !== null) out.schema = text(meta, 'schema');
  if (meta.profile !== undefined && meta.profile !== null) out.profile = text(meta, 'profile');
  return out;
}

/** inputs/<id>/meta.yaml (and MLflow 3's outputs/<id>/meta.yaml): an edge from a dataset or model. */
export interface InputMeta {
  sourceType: string;
  sourceId: string;
  tags: Array<{ key: string; value: string }>;
}

export function parseInputMeta(source: string): InputMeta {
  const meta = readMeta(source);
  const tags = meta.tags ?? {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw invalidParameter(`'tags' should be a mapping, got ${shown(tags)}.`);
  return {
    sourceType: text(meta, 'source_type'),
    sourceId: text(meta, 'source_id'),
    tags: Object.entries(tags as Meta).map(([key, value]) => ({ key, value: value === null ? '' : String(value) })),
  };
}

/** MLflow 3's logged model (`<experiment>/models/<model_id>/meta.yaml`): what placing its files needs. */
export interface LoggedModelMeta {
  modelId: string;
  name: string;
  sourceRunId: string | null;
  artifactLocation: string;
  creationTimestamp: number | null;
}

export function parseLoggedModelMeta(source: string): LoggedModelMeta {
  const meta = readMeta(source);
  const run = meta.source_run_id;
  return {
    modelId: text(meta, 'model_id'),
    name: text(meta, 'name'),
    sourceRunId: typeof run === 'string' && run !== '' ? run : null,
    artifactLocation: text(meta, 'artifact_location', ''),
    creationTimestamp: integer(meta, 'creation_timestamp'),
  };
}
