// Content addresses: the lowercase hex sha256 of a blob's bytes, as the blobs table, the relay's
// blob endpoint and the sync documents name them.

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // subtle.digest wants an ArrayBuffer-backed view; copy only when the bytes live elsewhere.
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', view);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

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
