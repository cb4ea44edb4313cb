// The parse phase of an mlruns import, with no workspace in sight: open the tree (a zip or a list
// of files), read and check every file, find each run's artifact files and hash them. Pure apart
// from WebCrypto and Blob, so it runs the same in a Web Worker (workers/import.worker.ts: the
// page stays responsive and a cancel ends the worker) and in this thread (Node, tests).
// What comes out is structured-cloneable: the worker posts it back as it is.
import { sha256Hex } from '../sync/metric-chunk';
import { ImportTicker, type ImportOptions } from './import-progress';
import type { ImportWarning } from './import-report';
import { planArtifacts, type ArtifactFile, type PlacedModel } from './locate-artifacts';
import { readTree, TreeFiles, type ParsedTree } from './read-tree';
import { openTreeSource, type MlrunsSource } from './tree-source';

/** An artifact file of the tree, read and hashed; `data` holds its bytes until they are written. */
export interface HashedArtifact extends ArtifactFile {
  sha256: string;
  size: number;
  data: Blob;
}

export interface ParsedImport {
  tree: ParsedTree;
  /** run id -> its artifact files (a logged model's under the model's name) */
  artifacts: Map<string, HashedArtifact[]>;
  /** logged model id -> the run folder its files went to */
  models: Map<string, PlacedModel>;
  warnings: ImportWarning[];
  /** files of the tree used for nothing: refused, malformed, unreadable, stray */
  skippedFiles: number;
  /** files in the tree, and the bytes read from them */
  files: number;
  bytes: number;
}

/** How the parse phase is run: in this thread (parseMlruns) or in a worker (compute/import-worker.ts). */
export type MlrunsParser = (source: MlrunsSource, options: ImportOptions) => Promise<ParsedImport>;

function outsideWarnings(top: string, outside: readonly string[], used: ReadonlySet<string>): ImportWarning[] {
  const unused = new Map<string, number>();
  const prefix = top === '' ? '' : `${top}/`;
  for (const p of outside) {
    if (used.has(p)) continue;
    const first = p.slice(prefix.length).split('/')[0] as string;
    const key = prefix + first;
    unused.set(key, (unused.get(key) ?? 0) + 1);
  }
  return [...unused].map(([path, n]) => ({ path, message: `outside the MLflow store and used by no run: ${n} file${n === 1 ? '' : 's'} not imported.` }));
}

async function hashArtifacts(list: readonly ArtifactFile[], files: TreeFiles): Promise<HashedArtifact[]> {
  const out: HashedArtifact[] = [];
  for (const f of list) {
    await files.load([f.source]);
    const bytes = files.bytesOf(f.source);
    if (!bytes) continue; // unreadable: reported by load
    const sha256 = await sha256Hex(bytes);
    files.forget([f.source]);
    out.push({ ...f, sha256, size: bytes.byteLength, data: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  }
  return out;
}

/**
 * Reads an MLflow FileStore tree into memory, checked, without touching any workspace. A bad file
 * becomes a warning naming it; a source that is not a tree at all (not a zip) throws.
 */
export const parseMlruns: MlrunsParser = async (source, options) => {
  const ticker = new ImportTicker(options);
  ticker.checkCancelled();
  const opened = await openTreeSource(source);
  const warnings: ImportWarning[] = [...opened.warnings];
  const warn = (w: ImportWarning): void => void warnings.push(w);
  const files = new TreeFiles(opened, warn);
  const progress = (force = false): Promise<void> => ticker.tick({ phase: 'parse', done: files.done, total: files.total, bytes: files.bytesRead }, force);
  await progress(true);

  const tree = await readTree(files, ticker, warn);
  const located = planArtifacts(tree, [...opened.files.keys()], warn);
  warnings.push(...outsideWarnings(tree.layout.top, tree.layout.outside, located.usedOutside));
  const artifacts = new Map<string, HashedArtifact[]>();
  for (const [runId, list] of located.byRun) {
    artifacts.set(runId, await hashArtifacts(list, files));
    await progress();
  }
  await progress(true);
  return {
    tree,
    artifacts,
    models: located.models,
    warnings,
    skippedFiles: opened.warnings.length + files.unused,
    files: files.total,
    bytes: files.bytesRead,
  };
};
