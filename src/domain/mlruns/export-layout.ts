// Where things go in an exported MLflow FileStore tree (mlflow/store/tracking/file_store.py and
// mlflow/store/model_registry/file_store.py), every path relative to the zip's root:
//   mlruns/<exp id>/meta.yaml, tags/<key>                    an active experiment
//   mlruns/.trash/<exp id>/...                               a deleted one (MLflow moves the folder)
//   mlruns/<exp id>/<run id>/meta.yaml, params/<key>, tags/<key>, metrics/<key>, artifacts/<path>,
//                           inputs/<input id>/meta.yaml      a run (deleted runs stay in place)
//   mlruns/<exp id>/datasets/<dataset id>/meta.yaml          the datasets the runs' inputs name
//   mlruns/models/<name>/meta.yaml, tags/<key>, aliases/<alias>, version-<n>/meta.yaml, version-<n>/tags/<key>
// Keys holding `/` become nested files, as MLflow writes them (metric `loss/train` ->
// metrics/loss/train); readers walk the folder and use the relative path as the key.
import { invalidParameter } from '../errors';

export const MLRUNS_ROOT = 'mlruns';
export const TRASH_FOLDER = '.trash';
export const MODELS_FOLDER = 'models';
/** Folder names inside an experiment that MLflow never reads as runs. */
const RESERVED_IN_EXPERIMENT = new Set(['tags', 'datasets', 'traces', 'models']);

/**
 * MLflow resolves a local artifact location against the working directory of the process that
 * reads it, and nothing in a zip can know where it will be unpacked. So locations are relative
 * (`./mlruns/<id>`): `mlflow ui` started in the folder that holds the unzipped `mlruns/` finds
 * every artifact. As in MLflow, a deleted experiment keeps the location it had while active (its
 * folder was moved to .trash afterwards), so restoring it in MLflow puts the files back under it.
 */
export function experimentArtifactLocation(experimentId: string): string {
  return `./${MLRUNS_ROOT}/${experimentId}`;
}

/** `<experiment artifact_location>/<run id>/artifacts`, as FileStore._get_artifact_dir builds it. */
export function runArtifactUri(experimentId: string, runId: string): string {
  return `${experimentArtifactLocation(experimentId)}/${runId}/artifacts`;
}

/** Orchard's own artifact locations: `mlflow-artifacts:/<experiment>/<run>/artifacts[/<path>]`. */
const WORKSPACE_RUN_LOCATION = /^mlflow-artifacts:\/[^/]+\/([^/]+)\/artifacts(\/.*)?$/;

/**
 * A model version's storage_location in the export: a location inside a run that is exported
 * points at that run's exported artifacts (MLflow loads a version from its storage_location);
 * `runs:/` URIs stay, MLflow resolves them through the run's artifact_uri; anything else (s3://,
 * a path on another machine) is kept as it is.
 */
export function exportedStorageLocation(location: string, experimentOfRun: (runId: string) => string | undefined): string {
  const m = WORKSPACE_RUN_LOCATION.exec(location);
  const experimentId = m ? experimentOfRun(m[1] as string) : undefined;
  return m && experimentId !== undefined ? `${runArtifactUri(experimentId, m[1] as string)}${m[2] ?? ''}` : location;
}

/** One path segment that a file system and every zip reader take as it is. */
function checkSegment(what: string, s: string): string {
  if (s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s)) {
    throw invalidParameter(`Cannot export ${what} '${s}': it is not usable as a folder name in an MLflow FileStore tree.`);
  }
  return s;
}

export function experimentDir(experimentId: string, deleted: boolean): string {
  checkSegment('experiment id', experimentId);
  if (experimentId === TRASH_FOLDER || experimentId === MODELS_FOLDER) {
    throw invalidParameter(`Cannot export experiment id '${experimentId}': MLflow reserves that folder name.`);
  }
  return deleted ? `${MLRUNS_ROOT}/${TRASH_FOLDER}/${experimentId}` : `${MLRUNS_ROOT}/${experimentId}`;
}

export function runDir(experimentFolder: string, runId: string): string {
  checkSegment('run id', runId);
  if (RESERVED_IN_EXPERIMENT.has(runId)) throw invalidParameter(`Cannot export run id '${runId}': MLflow reserves that folder name.`);
  return `${experimentFolder}/${runId}`;
}

/**
 * `<dir>/<key>` for a param, tag or metric key (or an artifact path): each `/`-separated part
 * must be a real name, so no entry can climb out of its folder.
 * @example keyFile('mlruns/0/abc/metrics', 'loss/train') // 'mlruns/0/abc/metrics/loss/train'
 */
export function keyFile(dir: string, key: string): string {
  for (const part of key.split('/')) checkSegment('key', part);
  return `${dir}/${key}`;
}

/** Why MLflow's file registry cannot hold this model name (it refuses path separators and `%`), or undefined. */
export function registryNameProblem(name: string): string | undefined {
  if (name.includes('/') || name.includes('\\')) return 'it contains a path separator, which MLflow\'s file registry refuses';
  if (name.includes('%')) return "it contains '%', which MLflow's file registry refuses";
  if (name === '.' || name === '..' || name.includes('\0')) return 'it is not usable as a folder name';
  return undefined;
}

export function modelDir(name: string): string {
  const problem = registryNameProblem(name);
  if (problem) throw invalidParameter(`Cannot export registered model '${name}': ${problem}.`);
  return `${MLRUNS_ROOT}/${MODELS_FOLDER}/${name}`;
}

export function versionDir(name: string, version: number): string {
  return `${modelDir(name)}/version-${version}`;
}

/** A key -> value record in key order (code points), so which of two clashing keys is written is always the same. */
export function sortedEntries(record: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
