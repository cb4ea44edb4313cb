// Hands every document update to the listeners (the transport: persist, send) and remembers the
// promises they return, so the replicator can wait until what it wrote is durable before it
// deletes the journal entries the updates carry.
import * as Y from 'yjs';
import { LOAD_ORIGIN, type SyncDocs } from './sync-docs';

/** Persisting listeners return a promise: journal entries are deleted only after it settles. */
export type UpdateListener = (name: string, update: Uint8Array, origin: unknown) => void | Promise<unknown>;

export class UpdateFanout {
  private readonly listeners = new Set<UpdateListener>();
  private inflight: Array<Promise<unknown>> = [];

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
    return () => this.listeners.delete(listener);
  }

  emit(name: string, update: Uint8Array, origin: unknown): void {
    for (const l of [...this.listeners]) this.call(l, name, update, origin);
  }

  /** Waits for what the listeners started with the updates so far. */
  async settle(): Promise<void> {
    while (this.inflight.length > 0) {
      const batch = this.inflight;
      this.inflight = [];
      await Promise.all(batch);
    }
  }

  private call(l: UpdateListener, name: string, update: Uint8Array, origin: unknown): void {
    try {
      const r = l(name, update, origin);
      if (r && typeof (r as Promise<unknown>).then === 'function') this.inflight.push((r as Promise<unknown>).catch((e) => this.problem(`an update listener failed: ${String(e)}`)));
    } catch (e) {
      this.problem(`an update listener failed: ${String(e)}`);
    }
  }
}
