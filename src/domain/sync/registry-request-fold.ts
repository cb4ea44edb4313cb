// Approval requests from the `requests` slot map. A request is immutable except for decisions,
// each its own `decision:<id>` field, and the FIRST decision (lowest stamp) is the one that counts:
// two reviewers deciding at once on two peers end with the same status everywhere, and an approval
// that lost does not apply its change (see registry-fold.ts). A pending request whose version is
// gone ends CANCELLED, as the local delete handlers do.
import type { ApprovalRequest, ApprovalTarget } from '../registry/entities';
import { type Actor } from '../registry/entities';
import type { Hlc } from './hlc';
import { foldSlotMap, prefixed } from './registry-entities';
import { type DecisionValue, isId, parseActor, parseDecision, parseTarget } from './registry-wire';

export interface RequestEntity {
  id: string;
  model: string;
  version: string;
  target: ApprovalTarget;
  archive: boolean;
  requestedBy: Actor;
  requestedAt: number;
  comment: string;
  decision?: DecisionValue & { id: string; hlc: Hlc };
}

export function readRequests(slots: ReadonlyMap<string, unknown>): Map<string, RequestEntity> {
  const out = new Map<string, RequestEntity>();
  for (const [id, fields] of foldSlotMap(slots, 'requests')) {
    const model = fields.get('model')?.value;
    const version = fields.get('version')?.value;
    const target = parseTarget(fields.get('target')?.value);
    const archive = fields.get('archive')?.value;
    const requestedBy = parseActor(fields.get('requestedBy')?.value);
    const requestedAt = fields.get('requestedAt')?.value;
    const comment = fields.get('comment')?.value;
    if (!isId(id) || !isId(model) || !isId(version) || !target || typeof archive !== 'boolean' || !requestedBy) continue;
    if (typeof requestedAt !== 'number' || !Number.isFinite(requestedAt) || typeof comment !== 'string') continue;
    const r: RequestEntity = { id, model, version, target, archive: target.kind === 'stage' && archive, requestedBy, requestedAt, comment };
    for (const [decisionId, w] of prefixed(fields, 'decision:')) {
      const d = parseDecision(w.value);
      if (!d) continue;
      const cur = r.decision;
      if (!cur || w.hlc < cur.hlc || (w.hlc === cur.hlc && decisionId < cur.id)) r.decision = { ...d, id: decisionId, hlc: w.hlc };
    }
    out.set(id, r);
  }
  return out;
}

/** Why an undecided request can no longer happen: its version or model was deleted. */
export interface Gone {
  by: Actor;
  at: number;
  why: string;
}

/** The request as a row: `name` and `version` are what the model and version are called now. */
export function requestRow(r: RequestEntity, name: string, version: number, gone: Gone | undefined): ApprovalRequest {
  const row: ApprovalRequest = {
    id: r.id,
    name,
    version: String(version),
    target: r.target.kind === 'stage' ? { kind: 'stage', stage: r.target.stage } : { kind: 'alias', alias: r.target.alias },
    archiveExistingVersions: r.archive,
    requestedBy: { ...r.requestedBy },
    requestedAt: r.requestedAt,
    comment: r.comment,
    status: 'PENDING',
  };
  if (r.decision) {
    row.status = r.decision.status;
    row.decidedBy = { ...r.decision.by };
    row.decidedAt = r.decision.at;
    row.decisionComment = r.decision.comment;
  } else if (gone) {
    row.status = 'CANCELLED';
    row.decidedBy = { ...gone.by };
    row.decidedAt = gone.at;
    row.decisionComment = gone.why;
  }
  return row;
}
