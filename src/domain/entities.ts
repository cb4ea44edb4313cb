// MLflow's tracking entities in camelCase (mlflow/entities/*.py). The REST layer is the one place
// that converts these to and from MLflow's snake_case JSON.

export type LifecycleStage = 'active' | 'deleted';

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  /** ms since epoch */
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  /** null while the run has not ended (MLflow: absent) */
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

export interface RunData {
  /** latest value per key: the point with the largest (step, timestamp, value) */
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

export interface Dataset {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface InputTag {
  key: string;
  value: string;
}

export interface DatasetInput {
  dataset: Dataset;
  tags: InputTag[];
}

export interface RunInputs {
  datasetInputs: DatasetInput[];
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: RunInputs;
}

export interface Metric {
  key: string;
  value: number;
  /** ms since epoch */
  timestamp: number;
  step: number;
}

export interface Param {
  key: string;
  value: string;
}

export interface RunTag {
  key: string;
  value: string;
}

export interface FileInfo {
  /** path relative to the run's artifact root, e.g. `model/MLmodel` */
  path: string;
  isDir: boolean;
  /** bytes; undefined for directories */
  fileSize?: number;
}

export interface PagedList<T> {
  items: T[];
  nextPageToken?: string;
}
