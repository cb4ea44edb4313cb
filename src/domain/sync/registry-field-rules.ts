// Which values each registry entity field may hold. A write that breaks its field's rule (a peer
// sending a number as a description, an unknown field, a tag MLflow would refuse) is skipped
// before the fold picks winners, so garbage can neither appear nor hide the last valid value.
import { isId, parseActor, parseAliasValue, parseDecision, parseDeleted, parseTarget, validAlias, validTag } from './registry-wire';

export type EntityMapName = 'models' | 'versions' | 'gates' | 'requests';

const isString = (v: unknown): boolean => typeof v === 'string';
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStringList = (v: unknown): boolean => Array.isArray(v) && v.length <= 64 && v.every((x) => typeof x === 'string');
const orNull = (rule: (v: unknown) => boolean) => (v: unknown): boolean => v === null || rule(v);

type Rule = (value: unknown, rest: string) => boolean;

const PLAIN: Record<EntityMapName, Record<string, (v: unknown) => boolean>> = {
  models: {
    name: (v) => typeof v === 'string' && v !== '',
    created: isTime,
    updated: isTime,
    renamed: isTime,
    user: isString,
    description: isString,
    deleted: orNull((v) => parseDeleted(v) !== undefined),
  },
  versions: {
    model: isId,
    number: (v) => typeof v === 'number' && Number.isSafeInteger(v),
    source: isString,
    storageLocation: isString,
    runId: isString,
    runLink: isString,
    description: isString,
    user: isString,
    created: isTime,
    updated: isTime,
    deleted: orNull((v) => parseDeleted(v) !== undefined),
  },
  gates: {
    stages: isStringList,
    aliases: isStringList,
  },
  requests: {
    model: isId,
    version: isId,
    target: (v) => parseTarget(v) !== undefined,
    archive: (v) => typeof v === 'boolean',
    requestedBy: (v) => parseActor(v) !== undefined,
    requestedAt: isTime,
    comment: isString,
  },
};

const PREFIXED: Record<EntityMapName, Record<string, Rule>> = {
  models: {
    'tag:': (v, key) => v === null || validTag(key, v),
    'alias:': (v, alias) => validAlias(alias) !== undefined && (v === null || parseAliasValue(v) !== undefined),
  },
  versions: { 'tag:': (v, key) => v === null || validTag(key, v) },
  gates: {},
  requests: { 'decision:': (v, id) => isId(id) && parseDecision(v) !== undefined },
};

/** True when `value` is a valid write of `field` in an entity of `map`. */
export function fieldValid(map: EntityMapName, field: string, value: unknown): boolean {
  // Own keys only: a field called "constructor" or "__proto__" must not find Object's.
  if (Object.hasOwn(PLAIN[map], field)) return (PLAIN[map][field] as (v: unknown) => boolean)(value);
  for (const [prefix, rule] of Object.entries(PREFIXED[map])) {
    if (field.startsWith(prefix) && field.length > prefix.length) return rule(value, field.slice(prefix.length));
  }
  return false;
}
