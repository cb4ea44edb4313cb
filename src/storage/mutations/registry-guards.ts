// Lookups and writes shared by the Model Registry handlers, with MLflow's not-found messages
// (SqlAlchemyStore._get_registered_model, _get_sql_model_version), the approval-gate check, and
// the audit-trail writer: every handler records its events in the same transaction as its change.
import type { MutationEffect } from '../../domain/mutations';
import {
  describeTarget,
  gateCovers,
  targetValue,
  modelNotFound,
  needsApproval,
  versionNotFound,
  type ApprovalTarget,
  type AuditStamp,
} from '../../domain/registry';
import { auditEvent } from '../../domain/registry/audit-trail';
import type { ModelVersionRow, RegisteredModelRow, WorkspaceDb } from '../schema';

export const touchedModels = (...names: string[]): MutationEffect => ({ experimentIds: [], runIds: [], registeredModels: names });

export async function requireModel(db: WorkspaceDb, name: string): Promise<RegisteredModelRow> {
  const m = await db.registeredModels.get(name);
  if (!m) throw modelNotFound(name);
  return m;
}

export async function requireVersion(db: WorkspaceDb, name: string, version: number): Promise<ModelVersionRow> {
  const v = await db.modelVersions.get([name, version]);
  if (!v) throw versionNotFound(name, version);
  return v;
}

export async function record(db: WorkspaceDb, ...args: Parameters<typeof auditEvent>): Promise<void> {
  await db.registryEvents.add(auditEvent(...args));
}

/** Refuses a direct change to a target the model's approval gate covers. */
export async function checkGate(db: WorkspaceDb, name: string, version: number, target: ApprovalTarget): Promise<void> {
  const gate = await db.approvalGates.get(name);
  if (gateCovers(gate, target)) throw needsApproval(describeTarget(name, String(version), target));
}

/** Pending requests that can no longer happen (their version or model is gone) end as CANCELLED. */
export async function cancelPendingRequests(db: WorkspaceDb, name: string, stamp: AuditStamp, why: string, version?: number): Promise<void> {
  const pending = await db.approvalRequests.where('name').equals(name).filter((r) => r.status === 'PENDING' && (version === undefined || r.version === String(version))).toArray();
  for (const r of pending) {
    await db.approvalRequests.put({ ...r, status: 'CANCELLED', decidedBy: { ...stamp.actor }, decidedAt: stamp.at, decisionComment: why });
    await record(db, stamp, 'approval/cancel', name, { version: r.version, to: targetValue(r.target, r.version), comment: `request ${r.id}: ${why}` }, `c${r.id}`);
  }
}
