// The meta.yaml files of an exported FileStore tree, with the keys and value types MLflow's
// FileStore writes (write_yaml: yaml.safe_dump, sorted keys, block style) so MLflow reads them:
// - experiment: dict(Experiment) minus tags (FileStore._create_experiment_with_id); after a delete
//   MLflow rewrites it from the whole entity, so a deleted experiment's file also has `tags`.
// - run: _make_persisted_run_info_dict: status as MLflow's RunStatus int, `tags: []` (legacy),
//   source_* and entry_point_name fixed, deleted_time. `run_uuid` is written too: MLflow 1.x/2.x
//   need it to read the file (RunInfo's first argument), 3.x drops unknown keys when reading.
// - registry: dict(RegisteredModel) minus tags/latest_versions, dict(FileModelVersion) minus
//   tags, with MLflow 3's keys (deployment_job_*, metrics, params, model_id); older MLflow drops
//   the keys it does not know (_MlflowObject.from_dictionary).
// Absent values are null (Python None), never left out: dumpPyYaml drops undefined.
import type { Dataset, Experiment, RunInfo, RunStatus } from '../entities';
import { dumpPyYaml } from '../models/pyyaml-dump';
import type { Stage } from '../registry/entities';

/** mlflow/entities/run_status.py: the int the meta file stores. */
export const RUN_STATUS_INT: Readonly<Record<RunStatus, number>> = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 };
/** SourceType.LOCAL, what FileStore writes for every run. */
const SOURCE_TYPE_LOCAL = 4;

type YamlDict = Record<string, unknown>;

export function experimentMeta(e: Experiment, artifactLocation: string): YamlDict {
  const meta: YamlDict = {
    artifact_location: artifactLocation,
    creation_time: e.creationTime,
    experiment_id: e.experimentId,
    last_update_time: e.lastUpdateTime,
    lifecycle_stage: e.lifecycleStage,
    name: e.name,
  };
  if (e.lifecycleStage === 'deleted') meta.tags = { ...e.tags };
  return meta;
}

export function runMeta(info: RunInfo, artifactUri: string, deletedTime: number | null): YamlDict {
  return {
    artifact_uri: artifactUri,
    deleted_time: deletedTime,
    end_time: info.endTime,
    entry_point_name: '',
    experiment_id: info.experimentId,
    lifecycle_stage: info.lifecycleStage,
    run_id: info.runId,
    run_name: info.runName,
    run_uuid: info.runId,
    source_name: '',
    source_type: SOURCE_TYPE_LOCAL,
    source_version: '',
    start_time: info.startTime,
    status: RUN_STATUS_INT[info.status],
    tags: [],
    user_id: info.userId,
  };
}

/** dict(Dataset): every property, None for a missing schema or profile. */
export function datasetMeta(d: Dataset): YamlDict {
  return { digest: d.digest, name: d.name, profile: d.profile ?? null, schema: d.schema ?? null, source: d.source, source_type: d.sourceType };
}

/** FileStore._FileStoreInput.write_yaml (which writes the dataset id as destination_id too). */
export function datasetInputMeta(datasetId: string, tags: ReadonlyArray<{ key: string; value: string }>): YamlDict {
  return {
    destination_id: datasetId,
    destination_type: 'RUN',
    source_id: datasetId,
    source_type: 'DATASET',
    tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
  };
}

export interface RegisteredModelMetaInput {
  name: string;
  userId: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string;
  aliases: ReadonlyArray<{ alias: string; version: string }>;
}

export function registeredModelMeta(m: RegisteredModelMetaInput): YamlDict {
  const meta: YamlDict = {
    // RegisteredModel.aliases is {alias: version}, the version a string.
    aliases: Object.fromEntries(m.aliases.map((a) => [a.alias, a.version])),
    creation_timestamp: m.creationTimestamp,
    deployment_job_id: null,
    deployment_job_state: null,
    description: m.description,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    name: m.name,
  };
  // Orchard records who created a model; MLflow's RegisteredModel has no such field and drops the
  // key when reading (from_dictionary keeps known properties), so it is written only when set.
  if (m.userId !== '') meta.user_id = m.userId;
  return meta;
}

export interface ModelVersionMetaInput {
  name: string;
  version: number;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  /** MLflow's file store also keeps deleted versions, as `Deleted_Internal` */
  currentStage: Stage | 'Deleted_Internal';
  description: string;
  source: string;
  storageLocation: string;
  runId: string;
  runLink: string;
  status: string;
  statusMessage: string;
  userId: string;
  aliases: readonly string[];
}

export function modelVersionMeta(v: ModelVersionMetaInput): YamlDict {
  return {
    aliases: [...v.aliases],
    creation_timestamp: v.creationTimestamp,
    current_stage: v.currentStage,
    deployment_job_state: null,
    description: v.description,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    metrics: null,
    model_id: null,
    name: v.name,
    params: null,
    run_id: v.runId,
    run_link: v.runLink,
    source: v.source,
    status: v.status,
    // MLflow's server leaves these None (null), which an empty string stands for here.
    status_message: v.statusMessage === '' ? null : v.statusMessage,
    storage_location: v.storageLocation,
    user_id: v.userId === '' ? null : v.userId,
    version: v.version,
  };
}

/**
 * A version number deleted in the workspace. MLflow's file registry keeps a deleted version's
 * folder with current_stage Deleted_Internal, hidden from every read, so its number is never
 * given again (next version = highest folder + 1); the workspace kept only the counter, so the
 * placeholder carries the number and the model's times.
 */
export function deletedVersionMeta(name: string, version: number, creationTimestamp: number, lastUpdatedTimestamp: number): YamlDict {
  return modelVersionMeta({
    name, version, creationTimestamp, lastUpdatedTimestamp, currentStage: 'Deleted_Internal', description: '', source: '', storageLocation: '',
    runId: '', runLink: '', status: 'READY', statusMessage: '', userId: '', aliases: [],
  });
}

/** A meta.yaml's text as MLflow's write_yaml writes it: yaml.safe_dump(d, default_flow_style=False,
 * allow_unicode=True), sorted keys. */
export function metaYaml(dict: YamlDict): string {
  return dumpPyYaml(dict, { allowUnicode: true });
}
