// Durable copies of the sync documents: every update of every Y.Doc is appended to the syncDocs
// table, so a reload (or a relay that lost its data) starts from everything this peer has seen.
// Updates arriving together are written in one transaction (merged per document), and a document
// with more than `compactAbove` rows is compacted into one merged row, so loading stays one read.
import * as Y from 'yjs';
import type { WorkspaceDb } from '../storage/schema';
import { appendDocUpdates, countDocRows, loadDocUpdates, replaceDocPrefix, storedDocNames } from '../storage/sync-doc-rows';

export interface DocStoreOptions {
  /** compact a document once it has more rows than this (default 64) */
  compactAbove?: number;
}

export class DocStore {
  private readonly compactAbove: number;
  /** updates accepted but not yet written, per document */
  private pending = new Map<string, Uint8Array[]>();
  /** the write that will include updates appended now, while it has not started */
  private scheduled: Promise<void> | undefined;
  /** writes and compactions run one after another, so seqs never interleave */
  private chain: Promise<void> = Promise.resolve();
  /** rows per document as far as this store knows (filled on first use) */
  private readonly rowCounts = new Map<string, number>();

  constructor(
    private readonly db: WorkspaceDb,
    options: DocStoreOptions = {},
  ) {
    this.compactAbove = Math.max(2, options.compactAbove ?? 64);
  }

  /** Stores one update of `doc`. Resolves when it is durable; rejects if the write failed. */
  append(doc: string, update: Uint8Array): Promise<void> {
    const list = this.pending.get(doc);
    if (list) list.push(update);
    else this.pending.set(doc, [update]);
    // Updates arriving in the same macrotask (a burst from one sync message) share one write.
    this.scheduled ??= this.enqueue(async () => {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      this.scheduled = undefined;
      const batch = this.pending;
      this.pending = new Map();
      await this.write(batch);
    });
    return this.scheduled;
  }

  /** Every update of `doc` this store holds (stored ones first, then ones still being written). */
  async load(doc: string): Promise<Uint8Array[]> {
    const rows = await loadDocUpdates(this.db, doc);
    return [...rows.map((r) => r.update), ...(this.pending.get(doc) ?? [])];
  }

  /** Names of the documents with stored updates. */
  names(): Promise<string[]> {
    return storedDocNames(this.db);
  }

  /** Resolves when every update appended so far is durable (or its write failed). */
  flush(): Promise<void> {
    return this.chain; // includes the scheduled write, and never rejects
  }

  /** Merges all rows of `doc` into one now (also done automatically above the threshold). */
  compact(doc: string): Promise<void> {
    return this.enqueue(() => this.compactNow(doc));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined); // one failed write must not block later ones
    return run;
  }

  private async write(batch: Map<string, Uint8Array[]>): Promise<void> {
    const merged = new Map<string, Uint8Array[]>();
    for (const [doc, updates] of batch) merged.set(doc, updates.length === 1 ? updates : [Y.mergeUpdates(updates)]);
    await appendDocUpdates(this.db, merged);
    for (const doc of merged.keys()) {
      const known = this.rowCounts.get(doc);
      const count = known === undefined ? await countDocRows(this.db, doc) : known + 1;
      this.rowCounts.set(doc, count);
      if (count > this.compactAbove) await this.compactNow(doc);
    }
  }

  private async compactNow(doc: string): Promise<void> {
    const rows = await loadDocUpdates(this.db, doc);
    const last = rows[rows.length - 1];
    if (!last || rows.length < 2) return;
    await replaceDocPrefix(this.db, doc, last.seq, Y.mergeUpdates(rows.map((r) => r.update)));
    this.rowCounts.set(doc, 1);
  }
}
