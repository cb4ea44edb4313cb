// Just enough ustar to write and read the relay's backups (regular files only): no dependency,
// streamed, so multi-gigabyte blob directories never sit in memory. `tar -tf`/`tar -xf` read it.
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 512;

function header(name: string, size: number, mode: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`path too long for ustar: ${name}`);
  }
  h.write(base, 0, 100, 'utf8');
  h.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write(`${Math.floor(mtime / 1000).toString(8).padStart(11, '0')}\0`, 136, 'latin1');
  h.write('        ', 148, 'latin1'); // checksum field counts as spaces while summing
  h.write('0', 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

export class TarWriter {
  private pos = 0;
  constructor(private readonly fh: FileHandle) {}

  private async write(b: Buffer): Promise<void> {
    await this.fh.write(b, 0, b.length, this.pos);
    this.pos += b.length;
  }

  async addBuffer(name: string, data: Buffer, mode = 0o600): Promise<void> {
    await this.write(header(name, data.length, mode, Date.now()));
    await this.write(data);
    await this.write(padding(data.length));
  }

  /** Streams a file of known size (an immutable blob) into the archive. */
  async addFile(name: string, path: string, size: number, mode = 0o600): Promise<void> {
    await this.write(header(name, size, mode, Date.now()));
    let n = 0;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (n + chunk.length > size) throw new Error(`${path} grew while being archived`);
      await this.write(chunk);
      n += chunk.length;
    }
    if (n !== size) throw new Error(`${path} changed size while being archived`);
    await this.write(padding(size));
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Offset of the entry's data in the archive. */
  offset: number;
  type: string;
}

export async function* readTar(fh: FileHandle): AsyncGenerator<TarEntry> {
  const h = Buffer.alloc(BLOCK);
  let pos = 0;
  for (;;) {
    const { bytesRead } = await fh.read(h, 0, BLOCK, pos);
    if (bytesRead < BLOCK || h.every((b) => b === 0)) return;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] as number);
    if (parseInt(h.toString('latin1', 148, 156).replace(/\0.*$/, '').trim(), 8) !== sum) throw new Error(`bad tar header checksum at ${pos}`);
    const str = (a: number, b: number) => h.toString('utf8', a, b).replace(/\0.*$/s, '');
    const prefix = str(345, 500);
    const name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157) || '0';
    yield { name, size, offset: pos + BLOCK, type };
    pos += BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
  }
}

/** Copies an entry's bytes to `out` in chunks. */
export async function copyEntry(fh: FileHandle, e: TarEntry, out: FileHandle): Promise<void> {
  const buf = Buffer.alloc(Math.min(e.size, 1 << 20) || 1);
  let done = 0;
  while (done < e.size) {
    const n = Math.min(buf.length, e.size - done);
    const { bytesRead } = await fh.read(buf, 0, n, e.offset + done);
    if (bytesRead !== n) throw new Error(`archive truncated in ${e.name}`);
    await out.write(buf, 0, n);
    done += n;
  }
}
