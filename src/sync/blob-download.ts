// Fetches blobs from the relay: streamed (progress as bytes arrive), verified against their
// sha256 before anything is stored, and deduplicated, so a chart and an artifact preview asking
// for the same hash at once cause one download and both hear its progress.
import type { WorkspaceDb } from '../storage/schema';
import { blobBytes, putVerifiedBlob } from '../storage/sync-blob-rows';
import { SHA256_HEX, verifyBlob } from './blob-hash';
import type { Progress, RelayHttp } from './transport/relay-http';

export type ProgressListener = (p: Progress) => void;

interface InFlight {
  promise: Promise<Uint8Array<ArrayBuffer>>;
  listeners: Set<ProgressListener>;
  last: Progress;
}

export interface BlobDownloaderOptions {
  db: WorkspaceDb;
  http: RelayHttp;
  workspace: string;
}

export class BlobDownloader {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(private readonly o: BlobDownloaderOptions) {}

  /**
   * The bytes of `sha256`: from the local blobs table when present, else downloaded, verified
   * and stored. Rejects with BlobIntegrityError if the relay sent other bytes (nothing stored),
   * or RelayHttpError (404 while no peer has uploaded it yet).
   */
  fetch(sha256: string, options: { expectedSize?: number; onProgress?: ProgressListener } = {}): Promise<Uint8Array<ArrayBuffer>> {
    if (!SHA256_HEX.test(sha256)) return Promise.reject(new Error(`"${sha256}" is not a sha256 content address.`));
    const running = this.inFlight.get(sha256);
    if (running) {
      if (options.onProgress) {
        running.listeners.add(options.onProgress);
        options.onProgress(running.last);
      }
      return running.promise;
    }
    const entry: InFlight = { listeners: new Set(options.onProgress ? [options.onProgress] : []), last: { loaded: 0, total: options.expectedSize ?? 0 }, promise: Promise.resolve(new Uint8Array()) };
    entry.promise = this.load(sha256, options.expectedSize, (p) => {
      entry.last = p;
      for (const l of entry.listeners) l(p);
    }).finally(() => this.inFlight.delete(sha256));
    this.inFlight.set(sha256, entry);
    return entry.promise;
  }

  /** Hashes being downloaded right now. */
  active(): string[] {
    return [...this.inFlight.keys()];
  }

  private async load(sha256: string, expectedSize: number | undefined, report: ProgressListener): Promise<Uint8Array<ArrayBuffer>> {
    const local = await blobBytes(this.o.db, sha256);
    if (local) {
      report({ loaded: local.byteLength, total: local.byteLength });
      return local;
    }
    const bytes = await this.o.http.getBlob(this.o.workspace, sha256, { expectedSize, onProgress: report });
    await verifyBlob(sha256, bytes);
    await putVerifiedBlob(this.o.db, sha256, bytes);
    return bytes;
  }
}
