// Ids that are unique across peers without coordination, shaped like MLflow's:
// run ids are uuid4().hex (32 lowercase hex), experiment ids are random 18-digit integers as
// strings (mlflow/utils/name_utils.py `_generate_unique_integer_id`, the file store's scheme).

export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export function newRunId(): string {
  const b = randomBytes(16);
  // RFC 4122 version 4 bits, as uuid4 sets them.
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** 18 decimal digits, first one non-zero, from 64 random bits. */
export function newExperimentId(): string {
  const b = randomBytes(8);
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  const span = 9n * 10n ** 17n;
  return (10n ** 17n + (n % span)).toString();
}

let sortableCounter = 0;

/**
 * An id that sorts by time: 12 hex digits of ms, a 4-hex per-realm counter (so ids made in the same
 * millisecond keep their order), then 12 random hex digits so peers never collide. The registry's
 * audit events and approval requests use it, so "newest first" is an index order.
 */
export function newSortableId(at: number): string {
  sortableCounter = (sortableCounter + 1) % 0x10000;
  const time = Math.max(0, Math.trunc(at)).toString(16).padStart(12, '0');
  const random = Array.from(randomBytes(6), (x) => x.toString(16).padStart(2, '0')).join('');
  return `${time}${sortableCounter.toString(16).padStart(4, '0')}${random}`;
}
