// Content-addressed blobs per workspace. A PUT streams to a temp file in the same directory while
// hashing and counting; only bytes whose sha256 matches the name are fsynced and renamed into
// place, so a reader sees a whole, verified blob or none. Blobs never change once written, which
// also makes them safe to copy while the relay runs (backup).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { fsyncDir } from './doc-log';
import { blobPath, blobsDir } from './layout';

export type PutResult = { status: 200 | 201 } | { status: 400 | 413; error: string };

export class BlobStore {
  constructor(private readonly dataDir: string, private readonly maxBytes: number) {}

  async has(workspace: string, sha: string): Promise<boolean> {
    try {
      await access(blobPath(this.dataDir, workspace, sha));
      return true;
    } catch {
      return false;
    }
  }

  async missing(workspace: string, hashes: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const h of hashes) if (!(await this.has(workspace, h))) out.push(h);
    return out;
  }

  async open(workspace: string, sha: string): Promise<{ size: number; stream: () => Readable } | null> {
    const path = blobPath(this.dataDir, workspace, sha);
    try {
      const st = await stat(path);
      return { size: st.size, stream: () => createReadStream(path) };
    } catch {
      return null;
    }
  }

  /** Streams `req` into the store. `onBytes` counts traffic. */
  async put(workspace: string, sha: string, req: IncomingMessage, onBytes: (n: number) => void): Promise<PutResult> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) return { status: 413, error: `blob larger than ${this.maxBytes} bytes` };
    const dir = blobsDir(this.dataDir, workspace);
    await mkdir(dir, { recursive: true });
    const final = blobPath(this.dataDir, workspace, sha);
    const tmp = `${dir}/.tmp-${randomBytes(8).toString('hex')}`;
    const fh = await open(tmp, 'w', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    let kept = false;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        onBytes(chunk.length);
        if (size > this.maxBytes) return { status: 413, error: `blob larger than ${this.maxBytes} bytes` };
        hash.update(chunk);
        await fh.write(chunk);
      }
      if (hash.digest('hex') !== sha) return { status: 400, error: 'content does not match its sha256' };
      await fh.sync();
      await fh.close();
      const existed = await this.has(workspace, sha);
      await rename(tmp, final);
      await fsyncDir(dir);
      kept = true;
      return { status: existed ? 200 : 201 };
    } finally {
      if (!kept) {
        await fh.close().catch(() => undefined);
        await unlink(tmp).catch(() => undefined);
      }
    }
  }
}
