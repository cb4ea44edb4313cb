// A streaming ZIP writer with ZIP64. fflate's ZipDeflate / ZipPassThrough compress each file and
// compute its CRC as the bytes stream through (addFile); a file already whole in memory (a
// meta.yaml, a param, most metric files) goes through deflateSync in one call with its sizes in
// the local header (addBytes), which costs about half as much per file. The container (headers, data descriptors, central
// directory) is written here because fflate's Zip has no ZIP64: past 65,535 entries or 4 GiB its
// archive is corrupt, and a workspace of many runs (one file per metric, param and tag) passes
// 65,535 files easily. Readers (Python's zipfile, Info-ZIP, fflate's unzip) take the ZIP64 end
// records when present. Output is coalesced into ~1 MiB writes and the sink is awaited, so a slow
// sink (a file on disk) holds the writer back instead of letting output pile up in memory.
import { deflateSync, ZipDeflate, ZipPassThrough, type DeflateOptions } from 'fflate';
import { invalidParameter } from '../errors';

export interface ZipSink {
  write(chunk: Uint8Array): void | Promise<void>;
}

export interface ZipFileOptions {
  /** deflate (default) or store as is (already compressed formats) */
  compress?: boolean;
  level?: DeflateOptions['level'];
  /** bytes, when known: a file that may pass 4 GiB gets ZIP64 sizes in its local header */
  expectedSize?: number;
}

interface CentralEntry {
  name: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
  zip64: boolean;
}

const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
const FLUSH_AT = 1 << 20;
const UTF8_FLAG = 0x800;
const DESCRIPTOR_FLAG = 0x8;
/** Unix "made by" with rw-r--r-- files, so unzip gives the files ordinary permissions. */
const MADE_BY_UNIX = 3 << 8;
const FILE_ATTRS = (0o100644 << 16) >>> 0;

