// Importing a model directory exported from MLflow (folder files or a zip) into a run's
// artifacts, and exporting any logged model as an MLflow-compatible zip.
import { normaliseArtifactPath } from '../../domain/artifact-path';
import { parseMlmodel } from '../../domain/models';
import { modelDirectoryFiles, unzipModel, zipModel, type ArchiveFile } from '../../domain/serving/model-archive';
import type { Mutation } from '../../domain/mutations';
import { listArtifactFilesUnder, readArtifactBlob } from '../../storage/artifact-reads';
import { artifactPut, toBytes, type ArtifactData } from '../artifacts';
import { getRunRow } from '../runs';
import type { Workspace } from '../workspace';
import { modelInfoOf, type ModelInfo } from './model-info';
import { resolveModelLocation } from './resolve';

export type ModelSource = Blob | ArrayBuffer | Array<{ path: string; data: ArtifactData }>;

async function filesOf(source: ModelSource): Promise<ArchiveFile[]> {
  if (Array.isArray(source)) return Promise.all(source.map(async (f) => ({ path: f.path, data: new Uint8Array(await toBytes(f.data)) })));
  return unzipModel(new Uint8Array(await toBytes(source)));
}

/**
 * Stores an MLflow model directory under `artifactPath` of a run, all files or none. Any flavor
 * imports; only ONNX models can predict in the browser.
 * @example await importModel(ws, runId, zipBlob, { artifactPath: 'model' })
 */
export async function importModel(ws: Workspace, runId: string, source: ModelSource, options: { artifactPath: string }): Promise<ModelInfo> {
  await getRunRow(ws, runId);
  const artifactPath = normaliseArtifactPath(options.artifactPath, { allowRoot: false });
  const files = modelDirectoryFiles(await filesOf(source));
  const mlmodel = files.find((f) => f.path === 'MLmodel') as ArchiveFile;
  const model = parseMlmodel(new TextDecoder().decode(mlmodel.data));
  const puts: Mutation[] = await Promise.all(files.map((f) => artifactPut(runId, `${artifactPath}/${f.path}`, f.data)));
  await ws.store.mutations.apply(puts);
  return modelInfoOf(model, runId, artifactPath);
}

/** The model's directory as a zip that `mlflow models serve -m` can use once unpacked. */
export async function exportModelZip(ws: Workspace, modelUri: string): Promise<Blob> {
  const location = await resolveModelLocation(ws, modelUri);
  const prefix = `${location.path}/`;
  const entries = await listArtifactFilesUnder(ws.store.db, location.runId, location.path);
  const files = await Promise.all(
    entries.map(async (e) => ({ path: e.path.slice(prefix.length), data: new Uint8Array(await (await readArtifactBlob(ws.store.db, location.runId, e.path)).arrayBuffer()) })),
  );
  return new Blob([zipModel(modelDirectoryFiles(files))], { type: 'application/zip' });
}
