// Orchard's approval gates and transition requests (beyond MLflow; see domain/registry/
// approval-rules.ts): setting a gate, requesting a gated change, and deciding a request. Approving
// applies the change in the same transaction as the decision, so a request is never approved
// without its change or changed without its approval.
import { alreadyExists } from '../../domain/errors';
import type { Mutation, MutationEffect } from '../../domain/mutations';
import {
  checkDecision,
  describeTarget,
  entry,
  gateSummary,
  requestNotFound,
  targetValue,
  type RegistryEventKind,
} from '../../domain/registry';
import type { WorkspaceDb } from '../schema';
import { applyAlias } from './registry-aliases';
import { record, requireModel, requireVersion, touchedModels } from './registry-guards';
import { applyStage } from './registry-versions';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

export async function setGate(db: WorkspaceDb, m: M<'registry/setGate'>): Promise<MutationEffect> {
  const { name } = m.gate;
  await requireModel(db, name);
  const before = await db.approvalGates.get(name);
  if (m.gate.stages.length === 0 && m.gate.aliases.length === 0) await db.approvalGates.delete(name);
  else await db.approvalGates.put({ name, stages: [...m.gate.stages], aliases: [...m.gate.aliases] });
  await record(db, m.audit, 'approval/gate', name, { from: gateSummary(before), to: gateSummary(m.gate) });
  return touchedModels(name);
}

export async function requestTransition(db: WorkspaceDb, m: M<'registry/requestTransition'>): Promise<MutationEffect> {
  const r = m.request;
  const version = await requireVersion(db, r.name, Number(r.version));
  const model = await requireModel(db, r.name);
  const twin = await db.approvalRequests
    .where('name')
    .equals(r.name)
    .filter((p) => p.status === 'PENDING' && p.version === r.version && targetValue(p.target, p.version) === targetValue(r.target, r.version))
    .first();
  if (twin) throw alreadyExists(`${describeTarget(r.name, r.version, r.target)} is already requested (request ${twin.id}, pending).`);
  await db.approvalRequests.add({ ...r, requestedBy: { ...r.requestedBy } });
  const { target } = r;
  const held = target.kind === 'alias' ? model.aliases.find((a) => a.alias === target.alias) : undefined;
  const from = target.kind === 'stage' ? version.currentStage : held ? entry(held.alias, held.version) : undefined;
  await record(db, m.audit, 'approval/request', r.name, { version: r.version, from, to: targetValue(r.target, r.version), comment: r.comment });
  return touchedModels(r.name);
}

const DECISION_EVENT: Record<M<'registry/decideTransition'>['decision'], RegistryEventKind> = {
  APPROVED: 'approval/approve',
  REJECTED: 'approval/reject',
  CANCELLED: 'approval/cancel',
};

export async function decideTransition(db: WorkspaceDb, m: M<'registry/decideTransition'>): Promise<MutationEffect> {
  const r = await db.approvalRequests.get(m.requestId);
  if (!r) throw requestNotFound(m.requestId);
  checkDecision(r, m.decision, m.audit.actor);
  const version = Number(r.version);
  await record(db, m.audit, DECISION_EVENT[m.decision], r.name, { version: r.version, to: targetValue(r.target, r.version), comment: m.comment });
  if (m.decision === 'APPROVED') {
    // The change is stamped with the approver and linked to the request.
    const change = { ...m.audit, id: `${m.audit.id}.x` };
    const why = `approved request ${r.id}`;
    if (r.target.kind === 'stage') await applyStage(db, r.name, version, r.target.stage, r.archiveExistingVersions, change, why);
    else await applyAlias(db, r.name, r.target.alias, version, change, why);
  }
  await db.approvalRequests.put({
    ...r,
    status: m.decision,
    decidedBy: { ...m.audit.actor },
    decidedAt: m.audit.at,
    decisionComment: m.comment,
  });
  return touchedModels(r.name);
}
