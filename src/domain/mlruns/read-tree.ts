// The parse phase of an mlruns import: find the store in the tree, then read every experiment,
// run, logged model and registered model with the pure readers of domain/mlruns, fetching each
// entity's bytes first (a folder's Files are read asynchronously; a zip's are in memory already).
// Nothing is written here.
import type { Dataset } from '../entities';
import type { ImportWarning } from './import-report';
import { layoutOf, type ExperimentFolder, type RunFolder, type TreeLayout } from './layout';
import { readDatasets, readExperiment, readLoggedModel, type FileExperiment, type FileLoggedModel } from './read-experiment';
import { readRegisteredModel, type FileRegisteredModel } from './read-registry';
import { readRun, type FileRun } from './read-run';
import { messageOf } from './tree-files';
import type { ImportTicker } from './import-progress';
import type { TreeSource } from './tree-source';

export interface TreeRun {
  run: FileRun;
  folder: RunFolder;
  experiment: FileExperiment;
  experimentFolder: ExperimentFolder;
}

export interface ParsedTree {
  layout: TreeLayout;
  experiments: FileExperiment[];
  runs: TreeRun[];
  loggedModels: FileLoggedModel[];
  registeredModels: FileRegisteredModel[];
}

/** Reads files once, reports the unreadable ones, and counts what was read for progress. */
export class TreeFiles {
  private readonly bytes = new Map<string, Uint8Array>();
  private readonly failed = new Set<string>();
  /** files a reader took the bytes of, and those it then left out */
  private readonly touched = new Set<string>();
  private readonly dropped = new Set<string>();
  done = 0;
  bytesRead = 0;

  constructor(
    readonly source: TreeSource,
    private readonly warn: (w: ImportWarning) => void,
  ) {}

  get total(): number {
    return this.source.files.size;
  }

  async load(paths: readonly string[]): Promise<void> {
    for (const path of paths) {
      if (this.bytes.has(path) || this.failed.has(path)) continue;
      const read = this.source.files.get(path);
      if (!read) continue;
      try {
        const b = await read();
        this.bytes.set(path, b);
        this.bytesRead += b.byteLength;
      } catch (e) {
        this.failed.add(path);
        this.warn({ path, message: `could not be read, skipped: ${messageOf(e)}` });
      }
      this.done++;
    }
  }

  readonly bytesOf = (path: string): Uint8Array | undefined => {
    const b = this.bytes.get(path);
    if (b) this.touched.add(path);
    return b;
  };

  drop(path: string): void {
    this.dropped.add(path);
  }

  /** Files of the tree that contributed nothing to the import. */
  get unused(): number {
    let used = 0;
    for (const p of this.touched) if (!this.dropped.has(p)) used++;
    return this.total - used;
  }

  /** Drops bytes that are parsed already (metric files of a big tree would otherwise stay in memory). */
  forget(paths: readonly string[]): void {
    for (const p of paths) this.bytes.delete(p);
  }
}

const runFiles = (r: RunFolder): string[] => [r.meta ?? '', ...[r.metrics, r.params, r.tags, r.inputs].flat().map((f) => f.path)].filter((p) => p !== '');

export async function readTree(files: TreeFiles, ticker: ImportTicker, warn: (w: ImportWarning) => void): Promise<ParsedTree> {
  const layout = layoutOf([...files.source.files.keys()]);
  const w = (path: string, message: string, kept?: boolean): void => {
    warn({ path, message });
    if (!kept) files.drop(path);
  };
  for (const s of layout.stray) w(s.path, `${s.why}; ${s.files} file${s.files === 1 ? '' : 's'} skipped.`);
  const tree: ParsedTree = { layout, experiments: [], runs: [], loggedModels: [], registeredModels: [] };
  const progress = (): Promise<void> => ticker.tick({ phase: 'parse', done: files.done, total: files.total, bytes: files.bytesRead });
  const seen = new Set<string>();
  // Active folders first: MLflow finds an experiment id in the root before .trash.
  const folders = [...layout.experiments].sort((a, b) => Number(a.trashed) - Number(b.trashed));
  for (const folder of folders) {
    if (seen.has(folder.id)) {
      w(folder.dir, `skipped: experiment ${folder.id} is also in the store's root (MLflow reads that one).`);
      continue;
    }
    await files.load([folder.meta ?? '', ...folder.tags.map((t) => t.path), ...folder.datasets.map((d) => d.path)]);
    const experiment = readExperiment(folder, files.bytesOf, w);
    if (!experiment) continue;
    seen.add(folder.id);
    tree.experiments.push(experiment);
    if (folder.traceFiles > 0) w(`${folder.dir}/traces`, `not imported: Orchard does not hold MLflow traces (${folder.traceFiles} files).`);
    const datasets: Map<string, Dataset> = readDatasets(folder.datasets, files.bytesOf, w);
    const ctx = { experimentId: experiment.experimentId, artifactLocation: experiment.artifactLocation, datasets };
    for (const runFolder of folder.runs) {
      const paths = runFiles(runFolder);
      await files.load(paths);
      const run = readRun(runFolder, ctx, files.bytesOf, w);
      files.forget(paths);
      if (run) tree.runs.push({ run, folder: runFolder, experiment, experimentFolder: folder });
      await progress();
    }
    const ownFiles = folder.loggedModels.reduce((n, m) => n + m.ownFiles, 0);
    if (ownFiles > 0) {
      w(`${folder.dir}/models`, `${ownFiles} files of logged models (their own metrics, params and tags) not imported: Orchard has no logged-model entity; their runs hold the metrics and their files go into the runs' artifacts.`, true);
    }
    for (const modelFolder of folder.loggedModels) {
      await files.load([modelFolder.meta ?? '']);
      const model = readLoggedModel(experiment.experimentId, modelFolder, files.bytesOf, w);
      if (model) tree.loggedModels.push(model);
    }
    await progress();
  }
  for (const folder of layout.registeredModels) {
    await files.load([folder.meta ?? '', ...folder.tags.map((t) => t.path), ...folder.aliases.map((a) => a.path), ...folder.versions.flatMap((v) => [v.meta ?? '', ...v.tags.map((t) => t.path)])]);
    const model = readRegisteredModel(folder, files.bytesOf, w);
    if (model) tree.registeredModels.push(model);
    await progress();
  }
  return tree;
}
