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
