// The Hocuspocus extension that keeps documents on disk (doc-log.ts does the file work).
//
// Every change a loaded document integrates is buffered and appended within `flushMs`, whatever
// its origin: a client on this relay, or another relay via Redis. Appending Redis-borne changes
// too means a relay killed before its own flush loses nothing that reached any other relay, and
// duplicates cost only disk (compaction folds them). Hocuspocus's debounced onStoreDocument is not
// used for this: with the Redis extension it is skipped on every instance but the lock holder.
//
// A document whose log cannot be loaded is refused (the load throws, the socket closes 4500) and
// its file is never written: no appends (it is not in memory), no compaction (that re-reads and
// refuses damaged logs itself).
import type { Extension, Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { DOCUMENT_UNAVAILABLE } from './bridge';
import { DamagedDocumentError, DocLogs } from './doc-log';
import { type DocRef, parseDocName } from './layout';
import { errorFields, type Logger } from './log';
import { KIND_UPDATE } from './log-format';
import type { Metrics } from './metrics';

export const LOAD_ORIGIN = 'orchard-load';
const RETRY_MS = 1000;
/** Unloading a document compacts its log when it has at least this many records. */
const COMPACT_ON_UNLOAD = 8;

interface Pending {
  updates: Uint8Array[];
  timer: NodeJS.Timeout | null;
}

export interface PersistenceOptions {
  logs: DocLogs;
  log: Logger;
  metrics: Metrics;
  flushMs: number;
  compactEvery: number;
  /** A document turned out damaged while loaded (another writer's bytes): close its sockets. */
  onDamaged: (docName: string) => void;
}

export class Persistence implements Extension {
  extensionName = 'orchard-persistence';
  readonly damaged = new Set<string>();
  private pending = new Map<string, Pending>();
  /** One promise chain per document: loads, flushes and compactions of a document never overlap. */
  private chains = new Map<string, Promise<unknown>>();
  private instance: Hocuspocus | null = null;
  private unloadRefused = new Set<string>();

  constructor(private readonly o: PersistenceOptions) {}

  async onConfigure({ instance }: { instance: Hocuspocus }) {
    this.instance = instance;
  }

  async onLoadDocument({ documentName, document }: { documentName: string; document: Y.Doc }) {
    const ref = mustParse(documentName);
    try {
      const { records, tornTail } = await this.serial(documentName, () => this.o.logs.load(ref));
      Y.transact(document, () => {
        for (const r of records) Y.applyUpdate(document, r.update);
      }, LOAD_ORIGIN);
      if (document.store.pendingStructs || document.store.pendingDs) {
        this.o.log.warn('stored document has updates with missing dependencies', { doc: documentName });
      }
      this.damaged.delete(documentName);
      this.o.log.debug('document loaded', { doc: documentName, records: records.length, tornTail });
      if (tornTail) this.o.log.warn('ignored a torn record at the end of a document log', { doc: documentName });
    } catch (e) {
      this.damaged.add(documentName);
      this.o.log.error('document refused: its stored copy could not be loaded', { doc: documentName, ...errorFields(e) });
      // Hocuspocus sends `reason` to the socket as PermissionDenied; the bridge maps it to 4500.
      throw Object.assign(new Error(e instanceof DamagedDocumentError ? e.message : 'load failed'), { reason: DOCUMENT_UNAVAILABLE });
    }
  }

  async onChange({ documentName, update }: { documentName: string; update: Uint8Array }) {
    let p = this.pending.get(documentName);
    if (!p) this.pending.set(documentName, (p = { updates: [], timer: null }));
    p.updates.push(update);
    this.schedule(documentName, p, this.o.flushMs);
  }

  /** Nothing leaves memory before it is on disk. A failed flush keeps the document loaded. */
  async beforeUnloadDocument({ documentName }: { documentName: string }) {
    await this.flush(documentName);
    if (this.pending.get(documentName)?.updates.length) {
      this.unloadRefused.add(documentName);
      throw new Error(`unflushed changes in ${documentName}`);
    }
  }

  async afterUnloadDocument({ documentName }: { documentName: string }) {
    const ref = mustParse(documentName);
    // Changes that came in over Redis during the unload are still written.
    await this.flush(documentName);
    if (!this.pending.get(documentName)?.updates.length) this.pending.delete(documentName);
    if (this.o.logs.recordCount(ref) >= COMPACT_ON_UNLOAD) void this.compact(ref);
  }

  async onDestroy() {
    await this.flushAll();
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((name) => this.flush(name)));
  }

  /** Appends everything buffered for `docName` (one merged record), then compacts if it is time. */
  flush(docName: string): Promise<void> {
    return this.serial(docName, async () => {
      const p = this.pending.get(docName);
      if (!p || p.updates.length === 0 || this.damaged.has(docName)) return;
      if (p.timer) clearTimeout(p.timer);
      p.timer = null;
      const batch = p.updates.splice(0);
      const ref = mustParse(docName);
      const t0 = performance.now();
      try {
        const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
        const { records } = await this.o.logs.append(ref, KIND_UPDATE, merged);
        this.o.metrics.storeSeconds.observe((performance.now() - t0) / 1000);
        this.o.metrics.stored.inc();
        if (records >= this.o.compactEvery) await this.compactNow(ref);
      } catch (e) {
        p.updates.unshift(...batch);
        if (e instanceof DamagedDocumentError) {
          this.damaged.add(docName);
          this.o.log.error('document log damaged while loaded: stopped writing it', { doc: docName, ...errorFields(e) });
          this.o.onDamaged(docName);
          return;
        }
        this.o.metrics.storeErrors.inc();
        this.o.log.error('append failed; will retry', { doc: docName, ...errorFields(e) });
        this.schedule(docName, p, RETRY_MS);
      }
    });
  }

  /** Loaded documents with changes not yet on disk (for /healthz). */
  unflushedCount(): number {
    let n = 0;
    for (const p of this.pending.values()) if (p.updates.length) n++;
    return n;
  }

  private compact(ref: DocRef): Promise<void> {
    return this.serial(ref.name, () => this.compactNow(ref));
  }

  private async compactNow(ref: DocRef): Promise<void> {
    try {
      const result = await this.o.logs.compact(ref);
      if (result === 'compacted') this.o.metrics.compactions.inc();
      else this.o.log.debug('compaction skipped', { doc: ref.name });
    } catch (e) {
      this.o.log.error('compaction failed; the log is left as it was', { doc: ref.name, ...errorFields(e) });
    }
  }

  private schedule(docName: string, p: Pending, ms: number): void {
    if (p.timer) return;
    p.timer = setTimeout(() => {
      p.timer = null;
      void this.flush(docName).then(() => this.unloadIfIdle(docName));
    }, ms);
  }

  /** A document whose unload was refused for unflushed changes is unloaded once they are stored. */
  private unloadIfIdle(docName: string): void {
    if (!this.unloadRefused.has(docName) || this.pending.get(docName)?.updates.length) return;
    this.unloadRefused.delete(docName);
    const doc = this.instance?.documents.get(docName);
    if (doc && doc.getConnectionsCount() === 0) void this.instance?.unloadDocument(doc);
  }

  private serial<T>(docName: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(docName) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(fn);
    this.chains.set(docName, run);
    void run.finally(() => {
      if (this.chains.get(docName) === run) this.chains.delete(docName);
    }).catch(() => undefined);
    return run;
  }
}

function mustParse(name: string): DocRef {
  const ref = parseDocName(name);
  if (!ref) throw new Error(`bad document name ${JSON.stringify(name.slice(0, 80))}`);
  return ref;
}
