// Moving blobs between this peer and the relay: uploads of our blobs (durable queue), downloads
// of the blobs the replicator wants (metric chunks whose refs arrived before their bytes), and
// lazy fetches of artifacts when someone opens them. Wanted blobs a peer has not uploaded yet
// (404) are retried with backoff per hash, so a late upload is picked up without a reload.
import { readArtifactBlob } from '../storage/artifact-reads';
import type { WorkspaceDb } from '../storage/schema';
import { artifactRef, hasBlob } from '../storage/sync-blob-rows';
import { type BackoffOptions, backoffDelay } from './backoff';
import { BlobDownloader, type ProgressListener } from './blob-download';
import { BlobIntegrityError } from './blob-hash';
import { BlobUploader } from './blob-upload';
import { RelayHttpError, type RelayHttp } from './transport/relay-http';

export interface BlobTransferOptions {
  db: WorkspaceDb;
  http: RelayHttp;
  workspace: string;
  /** false for read-only tokens: the relay refuses their uploads, so none are attempted */
  canUpload: boolean;
  /** parallel downloads of wanted blobs (default 4) */
  concurrency?: number;
  backoff?: BackoffOptions;
  onAuthError?: (e: RelayHttpError) => void;
  /** verified bytes of `sha256` were stored here */
  onStored?: (sha256: string) => void;
  /** queue sizes or errors changed */
  onChange?: () => void;
}

interface Wanted {
  attempt: number;
  /** not before this time (ms) */
  retryAt: number;
  lastError?: Error;
}

export class BlobTransfer {
  readonly uploads: BlobUploader | undefined;
  readonly downloads: BlobDownloader;
  private readonly wanted = new Map<string, Wanted>();
  private readonly active = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** the last blob the relay refused to take (too large) */
  private rejection: Error | undefined;

  constructor(private readonly o: BlobTransferOptions) {
    this.downloads = new BlobDownloader(o);
    this.uploads = o.canUpload
      ? new BlobUploader({
          ...o,
          onRejected: (_hash, e) => {
            this.rejection = e;
            o.onChange?.();
          },
          onChange: o.onChange,
        })
      : undefined;
  }

  /**
   * The blobs the replicator is waiting for (replaces the previous list: a hash no longer wanted
   * is dropped). Downloads start in the background.
   */
  setWanted(hashes: Iterable<string>): void {
    const next = new Set(hashes);
    for (const h of this.wanted.keys()) if (!next.has(h)) this.wanted.delete(h);
    for (const h of next) if (!this.wanted.has(h)) this.wanted.set(h, { attempt: 0, retryAt: 0 });
    this.pump();
  }

  /** How many wanted blobs have not arrived. */
  wantedCount(): number {
    return this.wanted.size;
  }

  /** Errors of wanted blobs that failed their last try (hash -> error). */
  wantedErrors(): Map<string, Error> {
    const out = new Map<string, Error>();
    for (const [h, w] of this.wanted) if (w.lastError) out.set(h, w.lastError);
    return out;
  }

  /** A transfer problem worth showing: bytes that failed verification, or a blob the relay will
   * not take. (Blobs the relay does not have yet are normal and not reported.) */
  problem(): string | undefined {
    for (const w of this.wanted.values()) if (w.lastError instanceof BlobIntegrityError) return w.lastError.message;
    return this.rejection?.message;
  }

  /** Retries every wanted blob now (the relay came back). */
  retryNow(): void {
    for (const w of this.wanted.values()) w.retryAt = 0;
    this.pump();
  }

  /**
   * An artifact's bytes, fetched from the relay on first open (with progress) and kept locally.
   * Rejects when the run has no such artifact, or the relay does not have the bytes (yet).
   */
  async fetchArtifact(runId: string, path: string, onProgress?: ProgressListener): Promise<Blob> {
    const ref = await artifactRef(this.o.db, runId, path);
    if (!ref) throw new Error(`No artifact '${path}' in run ${runId}.`);
    if (!(await hasBlob(this.o.db, ref.sha256))) {
      await this.downloads.fetch(ref.sha256, { expectedSize: ref.size, onProgress });
      this.o.onStored?.(ref.sha256);
    } else onProgress?.({ loaded: ref.size, total: ref.size });
    return readArtifactBlob(this.o.db, runId, path);
  }

  stop(): void {
    this.stopped = true;
    this.uploads?.stop();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Starts due downloads up to the concurrency limit; sleeps until the next retry otherwise. */
  private pump(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const limit = this.o.concurrency ?? 4;
    const now = Date.now();
    let nextAt = Infinity;
    for (const [hash, w] of this.wanted) {
      if (this.active.size >= limit) break;
      if (this.active.has(hash)) continue;
      if (w.retryAt > now) {
        nextAt = Math.min(nextAt, w.retryAt);
        continue;
      }
      this.active.add(hash);
      void this.download(hash, w);
    }
    if (nextAt < Infinity) this.timer = setTimeout(() => this.pump(), nextAt - now);
  }

  private async download(hash: string, w: Wanted): Promise<void> {
    try {
      await this.downloads.fetch(hash);
      this.wanted.delete(hash);
      this.o.onStored?.(hash);
    } catch (e) {
      w.lastError = e instanceof Error ? e : new Error(String(e));
      w.retryAt = Date.now() + backoffDelay(w.attempt++, this.o.backoff);
      if (e instanceof RelayHttpError && e.isAuth) this.o.onAuthError?.(e);
    } finally {
      this.active.delete(hash);
      this.o.onChange?.();
      this.pump();
    }
  }
}
