// Peers for sync tests: each a real workspace (Dexie on fake-indexeddb) with its replicator, linked
// by an in-memory network that can drop, duplicate, delay and reorder Yjs updates and cut links.
// A "reconnect" is what y-websocket does on connect: both sides exchange state vectors and send
// each other what the other lacks (sync step 1/2), per document they both have open. Blobs move
// through a fake relay store (the transport's job in the app).
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';
import { Replicator, type ReplicatorOptions } from '../../src/sync/replicator';

/** Yjs origin of updates the network applies (any value not made on the peer itself). */
export const NET = 'test-network';

let counter = 0;

export interface Peer {
  index: number;
  id: string;
  ws: Workspace;
  client: MlflowClient;
  rep: Replicator;
  /** every update this peer's documents produced, by document (stands in for the doc store) */
  stored: Map<string, Uint8Array[]>;
  /** milliseconds added to this peer's hybrid clock */
  skew: number;
  /** the doc store refuses (storage full) the next `refuse` updates it is handed */
  storeFaults: StoreFaults;
}

export interface StoreFaults {
  refuse: number;
}

export const newWorkspaceId = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export type PeerOptions = Partial<ReplicatorOptions> & { skew?: number; name?: string };

export async function openPeer(workspaceId: string, index: number, options: PeerOptions = {}): Promise<Peer> {
  const name = options.name ?? `sync-${process.pid}-${Date.now()}-${counter++}`;
  const ws = await openWorkspace({ name });
  const stored = new Map<string, Uint8Array[]>();
  const skew = options.skew ?? 0;
  const storeFaults: StoreFaults = { refuse: 0 };
  const rep = await startReplicator(ws, workspaceId, index, stored, storeFaults, options);
  return { index, id: rep.clock.peer, ws, client: new MlflowClient(ws), rep, stored, skew, storeFaults };
}

async function startReplicator(ws: Workspace, workspaceId: string, index: number, stored: Map<string, Uint8Array[]>, faults: StoreFaults, options: PeerOptions): Promise<Replicator> {
  const skew = options.skew ?? 0;
  const rep = new Replicator(ws.store, {
    workspaceId,
    peerId: `${(index + 10).toString(16)}${'0'.repeat(14)}`.slice(0, 16),
    user: `user${index}`,
    lock: false,
    now: () => Date.now() + skew,
    loadDoc: async (doc) => stored.get(doc) ?? [],
    ...options,
  });
  // The doc store: every update persisted (the test can roll it back to model a crash, or make it
  // refuse updates to model a full disk).
  rep.onUpdate((doc, update) => {
    if (faults.refuse > 0) {
      faults.refuse--;
      return Promise.reject(new Error('QuotaExceededError: the disk is full'));
    }
    const list = stored.get(doc);
    if (list) list.push(update);
    else stored.set(doc, [update]);
  });
  await rep.start();
  return rep;
}

/**
 * A reload: the replicator is stopped and a new one starts on the same database, loading the
 * documents from what was persisted (`stored`, possibly rolled back by the test to model a crash).
 */
export async function restartPeer(net: Network | undefined, p: Peer, workspaceId: string, options: PeerOptions = {}): Promise<void> {
  await p.rep.stop();
  p.rep = await startReplicator(p.ws, workspaceId, p.index, p.stored, p.storeFaults, { skew: p.skew, ...options });
  net?.join(p);
}

interface Message {
  from: number;
  to: number;
  doc: string;
  update: Uint8Array;
}

export class Network {
  readonly queue: Message[] = [];
  /** blobs the fake relay holds */
  readonly relay = new Map<string, Uint8Array>();
  private readonly cut = new Set<string>();
  private readonly detach: Array<() => void> = [];

  constructor(readonly peers: Peer[]) {
    for (const p of peers) this.join(p);
  }

  join(p: Peer): void {
    this.detach.push(
      p.rep.onUpdate((doc, update, origin) => {
        if (origin === NET) return; // what the network delivered is not sent on again (y-websocket does the same)
        for (const q of this.peers) if (q !== p && !this.isCut(p.index, q.index)) this.queue.push({ from: p.index, to: q.index, doc, update });
      }),
      // A document opened here joins its room: it syncs with every peer it can reach.
      p.rep.docs.onDocAdded((name) => queueMicrotask(() => this.syncDoc(p, name)), false),
    );
  }

  private syncDoc(p: Peer, name: string): void {
    for (const q of this.peers) if (q !== p && !this.isCut(p.index, q.index)) exchange(p.rep.docs.get(name), q.rep.docs.get(name));
  }

