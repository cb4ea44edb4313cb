// Fetches blobs from the relay: streamed (progress as bytes arrive), verified against their
// sha256 before anything is stored, and deduplicated, so a chart and an artifact preview asking
// for the same hash at once cause one download and both hear its progress. The relay is asked
// whether it has a blob (POST /blobs/<W>/missing, always 200) before it is GET: a GET or HEAD of
// a blob its writer has not uploaded yet answers 404, which browsers log as a console error.
import type { WorkspaceDb } from '../storage/schema';
import { blobBytes, putVerifiedBlob } from '../storage/sync-blob-rows';
import { SHA256_HEX, verifyBlob } from './blob-hash';
import type { Progress, RelayHttp } from './transport/relay-http';

export type ProgressListener = (p: Progress) => void;

/** The relay does not have the blob (yet): the peer that wrote it has not uploaded it. Normal
 * while that peer is offline; retried, never reported as a problem. */
export class BlobNotOnRelayError extends Error {
  constructor(readonly sha256: string) {
    super(`Blob ${sha256.slice(0, 12)}… is not on the relay yet: the peer that wrote it has not uploaded it.`);
    this.name = 'BlobNotOnRelayError';
  }
}

export interface FetchOptions {
  expectedSize?: number;
  onProgress?: ProgressListener;
  /** the caller has just asked the relay and it has the blob: skip asking again */
  onRelay?: boolean;
}

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
   * BlobNotOnRelayError while no peer has uploaded it, or RelayHttpError.
   */
  fetch(sha256: string, options: FetchOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
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
    entry.promise = this.load(sha256, options, (p) => {
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

  private async load(sha256: string, options: FetchOptions, report: ProgressListener): Promise<Uint8Array<ArrayBuffer>> {
    const local = await blobBytes(this.o.db, sha256);
    if (local) {
      report({ loaded: local.byteLength, total: local.byteLength });
      return local;
    }
    if (!options.onRelay && (await this.o.http.missingBlobs(this.o.workspace, [sha256])).includes(sha256)) throw new BlobNotOnRelayError(sha256);
    const bytes = await this.o.http.getBlob(this.o.workspace, sha256, { expectedSize: options.expectedSize, onProgress: report });
    await verifyBlob(sha256, bytes);
    await putVerifiedBlob(this.o.db, sha256, bytes);
    return bytes;
  }
}
