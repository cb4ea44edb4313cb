// Downloads of the blobs the replicator waits for (metric chunks whose refs arrived before their
// bytes). Due hashes are first asked about in one batch (POST /blobs/<W>/missing): those the relay
// has are downloaded, up to `concurrency` at a time; those it lacks (the writer has not uploaded
// them yet) wait with backoff per hash and are asked about again. No GET is ever sent for a blob
// the relay does not have, so browsers log no 404 for a normal "not uploaded yet".
import { type BackoffOptions, backoffDelay } from './backoff';
import { BlobNotOnRelayError, type BlobDownloader } from './blob-download';
import { RelayHttpError, type RelayHttp } from './transport/relay-http';

export interface WantedDownloadsOptions {
  http: RelayHttp;
  workspace: string;
  downloads: BlobDownloader;
  /** parallel downloads (default 4) */
  concurrency?: number;
  /** hashes per /missing request (default 500) */
  batchSize?: number;
  backoff?: BackoffOptions;
  onAuthError?: (e: RelayHttpError) => void;
  /** verified bytes of `sha256` were stored here */
  onStored?: (sha256: string) => void;
  /** the list or its errors changed */
  onChange?: () => void;
}

interface Wanted {
  attempt: number;
  /** not before this time (ms) */
  retryAt: number;
  /** the relay said it has the bytes (cleared when a download fails) */
  onRelay: boolean;
  lastError?: Error;
}

export class WantedDownloads {
  private readonly wanted = new Map<string, Wanted>();
  private readonly active = new Set<string>();
  private probing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly o: WantedDownloadsOptions) {}

  /** Replaces the list (a hash no longer wanted is dropped); work starts in the background. */
  set(hashes: Iterable<string>): void {
    const next = new Set(hashes);
    for (const h of this.wanted.keys()) if (!next.has(h)) this.wanted.delete(h);
    for (const h of next) if (!this.wanted.has(h)) this.wanted.set(h, { attempt: 0, retryAt: 0, onRelay: false });
    this.pump();
  }

  get size(): number {
    return this.wanted.size;
  }

  /** hash -> the error of its last try */
  errors(): Map<string, Error> {
    const out = new Map<string, Error>();
    for (const [h, w] of this.wanted) if (w.lastError) out.set(h, w.lastError);
    return out;
  }

  /** Tries every hash again now (the relay came back). */
  retryNow(): void {
    for (const w of this.wanted.values()) w.retryAt = 0;
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Starts due downloads, asks about due hashes not known to be on the relay, and sleeps until
   * the next retry otherwise. */
  private pump(): void {
    if (this.stopped) return;
    this.clearTimer();
    const now = Date.now();
    const limit = this.o.concurrency ?? 4;
    const unknown: string[] = [];
    let nextAt = Infinity;
    for (const [hash, w] of this.wanted) {
      if (this.active.has(hash)) continue;
      if (w.retryAt > now) nextAt = Math.min(nextAt, w.retryAt);
      else if (!w.onRelay) unknown.push(hash);
      else if (this.active.size < limit) {
        this.active.add(hash);
        void this.download(hash, w);
      }
    }
    if (unknown.length > 0 && !this.probing) void this.probe(unknown.slice(0, this.o.batchSize ?? 500));
    if (nextAt < Infinity) this.timer = setTimeout(() => this.pump(), nextAt - now);
  }

  private later(w: Wanted, error: Error): void {
    w.lastError = error;
    w.retryAt = Date.now() + backoffDelay(w.attempt++, this.o.backoff);
  }

  private async probe(hashes: string[]): Promise<void> {
    this.probing = true;
    try {
      const missing = new Set(await this.o.http.missingBlobs(this.o.workspace, hashes));
      for (const h of hashes) {
        const w = this.wanted.get(h);
        if (!w) continue;
        if (missing.has(h)) this.later(w, new BlobNotOnRelayError(h));
        else w.onRelay = true;
      }
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      for (const h of hashes) {
        const w = this.wanted.get(h);
        if (w) this.later(w, error);
      }
      if (e instanceof RelayHttpError && e.isAuth) this.o.onAuthError?.(e);
    } finally {
      this.probing = false;
      this.o.onChange?.();
      this.pump();
    }
  }

  private async download(hash: string, w: Wanted): Promise<void> {
    try {
      await this.o.downloads.fetch(hash, { onRelay: true });
      this.wanted.delete(hash);
      this.o.onStored?.(hash);
    } catch (e) {
      w.onRelay = false;
      this.later(w, e instanceof Error ? e : new Error(String(e)));
      if (e instanceof RelayHttpError && e.isAuth) this.o.onAuthError?.(e);
    } finally {
      this.active.delete(hash);
      this.o.onChange?.();
      this.pump();
    }
  }
}
