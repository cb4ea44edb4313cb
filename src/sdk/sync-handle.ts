// Sync for the open workspace, as the page sees it. Exactly one tab per workspace runs the sync
// session (two would both drain the journal and send every change twice): the tab holding the
// Web Lock `orchard-sync-tab-<db>`. The others show the status, peers and activity it broadcasts
// and send it the path they show, and the lock passes to the next tab when the holder closes.
// Sharing, joining and leaving store the configuration and tell every tab to read it again; the
// session's tab then starts or stops the session. Artifact bytes a page opens are fetched by the
// session's tab too (sync-tab-fetch.ts).
import type { Activity } from '../sync/adapter';
import { ObservableValue, type Observable } from '../sync/observable';
import type { SessionOptions, SyncSession } from '../sync/session';
import { leaveWorkspace, loadSyncConfig, roleOf, shareWorkspace, type SyncConfig } from '../sync/sync-config';
import { INITIAL_STATUS, sameStatus, type SyncStatus } from '../sync/sync-status';
import type { PeerPresence } from '../sync/transport/presence';
import { acquireWebLock } from '../sync/web-lock';
import { ArtifactFetchError, NOT_SYNCING_MESSAGE, toArtifactFetchError } from './artifact-fetch';
import { answerTabFetch, TabFetchRequests, type FetchProgressListener, type TabFetchTiming } from './sync-tab-fetch';
import { makeSyncTabs, type TabMessage } from './sync-tabs';
import type { Workspace } from './workspace';

export interface SyncHandle {
  /** undefined while the workspace is not shared (or its configuration is still being read) */
  readonly status: Observable<SyncStatus | undefined>;
  /** other people in the workspace right now, and what each is looking at */
  readonly peers: Observable<readonly PeerPresence[]>;
  /** what other people changed, newest first */
  readonly activity: Observable<readonly Activity[]>;
  /** this device's configuration for the workspace (undefined: never shared or joined here) */
  readonly config: Observable<SyncConfig | undefined>;
  /** the app path this tab shows, for the other people's presence view */
  setView(path: string): void;
  /**
   * Brings a peer's artifact bytes into this workspace from the relay (verified by their sha256),
   * reporting bytes as they arrive; then client.downloadArtifact reads them. Runs in the tab that
   * syncs the workspace, whichever tab asks. Rejects with ArtifactFetchError (`transient` when
   * retrying later may work: the bytes are not uploaded yet, or the relay is unreachable).
   */
  fetchArtifact(runId: string, path: string, onProgress?: FetchProgressListener): Promise<void>;
  /** shares the workspace through `relayUrl`; the session starts */
  share(relayUrl: string): Promise<void>;
  /** stops syncing on this device; local data stays, the workspace is marked detached */
  leave(): Promise<void>;
  /** stops the session (if this tab runs it) and lets another tab take over */
  stop(): Promise<void>;
}

