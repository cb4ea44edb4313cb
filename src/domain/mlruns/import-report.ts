// What an mlruns import says when it is done. For every kind of entity: how many the tree holds
// (`found`), how many were written because they are new or differ from what is stored
// (`imported`), and how many were already stored exactly so (`unchanged`); found = imported +
// unchanged. Files that could not be used are listed in `warnings`, each naming its file.

export interface ImportCounts {
  experiments: number;
  runs: number;
  params: number;
  tags: number;
  /** (run, metric key) histories */
  metricKeys: number;
  metricPoints: number;
  /** dataset inputs of runs */
  datasetInputs: number;
  artifacts: number;
  artifactBytes: number;
  /** MLflow 3 logged models whose files were placed in their run's artifacts */
  loggedModels: number;
  registeredModels: number;
  modelVersions: number;
  aliases: number;
}

export interface ImportWarning {
  /** the file (or folder) in the imported tree, as named there */
  path: string;
  message: string;
}

export interface ImportReport {
  /** where the MLflow store was found in the tree ('' = the tree itself) */
  root: string;
  found: ImportCounts;
  imported: ImportCounts;
  unchanged: ImportCounts;
  /** files of the tree that were not imported (malformed, refused, unreadable, stray) */
  skippedFiles: number;
  warnings: ImportWarning[];
  /** false when the workspace already held everything (nothing was written) */
  changed: boolean;
}

export const zeroCounts = (): ImportCounts => ({
  experiments: 0,
  runs: 0,
  params: 0,
  tags: 0,
  metricKeys: 0,
  metricPoints: 0,
  datasetInputs: 0,
  artifacts: 0,
  artifactBytes: 0,
  loggedModels: 0,
  registeredModels: 0,
  modelVersions: 0,
  aliases: 0,
});

/** Tallies one kind: `n` found, of which `fresh` were imported. */
export class ImportTally {
  readonly found = zeroCounts();
  readonly imported = zeroCounts();
  readonly unchanged = zeroCounts();

  add(kind: keyof ImportCounts, n: number, fresh: number): void {
    this.found[kind] += n;
    this.imported[kind] += fresh;
    this.unchanged[kind] += n - fresh;
  }
}