  private key(a: number, b: number): string {
    return a < b ? `${a}-${b}` : `${b}-${a}`;
  }

  isCut(a: number, b: number): boolean {
    return this.cut.has(this.key(a, b));
  }

  /** Splits the peers into two groups that cannot talk (messages in flight between them are lost). */
  partition(group: ReadonlySet<number>): void {
    for (const a of this.peers) for (const b of this.peers) if (a.index < b.index && group.has(a.index) !== group.has(b.index)) this.cut.add(this.key(a.index, b.index));
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const m = this.queue[i] as Message;
      if (this.isCut(m.from, m.to)) this.queue.splice(i, 1);
    }
  }

  /** Restores every link and reconnects every pair (state vector exchange). */
  async healLinks(): Promise<void> {
    this.cut.clear();
    for (const a of this.peers) for (const b of this.peers) if (a.index < b.index) this.reconnect(a, b);
  }

  /** y-websocket's sync step 1/2 between two peers, for every document both have open. */
  reconnect(a: Peer, b: Peer): void {
    if (this.isCut(a.index, b.index)) return;
    for (const name of a.rep.docs.names()) exchange(a.rep.docs.get(name), b.rep.docs.get(name));
  }

  /** Delivers message `i` of the queue (to an open document; otherwise it is lost, as when the peer
   * is not in that room yet). `keep` leaves a copy queued: a duplicate later. */
  deliver(i: number, keep = false): void {
    const m = this.queue[i];
    if (!m) return;
    if (!keep) this.queue.splice(i, 1);
    const doc = this.peers[m.to]?.rep.docs.get(m.doc);
    if (doc) Y.applyUpdate(doc, m.update, NET);
  }

  drop(i: number): void {
    this.queue.splice(i, 1);
  }

  /** Uploads queued blobs of every peer to the relay and hands wanted ones to the peers that want them. */
  async moveBlobs(): Promise<void> {
    for (const p of this.peers) {
      const db = p.ws.store.db;
      for (const row of await db.syncUploads.toArray()) {
        const blob = await db.blobs.get(row.sha256);
        if (blob) this.relay.set(row.sha256, new Uint8Array(blob.data instanceof ArrayBuffer ? blob.data : await blob.data.arrayBuffer()));
        await db.syncUploads.delete(row.sha256);
      }
    }
    for (const p of this.peers) {
      for (const hash of p.rep.wantedBlobs()) {
        const bytes = this.relay.get(hash);
        if (!bytes) continue;
        await p.ws.store.db.blobs.put({ sha256: hash, size: bytes.byteLength, data: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
        await p.rep.blobArrived(hash);
      }
    }
  }

  /**
   * Heals everything and runs until quiet: all journals drained, all links reconnected, all
   * queued messages delivered, all blobs moved, every replicator idle, every peer with the same
   * documents in the same state. Throws if it does not settle.
   */
  async settle(rounds = 30): Promise<void> {
    await this.healLinks();
    for (let round = 0; round < rounds; round++) {
      for (const p of this.peers) await p.ws.flush();
      for (const p of this.peers) await p.rep.drain();
      while (this.queue.length > 0) this.deliver(0);
      await this.healLinks();
      for (const p of this.peers) await p.rep.idle();
      await this.moveBlobs();
      for (const p of this.peers) await p.rep.idle();
      await new Promise((r) => setTimeout(r, 0)); // documents opened by a fold attach now
      if (this.quiet()) return;
    }
    throw new Error('the network did not settle');
  }

  private quiet(): boolean {
    if (this.queue.length > 0) return false;
    const [first, ...rest] = this.peers;
    if (!first) return true;
    const names = first.rep.docs.names().sort();
    for (const p of rest) if (JSON.stringify(p.rep.docs.names().sort()) !== JSON.stringify(names)) return false;
    for (const name of names) {
      const sv = Y.encodeStateVector(first.rep.docs.get(name) as Y.Doc);
      for (const p of rest) if (!equalBytes(Y.encodeStateVector(p.rep.docs.get(name) as Y.Doc), sv)) return false;
    }
    return this.peers.every((p) => p.rep.wantedBlobs().length === 0);
  }

  async close(): Promise<void> {
    for (const d of this.detach) d();
    for (const p of this.peers) {
      await p.rep.stop();
      await p.ws.close();
    }
  }
}

function exchange(a: Y.Doc | undefined, b: Y.Doc | undefined): void {
  if (!a || !b) return;
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), NET);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), NET);
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
