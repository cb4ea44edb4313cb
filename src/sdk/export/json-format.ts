// The single-file JSON export: Orchard's own format, versioned. Entities are MLflow's REST JSON
// (snake_case, tags as {key, value} lists, non-finite numbers as "NaN" / "Infinity" /
// "-Infinity"), so any MLflow tooling that reads REST responses reads them. Metric histories are
// columns rather than MLflow's list of Metric messages: a million points stay a few MB smaller.
import type { JsonObject } from '../rest/request';

export const ORCHARD_EXPORT_FORMAT = 'orchard-export';
export const ORCHARD_EXPORT_VERSION = 1;

export interface MetricHistoryJson {
  run_id: string;
  key: string;
  /** parallel arrays, in logging order */
  steps: number[];
  timestamps: number[];
  values: Array<number | 'NaN' | 'Infinity' | '-Infinity'>;
}

export interface ArtifactJson {
  run_id: string;
  /** relative to the run's artifact root */
  path: string;
  file_size: number;
  /** lowercase hex sha256 of the bytes */
  sha256: string;
  /** the bytes, when the export has artifactBytes 'base64' and they are in the workspace */
  data_base64?: string;
}

export interface OrchardJsonExport {
  format: typeof ORCHARD_EXPORT_FORMAT;
  version: typeof ORCHARD_EXPORT_VERSION;
  /** ms since epoch */
  exportedAt: number;
  workspace: string;
  /** 'base64': artifacts carry data_base64; 'omitted': only sha256 and file_size */
  artifactBytes: 'base64' | 'omitted';
  /** MLflow REST Experiment (experiments/get's `experiment`) */
  experiments: JsonObject[];
  /** MLflow REST Run (runs/get's `run`: info, data with each metric's latest point, inputs) plus `deleted_time` (ms or null) */
  runs: JsonObject[];
  metricHistories: MetricHistoryJson[];
  artifacts: ArtifactJson[];
  registry: {
    /** MLflow REST RegisteredModel plus `next_version` (the number the next version gets; numbers are never reused) */
    registeredModels: JsonObject[];
    /** MLflow REST ModelVersion plus `storage_location` */
    modelVersions: JsonObject[];
  };
}
