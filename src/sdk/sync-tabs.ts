// The tabs of one workspace talking about sync over a BroadcastChannel. Only one tab runs the
// session (sync-handle.ts); the others show what it reports and tell it what they look at.
import type { Activity } from '../sync/adapter';
import type { SyncStatus } from '../sync/sync-status';
import type { PeerPresence } from '../sync/transport/presence';
import type { ArtifactFetchProblem } from './artifact-fetch';

export type TabMessage =
  /** the sync configuration was stored (shared, joined, left): read it again */
  | { kind: 'config' }
  /** from the tab running the session: what every tab shows */
  | { kind: 'state'; status: SyncStatus | undefined; peers: readonly PeerPresence[]; activity: readonly Activity[] }
  /** a tab that just opened asks the session's tab to repeat its state */
  | { kind: 'hello' }
  /** a tab's route changed or it came to the front: the path the user looks at */
  | { kind: 'view'; path: string }
  /** a tab asks the session's tab to fetch an artifact's bytes from the relay (they land in the
   * shared IndexedDB, so the asking tab reads them itself) */
  | { kind: 'fetch'; id: string; runId: string; path: string }
  /** from the session's tab: bytes of fetch `id` so far (the first one also says "on it") */
  | { kind: 'fetch-progress'; id: string; loaded: number; total: number }
  /** from the session's tab: fetch `id` finished; with `error`, it failed */
  | { kind: 'fetch-done'; id: string; error?: { code: ArtifactFetchProblem; message: string } };

export interface SyncTabs {
  post(message: TabMessage): void;
  close(): void;
}

/** `make*`: listens until `close()`. Without BroadcastChannel (Node) there are no other tabs. */
export function makeSyncTabs(workspaceName: string, listener: (message: TabMessage) => void): SyncTabs {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(`orchard-sync:${workspaceName}`);
  channel.onmessage = (e: MessageEvent<TabMessage>) => listener(e.data);
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
