// What every part of the mlruns export writes through: the zip, the counters progress reports,
// the options, the warning channel, and the check that no file shares its name with a folder.
// Small files are stored, not deflated: deflate's fixed cost per file is more than it saves on a
// 5-byte param.
import type { ZipFileOptions, ZipStreamWriter } from '../../domain/mlruns/export-zip';
import type { MlrunsExportOptions } from './options';

const DEFLATE_FROM = 512;

export class ZipContext {
  files = 0;
  bytesIn = 0;
  private readonly encoder = new TextEncoder();
  private claimedFiles = new Set<string>();
  private claimedDirs = new Set<string>();

  constructor(readonly zip: ZipStreamWriter, readonly options: MlrunsExportOptions) {}

  get level(): NonNullable<ZipFileOptions['level']> {
    return this.options.level ?? 6;
  }

  checkAborted(): void {
    this.options.signal?.throwIfAborted();
  }

  warn(message: string): void {
    this.options.onWarning?.(message);
  }

  /** Forget the names seen so far: called per run, experiment and model, whose files share no folder with what came before. */
  newScope(): void {
    this.claimedFiles = new Set();
    this.claimedDirs = new Set();
  }

  /**
   * Keys `loss` and `loss/train` are two metrics to MLflow's SQL store, but a file system cannot
   * hold a file `metrics/loss` and a folder `metrics/loss/`: MLflow's FileStore cannot write the
   * second, and unzipping would fail on it. The later one is left out, with a warning.
   */
  private claim(name: string): boolean {
    if (this.claimedFiles.has(name) || this.claimedDirs.has(name)) return false;
    const dirs: string[] = [];
    for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
      const dir = name.slice(0, i);
      if (this.claimedFiles.has(dir)) return false;
      if (this.claimedDirs.has(dir)) break; // its own parents were checked when it was claimed
      dirs.push(dir);
    }
    this.claimedFiles.add(name);
    for (const d of dirs) this.claimedDirs.add(d);
    return true;
  }

  private refuse(name: string): void {
    this.warn(`Left out '${name}': a file and a folder of the same name cannot both be in an MLflow FileStore tree (e.g. metrics 'loss' and 'loss/train').`);
  }

  /** A whole small file (meta.yaml, a param, a tag). */
  async text(name: string, text: string): Promise<void> {
    await this.bytes(name, this.encoder.encode(text));
  }

  /** A file whose bytes are all in memory. */
  async bytes(name: string, bytes: Uint8Array, compress = true): Promise<void> {
    this.checkAborted();
    if (!this.claim(name)) return this.refuse(name);
    const { size } = await this.zip.addBytes(name, bytes, { level: this.level, compress: compress && bytes.length >= DEFLATE_FROM && this.level > 0 });
    this.files++;
    this.bytesIn += size;
  }

  /** A file streamed from its chunks (a long metric history, an artifact). */
  async stream(name: string, chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>, options: ZipFileOptions): Promise<void> {
    this.checkAborted();
    if (!this.claim(name)) return this.refuse(name);
    const { size } = await this.zip.addFile(name, chunks, { ...options, level: this.level, compress: (options.compress ?? true) && this.level > 0 });
    this.files++;
    this.bytesIn += size;
  }
}
