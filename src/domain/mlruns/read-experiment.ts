// One experiment folder of an mlruns tree: its meta.yaml and tags/, the datasets its runs' inputs
// name (datasets/<id>/meta.yaml) and MLflow 3's logged models (models/<id>/meta.yaml). As in
// FileStore._get_experiment, a folder whose meta names another experiment id is ignored; a folder
// under .trash is a deleted experiment whatever its meta says (MLflow lists it as deleted).
import type { Dataset, Experiment } from '../entities';
import { invalidParameter } from '../errors';
import { LIMITS, validateExperimentName } from '../validation';
import type { ExperimentFolder, KeyFile, LoggedModelFolder } from './layout';
import { parseDatasetMeta, parseExperimentMeta, parseLoggedModelMeta, type LoggedModelMeta } from './meta-yaml';
import { attempt, readKeyValues, textOf, type FileBytes, type Warn } from './tree-files';

/** An experiment as the tree has it; times are null when the meta has none (MLflow < 1.29). */
export interface FileExperiment extends Omit<Experiment, 'creationTime' | 'lastUpdateTime'> {
  creationTime: number | null;
  lastUpdateTime: number | null;
}

export function readExperiment(folder: ExperimentFolder, bytesOf: FileBytes, warn: Warn): FileExperiment | undefined {
  const where = folder.meta ?? `${folder.dir}/meta.yaml`;
  const bytes = folder.meta ? bytesOf(folder.meta) : undefined;
  if (!bytes) {
    warn(where, folder.meta === null ? 'missing: the experiment and its runs were skipped.' : 'unreadable: the experiment and its runs were skipped.');
    return undefined;
  }
  const meta = attempt(where, warn, () => {
    const m = parseExperimentMeta(textOf(bytes));
    validateExperimentName(m.name);
    if (m.artifactLocation.length > LIMITS.artifactLocation) throw invalidParameter(`'artifact_location' is longer than ${LIMITS.artifactLocation} characters.`);
    return m;
  }, 'the experiment and its runs were skipped: ');
  if (!meta) return undefined;
  if (meta.experimentId !== folder.id) {
    warn(where, `the experiment and its runs were skipped: it says experiment_id '${meta.experimentId}' but sits in folder '${folder.id}' (MLflow ignores such an experiment too).`);
    return undefined;
  }
  let lifecycleStage = meta.lifecycleStage;
  if (folder.trashed && lifecycleStage !== 'deleted') {
    warn(where, 'lifecycle_stage says active, but the experiment is in .trash: imported as deleted, as MLflow lists it.', true);
    lifecycleStage = 'deleted';
  }
  return {
    experimentId: meta.experimentId,
    name: meta.name,
    artifactLocation: meta.artifactLocation,
    lifecycleStage,
    creationTime: meta.creationTime,
    lastUpdateTime: meta.lastUpdateTime,
    tags: readKeyValues(folder.tags, 'tag', bytesOf, warn),
  };
}

function checkDataset(d: Dataset): Dataset {
  const limit = (what: string, value: string | undefined, max: number): void => {
    if (value !== undefined && value.length > max) throw invalidParameter(`'${what}' is longer than ${max.toLocaleString('en')} characters.`);
  };
  limit('name', d.name, LIMITS.datasetName);
  limit('digest', d.digest, LIMITS.datasetDigest);
  limit('source', d.source, LIMITS.datasetSource);
  limit('schema', d.schema, LIMITS.datasetSchema);
  limit('profile', d.profile, LIMITS.datasetProfile);
  return d;
}

/** The experiment's datasets by id (the folder name, md5(name + digest) as MLflow made it). */
export function readDatasets(files: readonly KeyFile[], bytesOf: FileBytes, warn: Warn): Map<string, Dataset> {
  const out = new Map<string, Dataset>();
  for (const f of files) {
    const bytes = bytesOf(f.path);
    if (!bytes) continue;
    const dataset = attempt(f.path, warn, () => checkDataset(parseDatasetMeta(textOf(bytes))), 'dataset skipped: ');
    if (dataset) out.set(f.key, dataset);
  }
  return out;
}

export interface FileLoggedModel extends LoggedModelMeta {
  experimentId: string;
  folder: LoggedModelFolder;
}

export function readLoggedModel(experimentId: string, folder: LoggedModelFolder, bytesOf: FileBytes, warn: Warn): FileLoggedModel | undefined {
  const where = folder.meta ?? `${folder.dir}/meta.yaml`;
  const bytes = folder.meta ? bytesOf(folder.meta) : undefined;
  if (!bytes) {
    warn(where, folder.meta === null ? 'missing: the logged model was skipped.' : 'unreadable: the logged model was skipped.');
    return undefined;
  }
  const meta = attempt(where, warn, () => parseLoggedModelMeta(textOf(bytes)), 'the logged model was skipped: ');
  if (!meta) return undefined;
  if (meta.modelId !== folder.id) {
    warn(where, `the logged model was skipped: it says model_id '${meta.modelId}' but sits in folder '${folder.id}'.`);
    return undefined;
  }
  return { ...meta, experimentId, folder };
}