class Bytes {
  private readonly view: DataView;
  readonly data: Uint8Array;
  private at = 0;
  constructor(size: number) {
    this.data = new Uint8Array(size);
    this.view = new DataView(this.data.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  u64(v: number): this {
    this.u32(v % 2 ** 32);
    return this.u32(Math.floor(v / 2 ** 32));
  }
  bytes(b: Uint8Array): this {
    this.data.set(b, this.at);
    this.at += b.length;
    return this;
  }
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipStreamWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly time: number;
  private readonly date: number;
  private busy = false;
  private ended = false;

  constructor(private readonly sink: ZipSink, options: { mtime?: Date } = {}) {
    ({ time: this.time, date: this.date } = dosDateTime(options.mtime ?? new Date()));
  }

  /** Bytes written so far (the archive's size once finish() resolved). */
  get bytesWritten(): number {
    return this.offset;
  }

  get entryCount(): number {
    return this.entries.length;
  }

  /** Adds one file from its chunks (strings are UTF-8). Files are written one after another. */
  async addFile(name: string, chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>, options: ZipFileOptions = {}): Promise<{ size: number; compressedSize: number }> {
    if (this.busy || this.ended) throw new Error('ZipStreamWriter: one file at a time, and none after finish().');
    this.busy = true;
    try {
      return await this.writeFile(name, chunks, options);
    } finally {
      this.busy = false;
    }
  }

  private async writeFile(name: string, chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>, options: ZipFileOptions) {
    const nameBytes = this.entryName(name);
    const compress = options.compress ?? true;
    const stream = compress ? new ZipDeflate(name, { level: options.level ?? 6 }) : new ZipPassThrough(name);
    const zip64 = (options.expectedSize ?? 0) >= U32_MAX - (1 << 20);
    const flags = DESCRIPTOR_FLAG | (/[^\x00-\x7f]/.test(name) ? UTF8_FLAG : 0) | (stream instanceof ZipDeflate ? stream.flag << 1 : 0);
    const method = compress ? 8 : 0;
    const offset = this.offset;
    const local = new Bytes(30 + nameBytes.length + (zip64 ? 20 : 0))
      .u32(0x04034b50).u16(zip64 ? 45 : 20).u16(flags).u16(method).u16(this.time).u16(this.date)
      .u32(0).u32(0).u32(0) // crc and sizes follow in the data descriptor
      .u16(nameBytes.length).u16(zip64 ? 20 : 0).bytes(nameBytes);
    if (zip64) local.u16(1).u16(16).u64(0).u64(0);
    this.emit(local.data);

    let csize = 0;
    let failure: Error | null = null;
    stream.ondata = (err, chunk) => {
      if (err) failure = err;
      else if (chunk.length) {
        csize += chunk.length;
        this.emit(chunk);
      }
    };
    const encoder = new TextEncoder();
    for await (const c of chunks) {
      const bytes = typeof c === 'string' ? encoder.encode(c) : c;
      if (bytes.length === 0) continue;
      stream.push(bytes, false);
      if (failure) throw failure;
      await this.flushIfFull();
    }
    stream.push(new Uint8Array(0), true);
    if (failure) throw failure;
    const usize = stream.size;
    if (!zip64 && (usize >= U32_MAX || csize >= U32_MAX)) {
      throw invalidParameter(`Zip entry '${name}' passed 4 GiB; give its expectedSize so it is written with ZIP64 sizes.`);
    }
    const descriptor = zip64
      ? new Bytes(24).u32(0x08074b50).u32(stream.crc).u64(csize).u64(usize)
      : new Bytes(16).u32(0x08074b50).u32(stream.crc).u32(csize).u32(usize);
    this.emit(descriptor.data);
    this.entries.push({ name: nameBytes, flags, method, crc: stream.crc, csize, usize, offset, zip64 });
    await this.flushIfFull();
    return { size: usize, compressedSize: csize };
  }

  /** Adds one file whose bytes are all here. Stored instead when deflating would not make it smaller. */
  async addBytes(name: string, bytes: Uint8Array, options: Omit<ZipFileOptions, 'expectedSize'> = {}): Promise<{ size: number; compressedSize: number }> {
    if (this.busy || this.ended) throw new Error('ZipStreamWriter: one file at a time, and none after finish().');
    const nameBytes = this.entryName(name);
    const crc = new ZipPassThrough(name);
    crc.ondata = () => undefined;
    crc.push(bytes, true);
    const deflated = (options.compress ?? true) ? deflateSync(bytes, { level: options.level ?? 6 }) : undefined;
    const data = deflated && deflated.length < bytes.length ? deflated : bytes;
    const method = data === bytes ? 0 : 8;
    const zip64 = bytes.length >= U32_MAX;
    const flags = /[^\x00-\x7f]/.test(name) ? UTF8_FLAG : 0;
    const offset = this.offset;
    const local = new Bytes(30 + nameBytes.length + (zip64 ? 20 : 0))
      .u32(0x04034b50).u16(zip64 ? 45 : 20).u16(flags).u16(method).u16(this.time).u16(this.date)
      .u32(crc.crc).u32(zip64 ? U32_MAX : data.length).u32(zip64 ? U32_MAX : bytes.length)
      .u16(nameBytes.length).u16(zip64 ? 20 : 0).bytes(nameBytes);
    if (zip64) local.u16(1).u16(16).u64(bytes.length).u64(data.length);
    this.emit(local.data);
    this.emit(data);
    this.entries.push({ name: nameBytes, flags, method, crc: crc.crc, csize: data.length, usize: bytes.length, offset, zip64 });
    await this.flushIfFull();
    return { size: bytes.length, compressedSize: data.length };
  }

  private entryName(name: string): Uint8Array {
    const nameBytes = new TextEncoder().encode(name);
    if (nameBytes.length > U16_MAX) throw invalidParameter(`Zip entry name too long: '${name.slice(0, 100)}...'.`);
    return nameBytes;
  }

  /** Writes the central directory (and the ZIP64 end records when needed) and flushes. */
  async finish(): Promise<void> {
    if (this.busy || this.ended) throw new Error('ZipStreamWriter: finish() once, after the last file.');
    this.ended = true;
    const cdStart = this.offset;
    for (const e of this.entries) this.emit(this.centralRecord(e));
    const cdSize = this.offset - cdStart;
    const count = this.entries.length;
    if (count >= U16_MAX || cdStart >= U32_MAX || cdSize >= U32_MAX) {
      const recordAt = this.offset;
      this.emit(new Bytes(56).u32(0x06064b50).u64(44).u16(MADE_BY_UNIX | 45).u16(45).u32(0).u32(0).u64(count).u64(count).u64(cdSize).u64(cdStart).data);
      this.emit(new Bytes(20).u32(0x07064b50).u32(0).u64(recordAt).u32(1).data);
    }
    const n16 = Math.min(count, U16_MAX);
    this.emit(new Bytes(22).u32(0x06054b50).u16(0).u16(0).u16(n16).u16(n16).u32(Math.min(cdSize, U32_MAX)).u32(Math.min(cdStart, U32_MAX)).u16(0).data);
    await this.flush();
  }

  private centralRecord(e: CentralEntry): Uint8Array {
    const bigU = e.usize >= U32_MAX;
    const bigC = e.csize >= U32_MAX;
    const bigO = e.offset >= U32_MAX;
    const extraLen = bigU || bigC || bigO ? 4 + 8 * (+bigU + +bigC + +bigO) : 0;
    const version = e.zip64 || extraLen ? 45 : 20;
    const b = new Bytes(46 + e.name.length + extraLen)
      .u32(0x02014b50).u16(MADE_BY_UNIX | version).u16(version).u16(e.flags).u16(e.method).u16(this.time).u16(this.date)
      .u32(e.crc).u32(bigC ? U32_MAX : e.csize).u32(bigU ? U32_MAX : e.usize)
      .u16(e.name.length).u16(extraLen).u16(0).u16(0).u16(0).u32(FILE_ATTRS).u32(bigO ? U32_MAX : e.offset)
      .bytes(e.name);
    if (extraLen) {
      b.u16(1).u16(extraLen - 4);
      if (bigU) b.u64(e.usize);
      if (bigC) b.u64(e.csize);
      if (bigO) b.u64(e.offset);
    }
    return b.data;
  }

  private emit(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.offset += chunk.length;
  }

  private async flushIfFull(): Promise<void> {
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const parts = this.pending;
    const out = parts.length === 1 ? (parts[0] as Uint8Array) : new Uint8Array(this.pendingBytes);
    if (parts.length > 1) {
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
    }
    this.pending = [];
    this.pendingBytes = 0;
    await this.sink.write(out);
  }
}
