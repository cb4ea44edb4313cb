// Collects a stream of output chunks into one Blob. Parts are folded into a Blob every 32 MiB:
// Chromium moves large blobs out of the JavaScript heap (to disk past its memory quota), so a
// multi-gigabyte export does not have to fit in memory as typed arrays.
import type { ZipSink } from '../../domain/mlruns/export-zip';

const FOLD_AT = 32 << 20;

export class BlobSink implements ZipSink {
  private blob: Blob | undefined;
  private parts: Uint8Array[] = [];
  private partBytes = 0;

  constructor(private readonly type: string) {}

  write(chunk: Uint8Array): void {
    this.parts.push(chunk);
    this.partBytes += chunk.length;
    if (this.partBytes >= FOLD_AT) this.fold();
  }

  toBlob(): Blob {
    this.fold();
    return this.blob ?? new Blob([], { type: this.type });
  }

  private fold(): void {
    if (this.parts.length === 0) return;
    this.blob = new Blob([...(this.blob ? [this.blob] : []), ...(this.parts as BlobPart[])], { type: this.type });
    this.parts = [];
    this.partBytes = 0;
  }
}
