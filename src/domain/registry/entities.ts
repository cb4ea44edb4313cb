// MLflow's Model Registry entities (mlflow/entities/model_registry/*) in camelCase, plus Orchard's
// audit trail and approval requests. The REST layer converts them to MLflow's snake_case JSON.

export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

export interface RegisteredModelAlias {
  alias: string;
  /** version number as a string, as MLflow's JSON has it */
  version: string;
}

export interface ModelVersion {
  name: string;
  /** "1", "2", ... never reused within one registered model */
  version: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  userId: string;
  currentStage: Stage;
  description: string;
  /** any URI, e.g. runs:/<id>/model, models:/..., s3://... (files may live elsewhere) */
  source: string;
  runId: string;
  runLink: string;
  status: 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';
  statusMessage: string;
  tags: Record<string, string>;
  aliases: string[];
}

export interface RegisteredModel {
  name: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  userId: string;
  description: string;
  /** the highest version in each stage present (deleted excluded) */
  latestVersions: ModelVersion[];
  tags: Record<string, string>;
  aliases: RegisteredModelAlias[];
}

/** Who did something: the local user profile (or, when syncing, the peer the relay vouches for). */
export interface Actor {
  name: string;
  email: string;
}

export type RegistryEventKind =
  | 'model/create' | 'model/rename' | 'model/description' | 'model/tag' | 'model/deleteTag' | 'model/delete'
  | 'version/create' | 'version/description' | 'version/stage' | 'version/tag' | 'version/deleteTag' | 'version/delete'
  | 'alias/set' | 'alias/delete'
  | 'approval/request' | 'approval/approve' | 'approval/reject' | 'approval/cancel' | 'approval/gate';

/** One line of the audit trail: who changed what, when, from -> to. Append-only. */
export interface RegistryEvent {
  id: string;
  name: string;
  version?: string;
  kind: RegistryEventKind;
  actor: Actor;
  at: number;
  from?: string;
  to?: string;
  comment?: string;
}

export type ApprovalTarget = { kind: 'stage'; stage: Stage } | { kind: 'alias'; alias: string };

export interface ApprovalRequest {
  id: string;
  name: string;
  version: string;
  target: ApprovalTarget;
  /** for a stage request: archive the other versions in that stage when approved */
  archiveExistingVersions: boolean;
  requestedBy: Actor;
  requestedAt: number;
  comment: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';
  decidedBy?: Actor;
  decidedAt?: number;
  decisionComment?: string;
}

/** Which stages/aliases of a registered model need a second person's approval. */
export interface ApprovalGate {
  name: string;
  stages: Stage[];
  aliases: string[];
}
