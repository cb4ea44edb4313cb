// Checks for values that arrive from other peers. A peer may run a buggy or hostile build and send
// anything a JSON value can hold: wrong types, huge strings, NaN where a time belongs, names that
// the SDK would refuse. Everything read from the sync documents passes one of these first; what
// fails is ignored (the same way on every peer, so replicas still agree) and never stored.
import { LIMITS, validateKey } from '../validation';

const RUN_ID = /^[a-zA-Z0-9][\p{L}\p{N}\p{M}\p{Pc}-]{0,255}$/u;
/** Orchard's ids are 18 digits ("0" for the default); anything id-like is accepted, nothing that
 * could break a document name. */
const EXPERIMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const isRunId = (x: unknown): x is string => typeof x === 'string' && RUN_ID.test(x);
export const isExperimentId = (x: unknown): x is string => typeof x === 'string' && EXPERIMENT_ID.test(x);

function validKey(kind: 'metric' | 'parameter' | 'tag', x: unknown): x is string {
  if (typeof x !== 'string' || x.length === 0 || x.length > LIMITS.entityKey) return false;
  try {
    validateKey(kind, x);
    return true;
  } catch {
    return false;
  }
}

export const isMetricKey = (x: unknown): x is string => validKey('metric', x);
export const isParamKey = (x: unknown): x is string => validKey('parameter', x);
export const isTagKey = (x: unknown): x is string => validKey('tag', x);

export const isBoundedString = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

/** A time in ms since the epoch (or any non-negative finite number such as a start time). */
export const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

export const isSize = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** Longest text field kept from a peer that has no MLflow limit of its own (names, user ids, URIs). */
export const MAX_TEXT = 8_000;
