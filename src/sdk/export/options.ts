// What an export takes and reports. Shared by the zip (MLflow FileStore layout) and the JSON export.

/** Which part of the workspace to export. Neither list: everything (active and deleted). */
export interface ExportSelection {
  /** these experiments with all their runs, active and deleted */
  experimentIds?: string[];
  /** these runs (and, so MLflow can find them, the experiments that hold them, without their other runs) */
  runIds?: string[];
}

export interface ExportProgress {
  phase: 'runs' | 'registry' | 'done';
  experimentsTotal: number;
  runsDone: number;
  runsTotal: number;
  /** files written into the archive so far */
  files: number;
  /** uncompressed bytes of those files */
  bytesIn: number;
  /** archive bytes written so far */
  bytesOut: number;
}

export interface MlrunsExportOptions extends ExportSelection {
  /** default true: each run's artifact bytes under <run>/artifacts/ */
  includeArtifacts?: boolean;
  /** default true: mlruns/models/ with the registered models whose versions come from exported runs (all of them when nothing is selected) */
  includeRegistry?: boolean;
  /** deflate level for text and compressible artifacts (default 6); already-compressed formats are stored */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** default false: an artifact whose bytes are not in this workspace (synced from a peer, not fetched) fails the export; true leaves it out and reports it through onWarning */
  skipMissingArtifacts?: boolean;
  /** called after each run, after the registry and at the end */
  onProgress?: (progress: ExportProgress) => void;
  /** things left out: a skipped artifact, a registered model MLflow's file registry cannot name */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}
