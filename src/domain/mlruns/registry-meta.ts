// The file registry's meta.yaml files (mlflow/store/model_registry/file_store.py):
// `models/<name>/meta.yaml` (RegisteredModel without tags and latest_versions; `aliases` there is
// redundant, the aliases/ folder is what MLflow reads) and `models/<name>/version-<n>/meta.yaml`
// (FileModelVersion: ModelVersion plus storage_location). A deleted version stays on disk with
// current_stage Deleted_Internal and is hidden from every read; only its number still counts.
import { invalidParameter } from '../errors';
import { STAGES, type Stage } from '../registry/entities';
import { integer, readMeta, text } from './meta-yaml';

export const DELETED_INTERNAL = 'Deleted_Internal';

export interface RegisteredModelMeta {
  name: string;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  description: string;
  userId: string;
}

export function parseRegisteredModelMeta(source: string): RegisteredModelMeta {
  const meta = readMeta(source);
  return {
    name: text(meta, 'name'),
    creationTimestamp: integer(meta, 'creation_timestamp'),
    lastUpdatedTimestamp: integer(meta, 'last_updated_timestamp'),
    description: text(meta, 'description', ''),
    userId: text(meta, 'user_id', ''),
  };
}

export interface ModelVersionMeta {
  name: string;
  version: number;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  /** a registry stage, or Deleted_Internal for a deleted version */
  currentStage: Stage | typeof DELETED_INTERNAL;
  description: string;
  source: string;
  /** absent before MLflow 2.x: the source is where the files are */
  storageLocation: string | null;
  runId: string;
  runLink: string;
  status: 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';
  statusMessage: string;
  userId: string;
}

const VERSION_STATUSES = ['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'] as const;

function stage(value: unknown): ModelVersionMeta['currentStage'] {
  if (value === undefined || value === null) return 'None';
  const found = typeof value === 'string' ? STAGES.find((s) => s.toLowerCase() === value.toLowerCase()) : undefined;
  if (found) return found;
  if (value === DELETED_INTERNAL) return DELETED_INTERNAL;
  throw invalidParameter(`'current_stage' should be one of ${STAGES.join(', ')}, got '${String(value)}'.`);
}

export function parseModelVersionMeta(source: string): ModelVersionMeta {
  const meta = readMeta(source);
  const version = integer(meta, 'version');
  if (version === null || version < 1) throw invalidParameter(`'version' should be a positive integer, got ${String(meta.version)}.`);
  const status = meta.status ?? 'READY';
  if (!(VERSION_STATUSES as readonly unknown[]).includes(status)) throw invalidParameter(`'status' should be one of ${VERSION_STATUSES.join(', ')}, got '${String(status)}'.`);
  const location = meta.storage_location;
  return {
    name: text(meta, 'name'),
    version,
    creationTimestamp: integer(meta, 'creation_timestamp'),
    lastUpdatedTimestamp: integer(meta, 'last_updated_timestamp'),
    currentStage: stage(meta.current_stage),
    description: text(meta, 'description', ''),
    source: text(meta, 'source', ''),
    storageLocation: typeof location === 'string' && location !== '' ? location : null,
    runId: text(meta, 'run_id', ''),
    runLink: text(meta, 'run_link', ''),
    status: status as ModelVersionMeta['status'],
    statusMessage: text(meta, 'status_message', ''),
    userId: text(meta, 'user_id', ''),
  };
}
