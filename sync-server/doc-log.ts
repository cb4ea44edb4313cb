// Document update logs on disk: append (fsync before a change counts as stored), load, compact,
// and "what is stored" as a state vector. Every operation that reads-then-writes, and every read
// whose answer must only count fsynced records, runs under the document's lock file, so relay
// processes sharing a data dir (scale-out) and the backup command never see each other half-done.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as Y from 'yjs';
import { docLogPath, type DocRef } from './layout';
import { withLock } from './lockfile';
import { encodeRecord, FILE_HEADER, KIND_SNAPSHOT, MAGIC, newFileHeader, parseLog, type LogParse, type LogRecord } from './log-format';
import { StateVectorTracker } from './state-vector';

export class DamagedDocumentError extends Error {
  constructor(readonly docName: string, readonly detail: string) {
    super(`stored document ${docName} is damaged: ${detail}`);
  }
}

/** What we last verified of a log file: which file (its id), how far it is valid, what it contains. */
interface Known {
  fileId: string;
  end: number;
  records: number;
  sv: StateVectorTracker;
}

export interface LoadResult {
  records: LogRecord[];
  tornTail: boolean;
}

export class DocLogs {
  private known = new Map<string, Known>();

  constructor(private readonly dataDir: string) {}

  path(doc: DocRef): string {
    return docLogPath(this.dataDir, doc);
  }

  /** All records of a document (none if it was never stored). Throws DamagedDocumentError. */
  async load(doc: DocRef): Promise<LoadResult> {
    const path = this.path(doc);
    return this.locked(path, async () => {
      let buf: Buffer;
      try {
        buf = await readFile(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornTail: false };
        throw e;
      }
      const parsed = parseLog(buf);
      if (parsed.status === 'damaged') throw new DamagedDocumentError(doc.name, parsed.reason);
      if (parsed.fileId) this.known.set(path, { fileId: parsed.fileId, end: parsed.validEnd, records: parsed.records.length, sv: StateVectorTracker.fromRecords(parsed.records) });
      return { records: parsed.records, tornTail: parsed.status === 'torn-tail' };
    });
  }

  /** Appends one record and fsyncs it. Returns the number of records now in the log. */
  async append(doc: DocRef, kind: number, update: Uint8Array): Promise<{ records: number; bytes: number }> {
    const path = this.path(doc);
    return this.locked(path, async () => {
      const fh = await open(path, 'a+', 0o600);
      try {
        const k = await this.catchUp(doc, path, fh);
        let created = false;
        if (k.end < FILE_HEADER) {
          const head = newFileHeader();
          await fh.truncate(0);
          await fh.write(head);
          k.fileId = head.toString('hex', MAGIC.length);
          k.end = FILE_HEADER;
          created = true;
        }
        const rec = encodeRecord(kind, update);
        try {
          await fh.write(rec);
          await fh.datasync();
        } catch (e) {
          // Not durable, so not stored: cut it off again, or a later read would count it.
          await fh.truncate(k.end).catch(() => undefined);
          throw e;
        }
        if (created) await fsyncDir(dirname(path));
        k.end += rec.length;
        k.records += 1;
        k.sv.add(update);
        return { records: k.records, bytes: k.end };
      } finally {
        await fh.close();
      }
    });
  }

