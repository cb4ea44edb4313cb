// Orchard's approval gates (beyond MLflow, in the spirit of the Databricks registry's transition
// requests): a registered model names the stages and aliases whose changes need a second person.
// A change to a gated target becomes a request; a DIFFERENT user approves (which applies it) or
// rejects it; only the requester cancels it. Pure rules, shared by the SDK and the storage handlers.
import { MlflowError, invalidParameter } from '../errors';
import { entry } from './audit-trail';
import type { Actor, ApprovalGate, ApprovalRequest, ApprovalTarget } from './entities';
import { canonicalStage, validateAlias } from './registry-validation';

export type Decision = 'APPROVED' | 'REJECTED' | 'CANCELLED';

/**
 * A gate with canonical stage names and valid aliases, each listed once.
 * @example normaliseGate('churn', { stages: ['production'], aliases: ['champion'] })
 */
export function normaliseGate(name: string, gate: { stages?: readonly unknown[]; aliases?: readonly unknown[] }): ApprovalGate {
  if (gate === null || typeof gate !== 'object') throw invalidParameter('An approval gate is { stages: string[], aliases: string[] }.');
  const stages = [...new Set((gate.stages ?? []).map(canonicalStage))];
  const aliases = [...new Set((gate.aliases ?? []).map(validateAlias))];
  return { name, stages, aliases };
}

export const emptyGate = (name: string): ApprovalGate => ({ name, stages: [], aliases: [] });

/** Whether a change to `target` needs approval under `gate`. */
export function gateCovers(gate: ApprovalGate | undefined, target: ApprovalTarget): boolean {
  if (!gate) return false;
  return target.kind === 'stage' ? gate.stages.includes(target.stage) : gate.aliases.includes(target.alias);
}

/** The gate as one audit-trail value: "stages=Production,Staging; aliases=champion". */
export function gateSummary(gate: ApprovalGate | undefined): string {
  return `stages=${(gate?.stages ?? []).join(',')}; aliases=${(gate?.aliases ?? []).join(',')}`;
}

/** What a request asks for, in words. */
export function describeTarget(name: string, version: string, target: ApprovalTarget): string {
  return target.kind === 'stage'
    ? `Moving version ${version} of '${name}' to ${target.stage}`
    : `Pointing alias '${target.alias}' of '${name}' at version ${version}`;
}

/** A stage target from the caller's input (any case) or an alias target, checked. */
export function approvalTarget(target: { stage: string } | { alias: string }): ApprovalTarget {
  if (target !== null && typeof target === 'object' && 'stage' in target) return { kind: 'stage', stage: canonicalStage(target.stage) };
  if (target !== null && typeof target === 'object' && 'alias' in target) return { kind: 'alias', alias: validateAlias(target.alias) };
  throw invalidParameter('A transition target is { stage } or { alias }.');
}

const isAnonymous = (a: Actor): boolean => a.name.trim() === '' && a.email.trim() === '';

/** Two profiles are the same person when their emails match (or, lacking emails, their names). */
export function sameActor(a: Actor, b: Actor): boolean {
  const ea = a.email.trim().toLowerCase();
  const eb = b.email.trim().toLowerCase();
  if (ea !== '' && eb !== '') return ea === eb;
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

export const actorLabel = (a: Actor): string =>
  isAnonymous(a) ? 'an unnamed user' : a.email ? `${a.name || a.email} <${a.email}>` : a.name;

/** Throws unless `actor` may make `decision` on `request` (which must still be pending). */
export function checkDecision(request: ApprovalRequest, decision: Decision, actor: Actor): void {
  if (request.status !== 'PENDING') {
    throw new MlflowError(`Transition request ${request.id} is already ${request.status}; only PENDING requests can be decided.`, 'RESOURCE_CONFLICT');
  }
  const requester = actorLabel(request.requestedBy);
  if (decision === 'CANCELLED') {
    if (!sameActor(actor, request.requestedBy)) {
      throw new MlflowError(`Only the requester (${requester}) can cancel transition request ${request.id}; reviewers reject it.`, 'PERMISSION_DENIED');
    }
    return;
  }
  const verb = decision === 'APPROVED' ? 'approve' : 'reject';
  if (isAnonymous(actor)) {
    throw new MlflowError(`To ${verb} a transition request, set your user profile (name and email) first: the audit trail records who decided.`, 'UNAUTHENTICATED');
  }
  if (sameActor(actor, request.requestedBy)) {
    throw new MlflowError(
      `Transition request ${request.id} was made by ${requester}: a different user must ${verb} it` +
        (decision === 'REJECTED' ? ' (the requester can cancel it with cancelTransition).' : '.'),
      'PERMISSION_DENIED',
    );
  }
}

/** A target as an audit-trail value: the stage, or `alias=version`. */
export const targetValue = (target: ApprovalTarget, version: string): string =>
  target.kind === 'stage' ? target.stage : entry(target.alias, version);
