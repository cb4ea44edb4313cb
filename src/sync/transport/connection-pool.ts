// All of a session's document connections: one y-websocket provider per sync document (the root
// and the 16 run shards), added as the replicator opens documents. It folds their states for the
// status line and tells the session when a document has (re)synced, which is when a relay that
// restarted or lost its data needs our blobs again.
import type * as Y from 'yjs';
import { DocConnection, type DocConnectionOptions, type LinkState, type Refusal } from './doc-connection';

export class ConnectionPool {
  private readonly connections = new Map<string, DocConnection>();
  private readonly changeListeners = new Set<() => void>();
  private readonly syncedListeners = new Set<(doc: string) => void>();
  private destroyed = false;

  constructor(private readonly options: DocConnectionOptions) {}

  /** Connects `doc` under `name` (once; later calls return the same connection). */
  add(name: string, doc: Y.Doc): DocConnection {
    const known = this.connections.get(name);
    if (known) return known;
    if (this.destroyed) throw new Error('This sync session was stopped.');
    const conn = new DocConnection(name, doc, this.options);
    let syncs = 0;
    conn.onChange(() => {
      if (conn.syncCount !== syncs) {
        syncs = conn.syncCount;
        for (const l of this.syncedListeners) l(name);
      }
      for (const l of this.changeListeners) l();
    });
    this.connections.set(name, conn);
    for (const l of this.changeListeners) l();
    return conn;
  }

  get(name: string): DocConnection | undefined {
    return this.connections.get(name);
  }

  names(): string[] {
    return [...this.connections.keys()];
  }

  links(): LinkState[] {
    return [...this.connections.values()].map((c) => c.state);
  }

  /** The first refusal among the connections (they share one token, so one is enough). */
  refusal(): Refusal | undefined {
    for (const c of this.connections.values()) if (c.refusal) return c.refusal;
    return undefined;
  }

  /** Documents the relay closed for good for another reason than the token (a message it cannot
   * take), as readable lines. */
  failures(): string[] {
    return [...this.connections.values()].flatMap((c) => (c.failure ? [`Document ${c.name} cannot sync: the relay closed it (${c.failure.code}: ${c.failure.reason}).`] : []));
  }

  /** true when there is a connection and every one has finished its first sync with the relay */
  allSynced(): boolean {
    return this.connections.size > 0 && [...this.connections.values()].every((c) => c.synced);
  }

  /** Read-only sessions: this device's writes no connection will ever send (see DocConnection). */
  unsharedWrites(): number {
    let n = 0;
    for (const c of this.connections.values()) n += c.unsharedWrites();
    return n;
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Hears each time a document finished syncing with the relay after its socket opened (first
   * connection and every reconnection; a socket refused right after opening never gets here). */
  onSynced(listener: (doc: string) => void): () => void {
    this.syncedListeners.add(listener);
    return () => this.syncedListeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    this.changeListeners.clear();
    this.syncedListeners.clear();
    for (const c of this.connections.values()) c.destroy();
    this.connections.clear();
  }
}