const sameOrBothUndefined = (a: SyncStatus | undefined, b: SyncStatus | undefined): boolean => (a && b ? sameStatus(a, b) : a === b);
const sameConfig = (a: SyncConfig | undefined, b: SyncConfig | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What a tab shows for a configuration when no session reports anything. */
function restingStatus(config: SyncConfig | undefined): SyncStatus | undefined {
  if (!config) return undefined;
  return { ...INITIAL_STATUS, state: config.detached ? 'detached' : 'connecting', role: roleOf(config) };
}

/**
 * Runs sync for `ws` in this page: reads its configuration and, in the one tab that holds the
 * workspace's sync lock, runs the session while the workspace is shared.
 * @example
 * const sync = startSync(await openWorkspace({ name: 'team' }));
 * sync.status.subscribe((s) => console.log(s?.state));
 */
export function startSync(ws: Workspace, options: SessionOptions & { tabFetch?: TabFetchTiming } = {}): SyncHandle {
  const status = new ObservableValue<SyncStatus | undefined>(undefined, sameOrBothUndefined);
  const peers = new ObservableValue<readonly PeerPresence[]>([]);
  const activity = new ObservableValue<readonly Activity[]>([]);
  const config = new ObservableValue<SyncConfig | undefined>(undefined, sameConfig);
  let session: SyncSession | undefined;
  let unsubscribe: Array<() => void> = [];
  let leader = false;
  let stopped = false;
  let view: string | null = null;
  let releaseLock: (() => void) | undefined;
  // Starting and stopping the session happen one after another, never interleaved.
  let work: Promise<void> = Promise.resolve();
  const serially = (step: () => Promise<void>): Promise<void> => (work = work.then(step, step));

  const broadcast = (): void => {
    if (leader) tabs.post({ kind: 'state', status: status.get(), peers: peers.get(), activity: activity.get() });
  };

  /** Fetches in this tab's session (a starting or stopping session settles first). */
  const fetchHere = async (runId: string, path: string, onProgress?: FetchProgressListener): Promise<void> => {
    await work;
    const s = session;
    if (!s) throw new ArtifactFetchError('not-syncing', NOT_SYNCING_MESSAGE);
    try {
      await s.fetchArtifact(runId, path, onProgress);
    } catch (e) {
      throw toArtifactFetchError(e);
    }
  };

  const onMessage = (m: TabMessage): void => {
    requests.hear(m);
    if (m.kind === 'fetch' && leader) void answerTabFetch(m, fetchHere, (answer) => tabs.post(answer));
    else if (m.kind === 'config') void reloadConfig();
    else if (m.kind === 'hello') broadcast();
    else if (m.kind === 'view' && leader) {
      view = m.path;
      session?.setView(m.path);
    } else if (m.kind === 'state' && !leader) {
      status.set(m.status);
      peers.set(m.peers);
      activity.set(m.activity);
    }
  };
  const tabs = makeSyncTabs(ws.name, onMessage);
  const requests = new TabFetchRequests((m) => tabs.post(m), options.tabFetch);

  async function reloadConfig(): Promise<void> {
    const c = await loadSyncConfig(ws.store);
    config.set(c);
    if (leader) await serially(reconcile);
    // Until the session's tab reports, a shared workspace is "connecting".
    else if (!isActive(c) || status.get() === undefined || status.get()?.state === 'detached') status.set(restingStatus(c));
  }

  const isActive = (c: SyncConfig | undefined): c is SyncConfig => c !== undefined && !c.detached;

  /** Makes the session match the configuration (this tab holds the lock). */
  async function reconcile(): Promise<void> {
    const c = config.get();
    if (session && (!isActive(c) || c.workspaceId !== session.workspaceId)) await endSession((s) => s.stop());
    if (!session && isActive(c) && !stopped) await beginSession(c);
    if (!session) status.set(restingStatus(c));
    broadcast();
  }

  async function beginSession(c: SyncConfig): Promise<void> {
    status.set(restingStatus(c));
    const profile = await ws.store.userProfile();
    const user = { name: profile.name || profile.email || `Guest ${c.peerId.slice(0, 4)}` };
    let started: SyncSession;
    try {
      // Loaded on demand: the session pulls in Yjs and the replicator, which a workspace that is
      // never shared should not download or parse at start-up.
      const { startSyncSession } = await import('../sync/session');
      started = await startSyncSession(ws.store, { relayUrl: c.relayUrl, workspaceId: c.workspaceId, token: c.token, peerId: c.peerId, user }, options);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      status.set({ ...INITIAL_STATUS, state: 'offline', offlineSince: Date.now(), role: roleOf(c), error: `Sync could not start: ${message}` });
      return;
    }
    if (stopped) return void (await started.stop()); // the page let go while it was starting
    session = started;
    started.setView(view);
    const follow = <T>(from: Observable<T>, to: ObservableValue<T>): (() => void) => {
      to.set(from.get());
      return from.subscribe((v) => {
        to.set(v);
        broadcast();
      });
    };
    unsubscribe = [follow(started.status, status), follow(started.peers, peers), follow(started.activity, activity)];
  }

  async function endSession(end: (s: SyncSession) => Promise<void>): Promise<void> {
    const s = session;
    if (!s) return;
    for (const u of unsubscribe) u();
    unsubscribe = [];
    session = undefined;
    await end(s);
    peers.set([]);
  }

  // Every tab competes for the lock; the winner runs the session until it closes or stops.
  void acquireWebLock(`orchard-sync-tab-${ws.store.db.name}`).then((release) => {
    if (stopped) return release();
    releaseLock = release;
    leader = true;
    void serially(reconcile);
  });
  const firstConfig = reloadConfig();
  void firstConfig.then(() => tabs.post({ kind: 'hello' }));

  const announceView = (): void => {
    if (view !== null && !leader) tabs.post({ kind: 'view', path: view });
  };
  // The tab in front is the one whose view counts.
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') announceView();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);

  const afterConfigChange = async (): Promise<void> => {
    await reloadConfig();
    tabs.post({ kind: 'config' });
  };

  return {
    status,
    peers,
    activity,
    config,
    setView(path) {
      view = path;
      if (leader) session?.setView(path);
      else announceView();
    },
    async fetchArtifact(runId, path, onProgress) {
      await firstConfig; // a page opened on an artifact asks before the configuration was read
      if (!isActive(config.get())) throw new ArtifactFetchError('not-syncing', NOT_SYNCING_MESSAGE);
      return leader ? fetchHere(runId, path, onProgress) : requests.request(runId, path, onProgress);
    },
    async share(relayUrl) {
      await shareWorkspace(ws.store, relayUrl);
      await afterConfigChange();
    },
    async leave() {
      if (leader && session) await serially(() => endSession((s) => s.leave()));
      else await leaveWorkspace(ws.store);
      await afterConfigChange();
    },
    async stop() {
      stopped = true;
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
      await serially(() => endSession((s) => s.stop()));
      requests.close();
      tabs.close();
      releaseLock?.();
    },
  };
}
