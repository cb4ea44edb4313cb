// Sends this peer's blobs (metric chunks, artifact bytes) to the relay. The queue is the durable
// syncUploads table, so uploads survive reloads; a pass asks the relay which queued hashes it
// lacks (POST /blobs/<W>/missing) and PUTs only those. Failures retry with backoff; an auth
// refusal stops the queue until `kick()`, since retrying a refused token only adds noise.
// Several PUTs are in flight at once: one at a time, a first share of 10,000 runs spent minutes
// waiting on round trips for tiny metric chunks.
import type { WorkspaceDb } from '../storage/schema';
import { blobForUpload, countQueuedUploads, dequeueUploads, enqueueUploads, localBlobHashes, queuedUploads } from '../storage/sync-blob-rows';
import { type BackoffOptions, backoffDelay } from './backoff';
import { RelayHttpError, type RelayHttp } from './transport/relay-http';

export interface BlobUploaderOptions {
  db: WorkspaceDb;
  http: RelayHttp;
  workspace: string;
  /** hashes per /missing request (default 500) */
  batchSize?: number;
  /** PUTs in flight at once (default 4, as downloads) */
  concurrency?: number;
  backoff?: BackoffOptions;
  /** the relay refused the token (401/403) */
  onAuthError?: (e: RelayHttpError) => void;
  /** a blob the relay will never take (too large): removed from the queue and reported */
  onRejected?: (sha256: string, e: RelayHttpError) => void;
  /** the queue changed size (for the status line) */
  onChange?: () => void;
}

export class BlobUploader {
  private running: Promise<void> | undefined;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private reconciling = 0;
  private stopped = false;
  private blocked = false;
  private lastError: Error | undefined;

  constructor(private readonly o: BlobUploaderOptions) {}

  /** Starts a pass now (new rows queued, or the relay is reachable again). */
  kick(): void {
    if (this.stopped) return;
    this.blocked = false;
    if (this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.running) {
      this.again = true; // rows may have been queued after this pass read the table
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped && !this.blocked && this.retryTimer === undefined) {
        this.again = false;
        this.kick();
      }
    });
  }

  /**
   * Queues every local blob the relay does not have: after (re)connecting, a relay that lost
   * its data gets our copies back.
   */
  async reconcile(): Promise<void> {
    const size = this.o.batchSize ?? 500;
    this.reconciling++;
    try {
      const hashes = await localBlobHashes(this.o.db);
      for (let i = 0; i < hashes.length; i += size) {
        const missing = await this.o.http.missingBlobs(this.o.workspace, hashes.slice(i, i + size));
        await enqueueUploads(this.o.db, missing);
      }
    } finally {
      this.reconciling--;
    }
    this.o.onChange?.();
    this.kick();
  }

  /** Queued uploads, plus one while a reconcile is still asking the relay (so the status line
   * does not say "synced" before it knows). */
  async pending(): Promise<number> {
    return (await countQueuedUploads(this.o.db)) + (this.reconciling > 0 ? 1 : 0);
  }

  /** the error of the last failed pass, cleared by a successful one */
  get error(): Error | undefined {
    return this.lastError;
  }

  /** Resolves when no pass is running or scheduled right now (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async pass(): Promise<void> {
    try {
      await this.drain();
      this.attempt = 0;
      this.lastError = undefined;
    } catch (e) {
      this.lastError = e instanceof Error ? e : new Error(String(e));
      if (e instanceof RelayHttpError && e.isAuth) {
        this.blocked = true;
        this.o.onAuthError?.(e);
        return;
      }
      if (this.stopped) return;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.kick();
      }, backoffDelay(this.attempt++, this.o.backoff));
    }
  }

  private async drain(): Promise<void> {
    const { db, http, workspace } = this.o;
    const size = this.o.batchSize ?? 500;
    while (!this.stopped) {
      const rows = await queuedUploads(db, size);
      if (rows.length === 0) return;
      const missing = new Set(await http.missingBlobs(workspace, rows.map((r) => r.sha256)));
      const present = rows.filter((r) => !missing.has(r.sha256)).map((r) => r.sha256);
      await dequeueUploads(db, present);
      if (present.length > 0) this.o.onChange?.();
      await this.uploadAll(rows.filter((r) => missing.has(r.sha256)).map((r) => r.sha256));
    }
  }

  /** PUTs `hashes`, a few at a time. The first failure stops taking new ones; the ones in flight
   * finish (each dequeued once the relay has it), then the failure ends the pass. */
  private async uploadAll(hashes: readonly string[]): Promise<void> {
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (!this.stopped && !failure && next < hashes.length) {
        const sha256 = hashes[next++] as string;
        try {
          await this.upload(sha256);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency ?? 4, hashes.length) }, worker));
    if (failure) throw failure.error;
  }

  private async upload(sha256: string): Promise<void> {
    const { db, http, workspace } = this.o;
    const body = await blobForUpload(db, sha256);
    if (body) {
      try {
        await http.putBlob(workspace, sha256, body);
      } catch (e) {
        // 413: the relay's blob limit; it will never take this one, so keep the queue moving.
        if (!(e instanceof RelayHttpError && e.status === 413)) throw e;
        this.o.onRejected?.(sha256, e);
      }
    }
    await dequeueUploads(db, [sha256]);
    this.o.onChange?.();
  }
}
