// models:/ URIs through the registry, after mlflow/store/artifact/utils/models.py
// (_parse_model_uri, _get_latest_model_version) and ModelsArtifactRepository: a version number,
// a stage (any case: the highest version in it), `latest` (the highest version) or @alias. For
// loading, a version's files must be a run's artifacts in this workspace (runs:/<id>/<path>, or
// this workspace's own mlflow-artifacts:/ locations); any other source (s3://, https://,
// file://...) is reported, never fetched, and local files are never read.
import { doesNotExist, invalidParameter } from '../../domain/errors';
import { parseModelUri, type ModelUri } from '../../domain/models';
import { modelNotFound, validateAlias, versionForUri, type ModelVersion } from '../../domain/registry';
import type { ModelVersionRow } from '../../storage/schema';
import type { ModelLocation } from '../models/resolve';
import type { Workspace } from '../workspace';
import { modelVersion, versionRowsOf } from './registry-rows';

type ModelsUri = Extract<ModelUri, { kind: 'models' }>;

const improper = (uri: string): Error =>
  invalidParameter(
    `Not a proper models:/ URI: ${uri}. Models URIs must be of the form 'models:/model_name/suffix' or 'models:/model_name@alias' where suffix is a model version, stage, ` +
      "or the string 'latest' and where alias is a registered model alias. Only one of suffix or alias can be defined at a time.",
  );

/** The live version a parsed models:/ URI names. */
export async function registryVersionFor(ws: Workspace, uri: ModelsUri): Promise<{ row: ModelVersionRow; version: ModelVersion }> {
  if (uri.version !== undefined) return modelVersion(ws, uri.name, uri.version);
  if (uri.alias !== undefined) validateAlias(uri.alias);
  const model = await ws.store.db.registeredModels.get(uri.name);
  // Stages and `latest` go through get_latest_versions, which needs the model; aliases do not.
  if (!model && uri.alias === undefined) throw modelNotFound(uri.name);
  const rows = await versionRowsOf(ws, uri.name);
  const version = versionForUri(uri, rows.map((r) => ({ version: String(r.version), currentStage: r.currentStage })), model?.aliases ?? []);
  return modelVersion(ws, uri.name, version);
}

/** `models:/name/<version|stage|latest>` or `models:/name@alias` -> the registered name and version. */
export async function resolveModelUri(ws: Workspace, uri: string): Promise<{ name: string; version: string }> {
  const parsed = parseModelUri(uri);
  if (parsed.kind !== 'models') throw improper(uri);
  const { version } = await registryVersionFor(ws, parsed);
  return { name: version.name, version: version.version };
}

/** Where a version's files are in this workspace, or why they are not here. */
export async function versionFiles(ws: Workspace, row: ModelVersionRow): Promise<{ runId: string; path: string }> {
  const where = row.storageLocation || row.source;
  const elsewhere = (why: string) =>
    doesNotExist(
      `Version ${row.version} of registered model '${row.name}' has its files at '${where}', which is not in this workspace${why}. ` +
        'Orchard loads registered versions whose source is a run here (runs:/<run_id>/<path>): import the model into a run (client.importModel) and register that.',
    );
  if (/^runs:/i.test(where)) {
    const uri = parseModelUri(where);
    if (uri.kind === 'runs' && uri.path !== '') return { runId: uri.runId, path: uri.path };
    throw elsewhere(' (the runs:/ URI names no model directory)');
  }
  if (/^file:/i.test(where) || where.startsWith('/')) throw elsewhere(' (Orchard never reads local files)');
  // A run's own artifact location (mlflow-artifacts:/<experiment>/<run>/artifacts/...): the run is
  // the version's run_id or, for a version registered from a models:/ URI, a segment of the path.
  const candidates = [row.runId, ...where.split('/')].filter((id) => /^[0-9a-f]{32}$/.test(id));
  for (const run of await ws.store.db.runs.bulkGet([...new Set(candidates)])) {
    const root = run ? `${run.info.artifactUri}/` : undefined;
    if (!run || !root || !where.startsWith(root)) continue;
    const uri = parseModelUri(`runs:/${run.runId}/${where.slice(root.length).replace(/\/+$/, '')}`);
    if (uri.kind === 'runs' && uri.path !== '') return { runId: uri.runId, path: uri.path };
  }
  throw elsewhere('');
}

/** The registry's answer to loadModel('models:/...'), installed with setRegistryResolver. */
export async function registryModelLocation(ws: Workspace, uri: ModelsUri): Promise<ModelLocation> {
  const { row, version } = await registryVersionFor(ws, uri);
  return { ...(await versionFiles(ws, row)), name: version.name, version: version.version };
}
