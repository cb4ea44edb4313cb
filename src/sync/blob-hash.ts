// Content addresses: the lowercase hex sha256 of a blob's bytes, as the blobs table, the relay's
// blob endpoint and the sync documents name them.

import { SHA256_PATTERN, sha256Hex } from '../domain/sync/metric-chunk';

export { sha256Hex };
export const SHA256_HEX = SHA256_PATTERN;

/** Thrown when bytes that arrived do not hash to the name they were fetched by. */
export class BlobIntegrityError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Blob ${expected} failed verification: the bytes received hash to ${actual}; they were discarded.`);
    this.name = 'BlobIntegrityError';
  }
}

/** Resolves when `bytes` hash to `sha256`; rejects with BlobIntegrityError otherwise. */
export async function verifyBlob(sha256: string, bytes: Uint8Array): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) throw new BlobIntegrityError(sha256, actual);
}
