// The shapes of the rows a workspace stores for runs and registry entries. They live in the domain
// (storage declares its tables with them) because pure code that plans rows — the sync folds, the
// MLflow import rules — must speak the same shape without importing storage.
import type { Run } from './entities';
import type { MetricSummary } from './metric-history';
import type { ModelVersion, RegisteredModel } from './registry/entities';

/** A run as stored: MLflow's Run keyed by its id, plus what search and retention need. */
export interface StoredRun extends Run {
  /** primary key, equal to info.runId: a flat key keeps compound indexes and bulk reads simple */
  runId: string;
  /** ms; set while the run is deleted (MLflow's deleted_time), for retention */
  deletedTime: number | null;
  /** per metric key: latest (MLflow's rule), min, max and count, for search and the runs table */
  metricSummaries: Record<string, MetricSummary>;
}

/** A registered model without its derived fields (latest versions), plus the version counter. */
export interface StoredRegisteredModel extends Omit<RegisteredModel, 'latestVersions'> {
  /** the number the next version gets: 1 + the highest ever created, so numbers are never reused */
  nextVersion: number;
}

/** A live model version (deleting one removes its row; the model's counter remembers the number). */
export interface StoredModelVersion extends Omit<ModelVersion, 'version' | 'aliases'> {
  /** a number, so [name+version] sorts numerically */
  version: number;
  /** where the files are: the source, or for a models:/ source what it named when registered */
  storageLocation: string;
}
