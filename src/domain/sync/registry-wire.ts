// The registry's values as they travel in the root document, and their parsers. Everything here
// comes from other peers, so nothing is trusted: each parser returns undefined for anything that
// is not exactly the shape we write, and the fold treats undefined as "not there".
import { STAGES, type Actor, type ApprovalTarget, type RegistryEvent, type RegistryEventKind, type Stage } from '../registry/entities';
import { validateAlias, validateRegisteredModelTag } from '../registry/registry-validation';
import { type Hlc, isHlc } from './hlc';
import type { FieldValue } from './slots';

/** Names of the root document's registry maps (docs/sync-design.md). */
export const REGISTRY_MAPS = ['models', 'versions', 'gates', 'requests', 'transitions', 'audit'] as const;
export type RegistryMapName = (typeof REGISTRY_MAPS)[number];

/** `transitions` entry: one stage change, immutable, keyed by its event id. */
export interface TransitionEntry {
  model: string;
  version: string;
  stage: Stage;
  archiveExisting: boolean;
  hlc: Hlc;
  actor: Actor;
  /** wall ms of the change (the version's lastUpdatedTimestamp) */
  at: number;
  /** set when the change is an approved request: the request and the approving decision's id */
  request?: string;
  approval?: string;
}

/** `deleted` register of a model or version: who deleted it and when. */
export interface DeletedValue {
  at: number;
  by: Actor;
}

/** `alias:<a>` field: the version uid it points at and the stamp of its first set (its order). */
export interface AliasValue {
  v: string;
  since: Hlc;
}

/** `decision:<id>` field of a request: one reviewer's decision (the lowest stamp wins). */
export interface DecisionValue {
  status: 'APPROVED' | 'REJECTED' | 'CANCELLED';
  by: Actor;
  at: number;
  comment: string;
}

const EVENT_KINDS: ReadonlySet<RegistryEventKind> = new Set<RegistryEventKind>([
  'model/create', 'model/rename', 'model/description', 'model/tag', 'model/deleteTag', 'model/delete',
  'version/create', 'version/description', 'version/stage', 'version/tag', 'version/deleteTag', 'version/delete',
  'alias/set', 'alias/delete',
  'approval/request', 'approval/approve', 'approval/reject', 'approval/cancel', 'approval/gate',
]);

const DECISIONS: ReadonlySet<string> = new Set(['APPROVED', 'REJECTED', 'CANCELLED']);

/** A plain JSON object (not an array, not a Yjs type or any other class instance). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
export const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 200 && !x.includes('|');

export function parseActor(x: unknown): Actor | undefined {
  if (!isRecord(x) || typeof x.name !== 'string' || typeof x.email !== 'string') return undefined;
  return { name: x.name, email: x.email };
}

export const parseStage = (x: unknown): Stage | undefined => (STAGES as readonly unknown[]).includes(x) ? (x as Stage) : undefined;

export function parseTransition(key: string, x: unknown): TransitionEntry | undefined {
  if (!isId(key) || !isRecord(x)) return undefined;
  const stage = parseStage(x.stage);
  const actor = parseActor(x.actor);
  if (!isId(x.model) || !isId(x.version) || !stage || typeof x.archiveExisting !== 'boolean' || !isHlc(x.hlc) || !actor || !isTime(x.at)) return undefined;
  const t: TransitionEntry = { model: x.model, version: x.version, stage, archiveExisting: x.archiveExisting, hlc: x.hlc, actor, at: x.at };
  if (x.request !== undefined || x.approval !== undefined) {
    if (!isId(x.request) || !isId(x.approval)) return undefined;
    t.request = x.request;
    t.approval = x.approval;
  }
  return t;
}

export function parseDeleted(x: unknown): DeletedValue | undefined {
  if (!isRecord(x) || !isTime(x.at)) return undefined;
  const by = parseActor(x.by);
  return by ? { at: x.at, by } : undefined;
}

export function parseAliasValue(x: unknown): AliasValue | undefined {
  if (!isRecord(x) || !isId(x.v) || !isHlc(x.since)) return undefined;
  return { v: x.v, since: x.since };
}

export function parseDecision(x: unknown): DecisionValue | undefined {
  if (!isRecord(x) || typeof x.status !== 'string' || !DECISIONS.has(x.status) || !isTime(x.at) || typeof x.comment !== 'string') return undefined;
  const by = parseActor(x.by);
  return by ? { status: x.status as DecisionValue['status'], by, at: x.at, comment: x.comment } : undefined;
}

export function parseTarget(x: unknown): ApprovalTarget | undefined {
  if (!isRecord(x)) return undefined;
  if (x.kind === 'stage') {
    const stage = parseStage(x.stage);
    return stage ? { kind: 'stage', stage } : undefined;
  }
  if (x.kind === 'alias') {
    const alias = validAlias(x.alias);
    return alias !== undefined ? { kind: 'alias', alias } : undefined;
  }
  return undefined;
}

/** An audit event whose id is its key; optional fields only when they are strings. */
export function parseEvent(key: string, x: unknown): RegistryEvent | undefined {
  if (!isId(key) || !isRecord(x) || x.id !== key) return undefined;
  const actor = parseActor(x.actor);
  if (typeof x.name !== 'string' || x.name === '' || !EVENT_KINDS.has(x.kind as RegistryEventKind) || !actor || !isTime(x.at)) return undefined;
  const e: RegistryEvent = { id: key, name: x.name, kind: x.kind as RegistryEventKind, actor, at: x.at };
  for (const f of ['version', 'from', 'to', 'comment'] as const) {
    const v = x[f];
    if (v === undefined) continue;
    if (typeof v !== 'string') return undefined;
    e[f] = v;
  }
  return e;
}

/** An alias name MLflow would accept, else undefined. */
export function validAlias(x: unknown): string | undefined {
  try {
    return validateAlias(x);
  } catch {
    return undefined;
  }
}

/** A tag key/value pair MLflow would accept (as a registered model or version tag), else false. */
export function validTag(key: string, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    validateRegisteredModelTag(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Nesting deeper than this is written as one marker: a hostile value nested a million levels deep
 * must not overflow the stack (it only ever decides a tie, deterministically either way). */
const MAX_DEPTH = 32;

/** JSON with object keys sorted: equal content gives equal text whatever the key order. */
export function stableJson(x: FieldValue | unknown, depth = 0): string {
  if (depth > MAX_DEPTH) return '"\u2026"';
  if (Array.isArray(x)) return `[${x.map((v) => stableJson(v, depth + 1)).join(',')}]`;
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(o[k], depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}
