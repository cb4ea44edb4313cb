// Hands every document update to the listeners (the transport: persist, send) and remembers the
// promises they return, so the replicator can wait until what it wrote is durable before it
// deletes the journal entries the updates carry. An update a listener refused (its promise
// rejected: storage full, a failed IndexedDB write) is kept and handed to that listener again on
// retry(); until then settle() says false and the replicator keeps the journal entries.
import * as Y from 'yjs';
import { LOAD_ORIGIN, type SyncDocs } from './sync-docs';

/** Persisting listeners return a promise: journal entries are deleted only after it resolves. */
export type UpdateListener = (name: string, update: Uint8Array, origin: unknown) => void | Promise<unknown>;

interface Refused {
  listener: UpdateListener;
  name: string;
  update: Uint8Array;
  origin: unknown;
}

export class UpdateFanout {
  private readonly listeners = new Set<UpdateListener>();
  private inflight: Array<Promise<unknown>> = [];
  private refused: Refused[] = [];

  constructor(private readonly problem: (text: string) => void) {}

  /** With `current`, the listener first gets each open document's whole state (origin LOAD_ORIGIN). */
  add(listener: UpdateListener, docs: SyncDocs, current: boolean): () => void {
    this.listeners.add(listener);
    if (current) {
      for (const name of docs.names()) {
        const doc = docs.get(name);
        if (doc) this.call(listener, name, Y.encodeStateAsUpdate(doc), LOAD_ORIGIN);
      }
    }
    return () => {
      this.listeners.delete(listener);
      this.refused = this.refused.filter((r) => r.listener !== listener);
    };
  }

  emit(name: string, update: Uint8Array, origin: unknown): void {
    for (const l of [...this.listeners]) this.call(l, name, update, origin);
  }

  /** True while some update a listener refused waits for retry(). */
  get failing(): boolean {
    return this.refused.length > 0;
  }

  /** Waits for what the listeners started with the updates so far. True when every update was
   * taken; false while a refused one waits for retry(). */
  async settle(): Promise<boolean> {
    while (this.inflight.length > 0) {
      const batch = this.inflight;
      this.inflight = [];
      await Promise.all(batch);
    }
    return this.refused.length === 0;
  }

  /** Hands every refused update again to the listener that refused it (merged per listener,
   * document and origin: Yjs updates are idempotent and order-free). settle() tells the outcome. */
  retry(): void {
    const groups = new Map<UpdateListener, Map<string, Map<unknown, Uint8Array[]>>>();
    for (const r of this.refused) {
      let byDoc = groups.get(r.listener);
      if (!byDoc) groups.set(r.listener, (byDoc = new Map()));
      let byOrigin = byDoc.get(r.name);
      if (!byOrigin) byDoc.set(r.name, (byOrigin = new Map()));
      const list = byOrigin.get(r.origin);
      if (list) list.push(r.update);
      else byOrigin.set(r.origin, [r.update]);
    }
    this.refused = [];
    for (const [listener, byDoc] of groups) {
      if (!this.listeners.has(listener)) continue;
      for (const [name, byOrigin] of byDoc) {
        for (const [origin, updates] of byOrigin) this.call(listener, name, updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates), origin);
      }
    }
  }

  private call(l: UpdateListener, name: string, update: Uint8Array, origin: unknown): void {
    const refuse = (e: unknown): void => {
      this.refused.push({ listener: l, name, update, origin });
      this.problem(`storing or sending an update of ${name} failed (kept; retried later): ${e instanceof Error ? e.message : String(e)}`);
    };
    try {
      const r = l(name, update, origin);
      if (r && typeof (r as Promise<unknown>).then === 'function') this.inflight.push((r as Promise<unknown>).then(undefined, refuse));
    } catch (e) {
      refuse(e);
    }
  }
}
