// The sync session the UI runs for one shared workspace: the replicator (tables <-> Yjs
// documents), their durable copies (doc-store), one relay connection per document, presence,
// blob transfer, and the status line, wired together and stopped together.
//
//   local change -> journal -> replicator -> Y.Doc update -> doc-store (durable) + provider (sent)
//   relay -> provider -> Y.Doc update -> doc-store + replicator fold -> mutation layer ('remote')
//   chunk refs without bytes -> wanted -> download, verify, store -> replicator.blobArrived
import { readTokenClaims, type TokenRole } from '../domain/sync/token';
import type { WorkspaceStore } from '../storage/workspace-store';
import { LOCAL_ORIGIN, type Activity, type SyncAdapter } from './adapter';
import { ActivityFeed } from './activity-feed';
import type { BackoffOptions } from './backoff';
import type { ProgressListener } from './blob-download';
import { BlobTransfer } from './blob-transfer';
import { DocStore } from './doc-store';
import { type Observable, ObservableValue } from './observable';
import { createRegistryAdapter } from './registry/registry-adapter';
import { Replicator, type ReplicatorOptions } from './replicator';
import { StatusTracker } from './status-tracker';
import { leaveWorkspace, roleOf, tokenProblem } from './sync-config';
import { LOAD_ORIGIN } from './sync-docs';
import { READ_ONLY_NOTE, type SyncStatus } from './sync-status';
import { ConnectionPool } from './transport/connection-pool';
import { type LocalUser, type PeerPresence, Presence } from './transport/presence';
import { RelayHttp, RelayHttpError } from './transport/relay-http';
import { syncSocketUrl } from './transport/relay-url';
import { StoredCoverage } from './transport/stored-coverage';

export interface SessionConfig {
  relayUrl: string;
  workspaceId: string;
  token: string;
  peerId: string;
  user: LocalUser;
}

export interface SessionOptions {
  /** Node < 22 has no global WebSocket: pass `ws`'s class */
  WebSocketPolyfill?: typeof WebSocket;
  /** default: true where there is no `window` (Node), false in the browser */
  disableBc?: boolean;
  fetch?: typeof fetch;
  /** adapters besides runs (default: the registry's) */
  adapters?: SyncAdapter[];
  /** passed through to the replicator (clock injection, seal window, Web Lock) */
  replicator?: Pick<ReplicatorOptions, 'now' | 'sealAfterMs' | 'lock' | 'snapshot'>;
  /** compact a stored document above this many rows (default 64) */
  compactAbove?: number;
  /** cap of the socket reconnect backoff (default 2500 ms) */
  maxBackoffTime?: number;
  /** retry timing of blob uploads and wanted downloads */
  uploadBackoff?: BackoffOptions;
  downloadBackoff?: BackoffOptions;
  /** how soon and how often the relay's stored state is compared with ours */
  coverage?: { debounceMs?: number; recheckMs?: number };
}

export interface SyncSession {
  readonly workspaceId: string;
  readonly role: TokenRole;
  readonly status: Observable<SyncStatus>;
  /** other peers in the workspace right now (presence on the root document) */
  readonly peers: Observable<readonly PeerPresence[]>;
  /** what peers changed, newest first (at most 200 lines) */
  readonly activity: Observable<readonly Activity[]>;
  /** tells the other peers which app path this user has open (null: none) */
  setView(path: string | null): void;
  /** an artifact's bytes, fetched from the relay on first open (with progress) and kept */
  fetchArtifact(runId: string, path: string, onProgress?: ProgressListener): Promise<Blob>;
  /** resolves when the replicator is idle, documents are durable and no upload pass runs */
  flushed(): Promise<void>;
  /** the replicator (tests, diagnostics) */
  readonly replicator: Replicator;
  /** stops syncing; local data and configuration stay */
  stop(): Promise<void>;
  /** stops syncing and marks the workspace detached on this device (local data stays) */
  leave(): Promise<void>;
}


/** Starts syncing `store` (resolves once this tab holds the workspace's sync lock and the
 * documents are open). */
