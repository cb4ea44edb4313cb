// In-memory peers for the registry sync tests: each is a real workspace (fake-indexeddb) run by the
// real Replicator with the RegistryAdapter — local changes go through the journal into the root
// document, remote document changes are folded and applied with origin 'remote'. There is no
// relay: tests move root-document updates between peers explicitly (deliver), so they choose what
// is concurrent and in which order things arrive.
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';
import type { Activity } from '../../src/sync/adapter';
import { RegistryAdapter } from '../../src/sync/registry/registry-adapter';
import { Replicator } from '../../src/sync/replicator';

export interface Peer {
  id: string;
  /** the replicator's peer id (stamped into slots and activity) */
  peerId: string;
  ws: Workspace;
  client: MlflowClient;
  replicator: Replicator;
  /** the root document (experiments and the registry) */
  doc: Y.Doc;
  activity: Activity[];
  /** resolves when the replicator has nothing left to do; fails if it reported a problem */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** All peers share one workspace id (the root document's name). */
const WORKSPACE = '0123456789abcdef0123456789abcdef';
let counter = 0;
const peerIdOf = (id: string): string => id.padEnd(16, '0');

export interface PeerOptions {
  skewMs?: number;
  user?: { name: string; email: string };
  /** an existing workspace (its registry is snapshotted into the documents on start) */
  ws?: Workspace;
}

export async function openPeer(id: string, options: PeerOptions = {}): Promise<Peer> {
  const ws = options.ws ?? (await openWorkspace({ name: `sync-registry-${process.pid}-${Date.now()}-${counter++}` }));
  const user = options.user ?? { name: `user-${id}`, email: `${id}@example.org` };
  await ws.store.setUserProfile(user);
  const skew = options.skewMs ?? 0;
  const adapter = new RegistryAdapter();
  const replicator = await Replicator.start(ws.store, {
    workspaceId: WORKSPACE,
    peerId: peerIdOf(id),
    user: user.email,
    adapters: [adapter],
    now: () => Date.now() + skew,
    lock: false,
  });
  const activity: Activity[] = [];
  const stopActivity = replicator.onActivity((items) => activity.push(...items));
  const idle = async (): Promise<void> => {
    await replicator.idle();
    const problems = replicator.problems();
    if (problems.length > 0) throw new Error(`peer ${id}: ${problems.join('; ')}`);
  };
  await idle();
  return {
    id,
    peerId: peerIdOf(id),
    ws,
    client: new MlflowClient(ws),
    replicator,
    doc: replicator.docs.root,
    activity,
    idle,
    close: async () => {
      stopActivity();
      await replicator.stop();
      adapter.dispose();
      await ws.close();
    },
  };
}

/** Sends what `to`'s root document is missing of `from`'s (as a relay would); both settle. */
export async function deliver(from: Peer, to: Peer): Promise<void> {
  await from.idle();
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'relay');
  await to.idle();
}

/** Everyone gets everything (two rounds, so what one peer merged reaches all). */
export async function syncAll(peers: readonly Peer[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const a of peers) for (const b of peers) if (a !== b) await deliver(a, b);
}

/** The registry tables of a peer, in a comparable order. */
export async function registryTables(peer: Peer | Workspace): Promise<Record<string, unknown[]>> {
  const { db } = 'ws' in peer ? peer.ws.store : peer.store;
  return {
    models: await db.registeredModels.orderBy('name').toArray(),
    versions: await db.modelVersions.toArray(),
    gates: await db.approvalGates.orderBy('name').toArray(),
    requests: await db.approvalRequests.orderBy('id').toArray(),
    events: await db.registryEvents.orderBy('id').toArray(),
  };
}

export async function closeAll(peers: readonly Peer[]): Promise<void> {
  for (const p of peers) await p.close();
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
