// Orchard's approval gates and transition requests behind MlflowClient (beyond MLflow; rules in
// domain/registry/approval-rules.ts). Who asks and who decides is the workspace's local user
// profile at the time of the call; the decision and, when approved, the change itself are one
// mutation, so the audit trail shows both or neither.
import { newSortableId } from '../../domain/ids';
import {
  approvalTarget,
  checkArchiveExisting,
  emptyGate,
  normaliseGate,
  requestNotFound,
  validateModelName,
  versionNumber,
  type ApprovalGate,
  type ApprovalRequest,
} from '../../domain/registry';
import type { Workspace } from '../workspace';
import { auditStamp, modelRow } from './registry-rows';

export type TransitionTarget = { stage: string; archiveExistingVersions?: boolean } | { alias: string };

export interface TransitionRequestFilter {
  name?: string;
  status?: ApprovalRequest['status'];
}

export async function setApprovalGate(ws: Workspace, name: string, gate: { stages: string[]; aliases: string[] }): Promise<void> {
  const valid = validateModelName(name);
  await ws.store.mutations.apply({ type: 'registry/setGate', gate: normaliseGate(valid, gate), audit: await auditStamp(ws) });
}

export async function getApprovalGate(ws: Workspace, name: string): Promise<ApprovalGate> {
  const row = await modelRow(ws, name);
  const gate = await ws.store.db.approvalGates.get(row.name);
  return gate ? { name: gate.name, stages: [...gate.stages], aliases: [...gate.aliases] } : emptyGate(row.name);
}

export async function requestTransition(
  ws: Workspace,
  name: string,
  version: string | number,
  target: TransitionTarget,
  options: { comment?: string } = {},
): Promise<ApprovalRequest> {
  const valid = validateModelName(name);
  const n = versionNumber(version);
  const parsed = approvalTarget(target);
  const archive = 'stage' in target && target.archiveExistingVersions === true;
  if (parsed.kind === 'stage' && 'stage' in target) checkArchiveExisting(target.stage, parsed.stage, archive);
  const audit = await auditStamp(ws);
  const request: ApprovalRequest = {
    id: newSortableId(audit.at),
    name: valid,
    version: String(n),
    target: parsed,
    archiveExistingVersions: archive,
    requestedBy: audit.actor,
    requestedAt: audit.at,
    comment: options.comment ?? '',
    status: 'PENDING',
  };
  await ws.store.mutations.apply({ type: 'registry/requestTransition', request, audit });
  return getTransitionRequest(ws, request.id);
}

async function decide(ws: Workspace, requestId: string, decision: 'APPROVED' | 'REJECTED' | 'CANCELLED', comment = ''): Promise<ApprovalRequest> {
  await ws.store.mutations.apply({ type: 'registry/decideTransition', requestId: String(requestId), decision, comment, audit: await auditStamp(ws) });
  return getTransitionRequest(ws, requestId);
}

export const approveTransition = (ws: Workspace, requestId: string, options: { comment?: string } = {}): Promise<ApprovalRequest> =>
  decide(ws, requestId, 'APPROVED', options.comment);

export const rejectTransition = (ws: Workspace, requestId: string, options: { comment?: string } = {}): Promise<ApprovalRequest> =>
  decide(ws, requestId, 'REJECTED', options.comment);

export const cancelTransition = (ws: Workspace, requestId: string, options: { comment?: string } = {}): Promise<ApprovalRequest> =>
  decide(ws, requestId, 'CANCELLED', options.comment);

async function getTransitionRequest(ws: Workspace, id: string): Promise<ApprovalRequest> {
  const row = await ws.store.db.approvalRequests.get(id);
  if (!row) throw requestNotFound(id);
  return row;
}

/** Newest first. */
export async function listTransitionRequests(ws: Workspace, filter: TransitionRequestFilter = {}): Promise<ApprovalRequest[]> {
  const { db } = ws.store;
  const rows = filter.name !== undefined ? await db.approvalRequests.where('name').equals(filter.name).toArray() : await db.approvalRequests.toArray();
  return rows
    .filter((r) => filter.status === undefined || r.status === filter.status)
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
