// The workspace database: one Dexie database per workspace. Every schema version ever shipped
// stays listed here, oldest first, so a browser holding an old database upgrades in place.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Experiment } from '../domain/entities';
import type { MetricChunk, MetricOverview } from '../domain/metric-history';
import type { StoredModelVersion, StoredRegisteredModel, StoredRun } from '../domain/stored-rows';
import type { Mutation } from '../domain/mutations';
import { overviewOf } from '../domain/metric-overview';
import type { ApprovalGate, ApprovalRequest, RegistryEvent } from '../domain/registry/entities';

/** Row shapes shared with pure planning code (sync folds, MLflow import): domain/stored-rows.ts */
export type RunRow = StoredRun;

export type ExperimentRow = Experiment;

export interface ArtifactRow {
  runId: string;
  /** normalised, relative to the run's artifact root */
  path: string;
  size: number;
  /** content address of the bytes in `blobs` */
  sha256: string;
  createdAt: number;
}

/** Content-addressed bytes: identical artifacts are stored once and sync by hash. Stored as a
 * Blob: Chromium keeps large IndexedDB blobs on disk and reads a slice without loading the rest,
 * so previewing the start of a 200 MB log stays cheap. (Rows written before v3 may hold an
 * ArrayBuffer; readers accept both.) */
export interface BlobRow {
  sha256: string;
  size: number;
  data: Blob | ArrayBuffer;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type RegisteredModelRow = StoredRegisteredModel;
export type ModelVersionRow = StoredModelVersion;

export type RegistryEventRow = RegistryEvent;
export type ApprovalRequestRow = ApprovalRequest;
export type ApprovalGateRow = ApprovalGate;

/** A local mutation waiting to be written into the sync documents (artifact bytes stay in blobs). */
export interface JournalRow {
  seq?: number;
  mutation: Mutation;
  at: number;
}

/** One Yjs update of one sync document (`seq` orders them; compaction merges a prefix into one). */
export interface SyncDocRow {
  doc: string;
  seq: number;
  update: Uint8Array;
}

export interface SyncAppliedRow {
  hash: string;
  at: number;
}

export interface SyncUploadRow {
  sha256: string;
  size: number;
  queuedAt: number;
}

type Upgrade = (tx: Transaction) => Promise<void>;

/** Each entry is one shipped schema version; append, never edit. */
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string>; upgrade?: Upgrade }> = [
  {
    version: 1,
    stores: {
      experiments: 'experimentId, &name, lifecycleStage, creationTime',
      runs: 'runId, info.experimentId',
      metricChunks: '[runId+key+seq], runId',
      artifacts: '[runId+path], runId, sha256',
      blobs: 'sha256',
    },
  },
  {
    // v2: settings (the local user profile), and start-time ordering of runs for the runs table.
    version: 2,
    stores: {
      runs: 'runId, info.experimentId, info.startTime',
      settings: 'key',
    },
  },
  {
    // v3: per-chunk min/max overviews, so downsampled chart reads skip most of the history.
    version: 3,
    stores: { metricOverviews: '[runId+key+seq], runId' },
    upgrade: async (tx) => {
      const overviews = tx.table<MetricOverview>('metricOverviews');
      await tx.table<MetricChunk>('metricChunks').each((chunk) => void overviews.put(overviewOf(chunk)));
    },
  },
  {
    // v4: the Model Registry (MLflow's registered models and versions, aliases on the model row),
    // Orchard's append-only audit trail, approval requests and per-model approval gates.
    version: 4,
    stores: {
      registeredModels: 'name',
      modelVersions: '[name+version], name, runId',
      registryEvents: 'id, name, at',
      approvalRequests: 'id, name, status',
      approvalGates: 'name',
    },
  },
  {
    // v5: sync (docs/sync-design.md). journal: local mutations not yet written into the Yjs
    // documents (written in the same transaction as the mutation, drained by the replicator);
    // syncDocs: each Y.Doc's updates, appended and compacted; syncApplied: metric chunks already
    // applied here (so a chunk seen twice is applied once); syncUploads: blobs the relay may not
    // have yet.
    version: 5,
    stores: {
      journal: '++seq',
      syncDocs: '[doc+seq], doc',
      syncApplied: 'hash',
      syncUploads: 'sha256',
    },
  },
];

export class WorkspaceDb extends Dexie {
  experiments!: Table<ExperimentRow, string>;
  runs!: Table<RunRow, string>;
  metricChunks!: Table<MetricChunk, [string, string, number]>;
  metricOverviews!: Table<MetricOverview, [string, string, number]>;
  artifacts!: Table<ArtifactRow, [string, string]>;
  blobs!: Table<BlobRow, string>;
  settings!: Table<SettingRow, string>;
  registeredModels!: Table<RegisteredModelRow, string>;
  modelVersions!: Table<ModelVersionRow, [string, number]>;
  registryEvents!: Table<RegistryEventRow, string>;
  approvalRequests!: Table<ApprovalRequestRow, string>;
  approvalGates!: Table<ApprovalGateRow, string>;
  journal!: Table<JournalRow, number>;
  syncDocs!: Table<SyncDocRow, [string, number]>;
  syncApplied!: Table<SyncAppliedRow, string>;
  syncUploads!: Table<SyncUploadRow, string>;

  constructor(name: string) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

export const databaseName = (workspace: string): string => `orchard-${workspace}`;
