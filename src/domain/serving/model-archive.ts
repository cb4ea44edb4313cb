// Reading a model directory someone hands us (an MLflow model folder, or a zip of one) safely:
// every path is checked (no `..`, no absolute or drive paths, no percent-encoded traversal), the
// total size is capped against zip bombs, a single wrapping folder is stripped, and an MLmodel
// must sit at the root. Zip handling is fflate's.
import { unzipSync, zipSync, type UnzipFileInfo } from 'fflate';
import { normaliseArtifactPath } from '../artifact-path';
import { MlflowError, invalidParameter } from '../errors';

export interface ArchiveFile {
  path: string;
  data: Uint8Array;
}

/** A model directory may not unpack to more than this (zip bombs, browser memory). */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

export function unzipModel(zip: Uint8Array): ArchiveFile[] {
  return unzipCapped(zip, MAX_MODEL_BYTES);
}

/**
 * Every file of a zip (folder entries left out), refusing an archive whose entries add up to more
 * than `maxBytes` before inflating any (zip bombs). Entry names are as stored: check them (see
 * normaliseArtifactPath) before using one as a path.
 */
export function unzipCapped(zip: Uint8Array, maxBytes: number): ArchiveFile[] {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f: UnzipFileInfo) => {
        total += f.originalSize;
        if (total > maxBytes) throw invalidParameter(`The archive unpacks to more than ${maxBytes / 1024 / 1024} MB; refusing to import it.`);
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (e instanceof MlflowError) throw e;
    throw invalidParameter(`Not a readable zip archive: ${(e as Error).message}`);
  }
  return Object.entries(files).map(([path, data]) => ({ path, data }));
}

/** Checks every path and removes one folder that wraps everything (zips of a folder). */
export function modelDirectoryFiles(files: readonly ArchiveFile[]): ArchiveFile[] {
  if (files.length === 0) throw invalidParameter('The model directory is empty.');
  const checked = files
    .filter((f) => !/(^|\/)(__MACOSX|\.DS_Store)(\/|$)/.test(f.path))
    .map((f) => {
      try {
        return { path: normaliseArtifactPath(f.path, { allowRoot: false }), data: f.data };
      } catch (e) {
        throw invalidParameter(`Refusing model file '${f.path}': ${(e as Error).message}`);
      }
    });
  const tops = new Set(checked.map((f) => f.path.split('/')[0]));
  const hasRootMlmodel = checked.some((f) => f.path === 'MLmodel');
  let out = checked;
  if (!hasRootMlmodel && tops.size === 1 && checked.every((f) => f.path.includes('/'))) {
    const top = [...tops][0] as string;
    out = checked.map((f) => ({ path: f.path.slice(top.length + 1), data: f.data }));
  }
  if (!out.some((f) => f.path === 'MLmodel')) {
    throw invalidParameter('Not an MLflow model directory: no MLmodel file at its root.');
  }
  const total = out.reduce((n, f) => n + f.data.byteLength, 0);
  if (total > MAX_MODEL_BYTES) throw invalidParameter(`The model directory holds more than ${MAX_MODEL_BYTES / 1024 / 1024} MB; refusing to import it.`);
  return out;
}

export function zipModel(files: readonly ArchiveFile[]): Uint8Array<ArrayBuffer> {
  const tree: Record<string, Uint8Array> = {};
  for (const f of files) tree[f.path] = f.data;
  return zipSync(tree, { level: 6 });
}