  /** State vector of what is durably in the log (empty if nothing is). Throws DamagedDocumentError. */
  async storedStateVector(doc: DocRef): Promise<Map<number, number>> {
    const path = this.path(doc);
    return this.locked(path, async () => {
      let fh;
      try {
        fh = await open(path, 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
        throw e;
      }
      try {
        return (await this.catchUp(doc, path, fh, false)).sv.toMap();
      } finally {
        await fh.close();
      }
    });
  }

  /** Records since the last snapshot, as far as this process knows (0 if never looked at). */
  recordCount(doc: DocRef): number {
    return this.known.get(this.path(doc))?.records ?? 0;
  }

  /**
   * Rewrites the log as one snapshot record: temp file, fsync, rename, fsync dir. Built only from a
   * log that parses cleanly under the lock, and skipped if its updates do not integrate fully
   * (pending structs would mean something is missing: keep every record as it is).
   */
  async compact(doc: DocRef): Promise<'compacted' | 'skipped'> {
    const path = this.path(doc);
    return this.locked(path, async () => {
      let buf: Buffer;
      try {
        buf = await readFile(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'skipped';
        throw e;
      }
      const parsed = parseLog(buf);
      if (parsed.status === 'damaged') throw new DamagedDocumentError(doc.name, parsed.reason);
      if (parsed.records.length <= 1) return 'skipped';
      const ydoc = new Y.Doc({ gc: true });
      try {
        Y.transact(ydoc, () => {
          for (const r of parsed.records) Y.applyUpdate(ydoc, r.update);
        });
        if (ydoc.store.pendingStructs || ydoc.store.pendingDs) return 'skipped';
        const snapshot = Y.encodeStateAsUpdate(ydoc);
        const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
        const head = newFileHeader();
        const rec = encodeRecord(KIND_SNAPSHOT, snapshot);
        const fh = await open(tmp, 'w', 0o600);
        try {
          await fh.write(head);
          await fh.write(rec);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, path);
        await fsyncDir(dirname(path));
        this.known.set(path, { fileId: head.toString('hex', MAGIC.length), end: head.length + rec.length, records: 1, sv: StateVectorTracker.fromRecords([{ update: snapshot }]) });
        return 'compacted';
      } finally {
        ydoc.destroy();
      }
    });
  }

  /** The valid bytes of a log, read under its lock (for backup). Damaged logs are copied as they are. */
  async snapshotBytes(doc: DocRef): Promise<{ bytes: Buffer; status: LogParse['status'] } | null> {
    const path = this.path(doc);
    return this.locked(path, async () => {
      let buf: Buffer;
      try {
        buf = await readFile(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      const parsed = parseLog(buf);
      return { bytes: parsed.status === 'damaged' ? buf : buf.subarray(0, parsed.validEnd), status: parsed.status };
    });
  }

  forget(doc: DocRef): void {
    this.known.delete(this.path(doc));
  }

  private async locked<T>(path: string, fn: () => Promise<T>): Promise<T> {
    await mkdir(dirname(path), { recursive: true }); // the lock file lives next to the log
    return withLock(`${path}.lock`, fn);
  }

  /**
   * Brings `known` up to the end of the file: records other processes appended since we looked are
   * checked and counted; a torn tail left by a dead writer is cut off when we are about to write
   * (we hold the lock, so nobody else is mid-write). A compaction elsewhere shows as a new file id.
   */
  private async catchUp(doc: DocRef, path: string, fh: import('node:fs/promises').FileHandle, writing = true): Promise<Known> {
    const st = await fh.stat();
    const head = Buffer.alloc(FILE_HEADER);
    const { bytesRead } = await fh.read(head, 0, FILE_HEADER, 0);
    const fileId = bytesRead === FILE_HEADER ? head.toString('hex', MAGIC.length) : '';
    let k = this.known.get(path);
    if (!k || k.fileId !== fileId || st.size < k.end) {
      k = { fileId, end: 0, records: 0, sv: new StateVectorTracker() };
      this.known.set(path, k);
    }
    if (st.size === k.end) return k;
    const from = k.end;
    const buf = Buffer.alloc(st.size - from);
    await fh.read(buf, 0, buf.length, from);
    const parsed = parseLog(buf, from);
    if (parsed.status === 'damaged') {
      this.known.delete(path);
      throw new DamagedDocumentError(doc.name, parsed.reason);
    }
    for (const r of parsed.records) k.sv.add(r.update);
    k.records += parsed.records.length;
    k.end = parsed.validEnd;
    if (parsed.status === 'torn-tail' && writing) await fh.truncate(parsed.validEnd);
    return k;
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
