// Moving blobs between this peer and the relay: uploads of our blobs (durable queue), downloads
// of the blobs the replicator wants (metric chunks whose refs arrived before their bytes; see
// blob-wanted.ts: asked about before they are fetched, retried until their writer uploads them),
// and lazy fetches of artifacts when someone opens them.
import { readArtifactBlob } from '../storage/artifact-reads';
import type { WorkspaceDb } from '../storage/schema';
import { artifactRef, hasBlob } from '../storage/sync-blob-rows';
import type { BackoffOptions } from './backoff';
import { BlobDownloader, type ProgressListener } from './blob-download';
import { BlobIntegrityError } from './blob-hash';
import { BlobUploader } from './blob-upload';
import { WantedDownloads } from './blob-wanted';
import type { RelayHttpError, RelayHttp } from './transport/relay-http';

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

export class BlobTransfer {
  readonly uploads: BlobUploader | undefined;
  readonly downloads: BlobDownloader;
  private readonly wanted: WantedDownloads;
  /** the last blob the relay refused to take (too large) */
  private rejection: Error | undefined;

  constructor(private readonly o: BlobTransferOptions) {
    this.downloads = new BlobDownloader(o);
    this.wanted = new WantedDownloads({ ...o, downloads: this.downloads });
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
    this.wanted.set(hashes);
  }

  /** How many wanted blobs have not arrived. */
  wantedCount(): number {
    return this.wanted.size;
  }

  /** Errors of wanted blobs that failed their last try (hash -> error). */
  wantedErrors(): Map<string, Error> {
    return this.wanted.errors();
  }

  /** A transfer problem worth showing: bytes that failed verification, or a blob the relay will
   * not take. (Blobs the relay does not have yet are normal and not reported.) */
  problem(): string | undefined {
    for (const e of this.wanted.errors().values()) if (e instanceof BlobIntegrityError) return e.message;
    return this.rejection?.message;
  }

  /** Retries every wanted blob now (the relay came back). */
  retryNow(): void {
    this.wanted.retryNow();
  }

  /**
   * An artifact's bytes, fetched from the relay on first open (with progress) and kept locally.
   * Rejects when the run has no such artifact, with BlobNotOnRelayError while the peer that
   * logged it has not uploaded the bytes, and with RelayHttpError when the relay cannot be asked.
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
    this.uploads?.stop();
    this.wanted.stop();
  }
}