export async function startSyncSession(store: WorkspaceStore, config: SessionConfig, options: SessionOptions = {}): Promise<SyncSession> {
  const claims = readTokenClaims(config.token);
  const role = roleOf(config);
  const unusable = tokenProblem(config.token, config.workspaceId);

  const http = new RelayHttp(config.relayUrl, config.token, options.fetch);
  const docStore = new DocStore(store.db, { compactAbove: options.compactAbove });
  const adapters = options.adapters ?? [createRegistryAdapter()];
  const pool = new ConnectionPool({
    socketUrl: syncSocketUrl(config.relayUrl),
    token: config.token,
    readOnly: role === 'read-only',
    WebSocketPolyfill: options.WebSocketPolyfill,
    disableBc: options.disableBc ?? typeof window === 'undefined',
    maxBackoffTime: options.maxBackoffTime,
  });
  // The token is refused everywhere: stop reconnecting and stop asking the relay for anything.
  const refuse = (reason: string): void => {
    tracker.refuse(reason);
    pool.destroy();
    coverage.stop();
    blobs.stop();
  };
  const onAuthError = (e: RelayHttpError): void => refuse(e.message);
  let replicator: Replicator | undefined;
  const blobs = new BlobTransfer({
    db: store.db,
    http,
    workspace: config.workspaceId,
    canUpload: role === 'read-write',
    backoff: options.downloadBackoff ?? { initialMs: 250, maxMs: 5000 },
    onAuthError,
    onStored: (hash) => void replicator?.blobArrived(hash),
    onChange: () => {
      tracker.setProblem('blobs', blobs.problem());
      tracker.invalidate();
    },
  });
  const coverage = new StoredCoverage({
    http,
    localStateVector: (doc) => pool.get(doc)?.sharedStateVector(),
    debounceMs: options.coverage?.debounceMs,
    recheckMs: options.coverage?.recheckMs,
    onChange: () => tracker.invalidate(),
    onAuthError,
  });
  const tracker = new StatusTracker({ db: store.db, pool, coverage, blobs, role, replicator: () => replicator });
  if (unusable) refuse(unusable);

  replicator = await Replicator.start(store, {
    ...options.replicator,
    // A read-only peer's first share could never be sent: what was here before joining (the
    // default experiment) stays local instead of counting as changes not shared forever.
    ...(role === 'read-only' ? { snapshot: false } : {}),
    workspaceId: config.workspaceId,
    peerId: config.peerId,
    user: config.user.name,
    adapters,
    loadDoc: (name) => docStore.load(name),
  });
  const r = replicator;
  const feed = new ActivityFeed();
  const peers = new ObservableValue<readonly PeerPresence[]>([]);
  let presence: Presence | undefined;
  let view: string | null = null;
  let uploadKick: ReturnType<typeof setTimeout> | undefined;
  const kickUploads = (): void => {
    uploadKick ??= setTimeout(() => {
      uploadKick = undefined;
      blobs.uploads?.kick();
    }, 50);
  };

  const unsubscribe = [
    r.onUpdate((name, update, origin) => {
      coverage.markDirty(name);
      tracker.invalidate();
      if (origin === LOCAL_ORIGIN) {
        kickUploads(); // a sealed chunk queues its blob in the same step
        if (role === 'read-only') tracker.setProblem('read-only', READ_ONLY_NOTE);
      }
      // Loaded updates are stored already; everything else is persisted before the replicator
      // deletes the journal entries it carries (it awaits the promise).
      return origin === LOAD_ORIGIN ? undefined : docStore.append(name, update);
    }),
    r.onActivity((items) => feed.add(items)),
    r.onWanted((hashes) => blobs.setWanted(hashes)),
    store.mutations.onMutation((_m, _effect, origin) => {
      if (origin !== 'remote') kickUploads();
      tracker.invalidate();
    }),
    pool.onChange(() => {
      if (!pool.links().includes('connected')) coverage.pause();
      tracker.invalidate(0);
    }),
    pool.onSynced((doc) => {
      coverage.markDirty(doc);
      coverage.resume();
      if (doc !== config.workspaceId) return;
      // (Re)synced with the relay: it may have restarted, lost its data or missed uploads.
      blobs.retryNow();
      blobs.uploads?.reconcile().catch((e: unknown) => {
        // offline again: the next reconnect reconciles; a refused token stops everything
        if (e instanceof RelayHttpError && e.isAuth) onAuthError(e);
      });
    }),
  ];
  if (!unusable) {
    unsubscribe.push(
      r.docs.onDocAdded((name, doc) => {
        if (tracker.refused) return;
        const conn = pool.add(name, doc);
        coverage.markDirty(name);
        if (name !== config.workspaceId || presence) return;
        presence = new Presence(conn.provider.awareness, config.peerId, config.user);
        presence.setView(view);
        unsubscribe.push(presence.onChange((list) => peers.set(list)));
      }),
    );
  }
  blobs.setWanted(r.wantedBlobs());
  kickUploads();
  // The relay refuses an expired token only when a socket reconnects; say so when it happens.
  // (setTimeout holds at most ~24.8 days, so a longer wait is taken in steps.)
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const watchExpiry = (expiresAt: number): void => {
    const wait = expiresAt - Date.now();
    if (wait <= 0) return refuse('The sync token expired; ask for a new invite.');
    expiry = setTimeout(() => watchExpiry(expiresAt), Math.min(wait, 2 ** 31 - 1));
  };
  if (claims && !unusable) watchExpiry(claims.expiresAt);
  tracker.invalidate(0);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (expiry !== undefined) clearTimeout(expiry);
      pool.destroy();
      coverage.stop();
      blobs.stop();
      // The replicator finishes its current step first; its updates must still reach the
      // doc-store (it deletes journal entries once they are persisted), so listeners go after.
      await r.stop();
      for (const u of unsubscribe) u();
      if (uploadKick !== undefined) clearTimeout(uploadKick);
      await docStore.flush();
      for (const a of adapters) a.dispose?.();
      tracker.stop();
      peers.clear();
      feed.clear();
    })());

  return {
    workspaceId: config.workspaceId,
    role,
    status: tracker.status,
    peers,
    activity: feed,
    replicator: r,
    setView(path) {
      view = path;
      presence?.setView(path);
    },
    fetchArtifact: (runId, path, onProgress) => blobs.fetchArtifact(runId, path, onProgress),
    async flushed() {
      await r.idle();
      await docStore.flush();
      await blobs.uploads?.settled();
    },
    stop,
    async leave() {
      await stop();
      await leaveWorkspace(store);
      tracker.markDetached();
      await tracker.recompute();
    },
  };
}
