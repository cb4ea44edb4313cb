// Recognising a full disk in what IndexedDB and Dexie throw. The browser reports it as a
// QuotaExceededError DOMException, but Dexie passes it on in three shapes: as it is (a failed
// request), as the `inner` error of an AbortError (the transaction aborted at commit), and inside
// a BulkError's failures (bulkPut/bulkAdd collect per-row errors and then fail the transaction).

interface DexieErrorShape {
  name?: unknown;
  inner?: unknown;
  failures?: unknown;
}

export function isQuotaExceeded(err: unknown, depth = 0): boolean {
  if (depth > 3 || typeof err !== 'object' || err === null) return false;
  const e = err as DexieErrorShape;
  if (e.name === 'QuotaExceededError') return true;
  if (isQuotaExceeded(e.inner, depth + 1)) return true;
  return Array.isArray(e.failures) && e.failures.some((f) => isQuotaExceeded(f, depth + 1));
}
