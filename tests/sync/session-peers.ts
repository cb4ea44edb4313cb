// Peers for the session tests: a real workspace (Dexie on fake-indexeddb) running the full sync
// session (replicator, doc-store, y-websocket connections, blob transfer) against a relay
// process, with test-sized timings.
import 'fake-indexeddb/auto';
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';
import { newPeerId } from '../../src/sync/sync-config';
import { type SessionConfig, type SyncSession, startSyncSession } from '../../src/sync/session';
import type { SyncStatus } from '../../src/sync/sync-status';
import { WebSocketPolyfill } from './socket-polyfill';

let counter = 0;

export interface SessionPeer {
  name: string;
  ws: Workspace;
  client: MlflowClient;
  session: SyncSession;
  config: SessionConfig;
}

export async function startPeer(relayUrl: string, workspaceId: string, token: string, user: string, o: { name?: string; peerId?: string } = {}): Promise<SessionPeer> {
  const name = o.name ?? `session-${process.pid}-${Date.now()}-${counter++}`;
  const ws = await openWorkspace({ name });
  const config: SessionConfig = { relayUrl, workspaceId, token, peerId: o.peerId ?? newPeerId(), user: { name: user } };
  const session = await startSyncSession(ws.store, config, {
    WebSocketPolyfill,
    disableBc: true,
    replicator: { lock: false, sealAfterMs: 150 },
    maxBackoffTime: 300,
    uploadBackoff: { initialMs: 50, maxMs: 400 },
    downloadBackoff: { initialMs: 50, maxMs: 300 },
    coverage: { debounceMs: 30, recheckMs: 150 },
  });
  return { name, ws, client: new MlflowClient(ws), session, config };
}

/** Restarts a peer's session on the same local workspace (a reload). */
export async function restartPeer(p: SessionPeer): Promise<SessionPeer> {
  await p.session.stop();
  await p.ws.close();
  return startPeer(p.config.relayUrl, p.config.workspaceId, p.config.token, p.config.user.name, { name: p.name, peerId: p.config.peerId });
}

export async function stopPeer(p: SessionPeer): Promise<void> {
  await p.session.stop();
  await p.ws.close();
}

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000, detail: () => unknown = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} ${JSON.stringify(detail())}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the session says everything is stored on the relay and nothing is pending. */
export function untilSynced(p: SessionPeer, ms = 20_000): Promise<void> {
  return until(`${p.config.user.name} synced`, () => p.session.status.get().synced, ms, () => p.session.status.get());
}

export function statusOf(p: SessionPeer): SyncStatus {
  return p.session.status.get();
}
