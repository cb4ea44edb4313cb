// The files of an mlruns import: a zip (unpacked with the model importer's zip-bomb cap) or a list
// of files (a picked or dropped folder, tests). Every path is checked as model archives' are
// (normaliseArtifactPath: no `..`, absolute or drive paths, backslashes, `%2e%2e`-style encoded
// traversal): a bad entry is refused and reported, the rest is imported. A file that cannot be
// read (a File removed from disk meanwhile) is reported when it is first needed and skipped.
import { normaliseArtifactPath } from '../artifact-path';
import { invalidParameter } from '../errors';
import type { ImportWarning } from './import-report';
import { messageOf } from './tree-files';
import { unzipCapped } from '../serving/model-archive';

export type MlrunsFileData = Blob | Uint8Array | string;

/** A zip of an mlruns tree (the tree may sit under one folder), or its files with paths relative to it. */
export type MlrunsSource = Blob | ReadonlyArray<{ path: string; data: MlrunsFileData }>;

/** An mlruns tree may not unpack to more than this (zip bombs, browser memory). */
export const MAX_MLRUNS_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export interface TreeSource {
  /** checked path -> how to get the bytes */
  files: Map<string, () => Promise<Uint8Array>>;
  sizes: Map<string, number>;
  warnings: ImportWarning[];
}

/** The checked form of an entry's path, or why it is refused. */
export function checkEntryPath(raw: string): { path: string } | { refused: string } {
  const trimmed = raw.startsWith('./') ? raw.slice(2) : raw;
  try {
    return { path: normaliseArtifactPath(trimmed, { allowRoot: false }) };
  } catch (e) {
    const why = messageOf(e).replace(/^Invalid artifact path: '.*?'\. /s, '');
    return { refused: `refused: the path could reach outside the imported tree. ${why}` };
  }
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

function sizeOf(data: MlrunsFileData): number {
  if (typeof data === 'string') return data.length;
  return data instanceof Uint8Array ? data.byteLength : data.size;
}

function readerOf(data: MlrunsFileData): () => Promise<Uint8Array> {
  if (typeof data === 'string') return async () => new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return async () => data;
  return async () => new Uint8Array(await data.arrayBuffer());
}

export async function openTreeSource(source: MlrunsSource): Promise<TreeSource> {
  const out: TreeSource = { files: new Map(), sizes: new Map(), warnings: [] };
  const add = (raw: string, read: () => Promise<Uint8Array>, size: number): void => {
    if (raw.endsWith('/')) return;
    const checked = checkEntryPath(raw);
    if ('refused' in checked) out.warnings.push({ path: raw, message: checked.refused });
    else if (out.files.has(checked.path)) out.warnings.push({ path: raw, message: 'refused: the tree holds this path twice; the first one was kept.' });
    else {
      out.files.set(checked.path, read);
      out.sizes.set(checked.path, size);
    }
  };
  if (Array.isArray(source)) {
    for (const f of source as ReadonlyArray<{ path: string; data: MlrunsFileData }>) add(f.path, readerOf(f.data), sizeOf(f.data));
    return out;
  }
  if (typeof Blob === 'undefined' || !(source instanceof Blob)) throw invalidParameter('An mlruns import takes a zip Blob or a list of { path, data } files.');
  const bytes = new Uint8Array(await source.arrayBuffer());
  if (!isZip(bytes)) throw invalidParameter('Not a zip archive: an mlruns import takes a zip of the tree (or its files).');
  for (const f of unzipCapped(bytes, MAX_MLRUNS_BYTES)) add(f.path, async () => f.data, f.data.byteLength);
  return out;
}
