// How registry people and events read in the UI: one sentence per audit event, and a person as
// their name (or email). Pure, so the wording is unit-tested.
import { sameActor } from '../../domain/registry/approval-rules';
import type { Actor, ApprovalRequest, ApprovalTarget, RegistryEvent } from '../../domain/registry/entities';

/** A person as shown: name, else email, else "someone" (a profile not filled in). */
export function actorLabel(actor: Actor | undefined): string {
  return actor?.name || actor?.email || 'someone';
}

/** Same person, by the approval rules' own test (emails, else names). */
export function isSameActor(a: Actor | undefined, b: Actor | undefined): boolean {
  return !!a && !!b && sameActor(a, b);
}

/** "stage Production" / "alias @champion". */
export function targetLabel(target: ApprovalTarget): string {
  return target.kind === 'stage' ? `stage ${target.stage}` : `alias @${target.alias}`;
}

/** What a request asks for, in one line. */
export function requestSummary(r: ApprovalRequest): string {
  const archive = r.target.kind === 'stage' && r.archiveExistingVersions ? ', archiving the others there' : '';
  return `version ${r.version} to ${targetLabel(r.target)}${archive}`;
}

const ofVersion = (e: RegistryEvent): string => `version ${e.version ?? '?'}`;

/** An audit `alias=version` value as `@alias`; a stage stays as it is. */
function targetText(value: string | undefined): string {
  if (value === undefined) return '?';
  const at = value.lastIndexOf('=');
  return at > 0 ? `@${value.slice(0, at)}` : value;
}

/** The version an audit `alias=version` value points at. */
const aliasVersion = (value: string | undefined): string => (value && value.includes('=') ? value.slice(value.lastIndexOf('=') + 1) : '?');

/** An audit gate value (`stages=Production; aliases=champion`) as `Production, @champion`, or `nothing`. */
export function gateText(value: string | undefined): string {
  const m = /^stages=(.*); aliases=(.*)$/.exec(value ?? '');
  if (!m) return value ?? 'nothing';
  const items = [...(m[1] ?? '').split(','), ...(m[2] ?? '').split(',').map((a) => (a ? `@${a}` : ''))].filter(Boolean);
  return items.length > 0 ? items.join(', ') : 'nothing';
}

/**
 * One audit event as a sentence, without who and when (their own columns). The trail writes tags
 * and aliases as `key=value` / `alias=version` (domain/registry/audit-trail.ts).
 * @example eventSummary({ kind: 'version/stage', version: '2', from: 'Staging', to: 'Production', … }) // 'moved version 2: Staging → Production'
 */
export function eventSummary(e: RegistryEvent): string {
  switch (e.kind) {
    case 'model/create': return 'created the model';
    case 'model/rename': return `renamed the model: ${e.from ?? '?'} → ${e.to ?? '?'}`;
    case 'model/description': return 'edited the model description';
    case 'model/tag': return e.from ? `changed tag ${e.from} → ${e.to ?? ''}` : `set tag ${e.to ?? ''}`;
    case 'model/deleteTag': return `deleted tag ${e.from ?? ''}`;
    case 'model/delete': return 'deleted the model';
    case 'version/create': return `registered ${ofVersion(e)} from ${e.to ?? '?'}`;
    case 'version/description': return `edited the description of ${ofVersion(e)}`;
    case 'version/stage': return `moved ${ofVersion(e)}: ${e.from ?? '?'} → ${e.to ?? '?'}`;
    case 'version/tag': return e.from ? `changed tag ${e.from} → ${e.to ?? ''} on ${ofVersion(e)}` : `set tag ${e.to ?? ''} on ${ofVersion(e)}`;
    case 'version/deleteTag': return `deleted tag ${e.from ?? ''} from ${ofVersion(e)}`;
    case 'version/delete': return `deleted ${ofVersion(e)}${e.from ? ` (was ${e.from})` : ''}`;
    case 'alias/set':
      return e.from
        ? `moved ${targetText(e.to)} from version ${aliasVersion(e.from)} to ${ofVersion(e)}`
        : `set ${targetText(e.to)} → ${ofVersion(e)}`;
    case 'alias/delete': return `deleted ${targetText(e.from)} (was version ${aliasVersion(e.from)})`;
    case 'approval/gate': return `set what needs approval: ${gateText(e.to)} (was ${gateText(e.from)})`;
    case 'approval/request': return `requested ${ofVersion(e)} → ${targetText(e.to)}`;
    case 'approval/approve': return `approved ${ofVersion(e)} → ${targetText(e.to)}`;
    case 'approval/reject': return `rejected ${ofVersion(e)} → ${targetText(e.to)}`;
    case 'approval/cancel': return `cancelled the request ${ofVersion(e)} → ${targetText(e.to)}`;
  }
}

/** The comment worth showing beside an event (a created model's comment is its whole description). */
export function eventComment(e: RegistryEvent): string | undefined {
  return e.kind === 'model/create' ? undefined : e.comment;
}
