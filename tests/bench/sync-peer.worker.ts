// One peer of the sync benchmark (sync.bench.ts), in its own dedicated worker so that peers run on
// their own threads like separate devices: either an Orchard peer (a workspace with its own
// IndexedDB database, the full sync session with `disableBc: true`, the SDK's MlflowClient), or a
// bare y-websocket client holding a plain Y.Doc (the "raw library" baseline). Exposed over Comlink.
import * as Comlink from 'comlink';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';
import { type SyncSession, startSyncSession } from '../../src/sync/session';
import { newPeerId } from '../../src/sync/sync-config';
import type { SyncStatus } from '../../src/sync/sync-status';
import { RelayHttp } from '../../src/sync/transport/relay-http';
import { syncSocketUrl } from '../../src/sync/transport/relay-url';
import { A_RUNS, BIG_EXPERIMENTS, BIG_RUNS, bigRun, METRIC_KEYS, METRIC_RUNS, METRIC_STEPS, pointTimestamp, pointValue, runMeta } from './sync-bench-data';

export interface PeerConfig {
  relayUrl: string;
  workspaceId: string;
  token: string;
  user: string;
}

let ws: Workspace | undefined;
let client: MlflowClient | undefined;
let session: SyncSession | undefined;

let rawDoc: Y.Doc | undefined;
let rawProvider: WebsocketProvider | undefined;
let rawRelay: { url: string; token: string; room: string } | undefined;
let rawLastClose: string | undefined;

const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`${what} is not open in this worker`);
  return v;
};

/** Runs `n` tasks with at most `lanes` in flight (a few training jobs logging at once). */
async function lanes(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

const api = {
  ping(): string {
    return 'pong';
  },

  // ---- Orchard peer -----------------------------------------------------------------------------

  /** Opens (creates) the local workspace; returns its IndexedDB database name. */
  async open(name: string): Promise<string> {
    ws = await openWorkspace({ name });
    client = new MlflowClient(ws);
    return ws.store.db.name;
  },

  /** Starts the sync session with production timings; only `disableBc` differs from the app. */
  async start(c: PeerConfig): Promise<void> {
    const w = need(ws, 'workspace');
    session = await startSyncSession(w.store, { relayUrl: c.relayUrl, workspaceId: c.workspaceId, token: c.token, peerId: newPeerId(), user: { name: c.user } }, { disableBc: true });
  },

  status(): SyncStatus | undefined {
    return session?.status.get();
  },

  problems(): string[] {
    return session ? [...session.replicator.problems()] : [];
  },

  async flushed(): Promise<void> {
    await need(session, 'session').flushed();
  },

  async stopSession(): Promise<void> {
    await session?.stop();
    session = undefined;
  },

  async close(): Promise<void> {
    await session?.stop();
    session = undefined;
    await ws?.close();
    ws = undefined;
    rawProvider?.destroy();
    rawDoc?.destroy();
  },

  /**
   * Scenario a on the writing peer: 1,000 runs with 10 params and 10 tags each (createRun with
   * tags, logBatch of params, setTerminated), then 100,000 metric points into the first 10 of them
   * (10 keys x 1,000 steps, MlflowClient.logMetric queued + flush) and those 10 runs ended.
   */
  async logScenarioA(experimentName: string): Promise<{ experimentId: string; metricRunIds: string[]; metaMs: number; pointsMs: number }> {
    const c = need(client, 'client');
    const t0 = performance.now();
    const experimentId = await c.createExperiment(experimentName);
    const runIds: string[] = [];
    for (let i = 0; i < A_RUNS; i++) {
      const m = runMeta(i);
      const run = await c.createRun(experimentId, { runName: m.runName, tags: m.tags });
      await c.logBatch(run.info.runId, { params: Object.entries(m.params).map(([key, value]) => ({ key, value })) });
      if (i >= METRIC_RUNS) await c.setTerminated(run.info.runId);
      runIds.push(run.info.runId);
    }
    const t1 = performance.now();
    const metricRunIds = runIds.slice(0, METRIC_RUNS);
    await api.logPoints(metricRunIds, 0);
    for (const id of metricRunIds) await c.setTerminated(id);
    return { experimentId, metricRunIds, metaMs: t1 - t0, pointsMs: performance.now() - t1 };
  },

  /** Runs without anything logged yet (scenario b logs points into them). */
  async createRuns(experimentId: string, n: number, from: number): Promise<string[]> {
    const c = need(client, 'client');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await c.createRun(experimentId, { runName: `points-${from + i}` })).info.runId);
    return ids;
  },

  /** 10 keys x 1,000 steps into each run, step by step as a training loop logs (queued, then flushed). */
  async logPoints(runIds: string[], runOffset: number): Promise<number> {
    const c = need(client, 'client');
    const t0 = performance.now();
    for (let step = 0; step < METRIC_STEPS; step++) {
      for (let r = 0; r < runIds.length; r++) {
        const ts = pointTimestamp(runOffset + r, step);
        for (let k = 0; k < METRIC_KEYS; k++) void c.logMetric(runIds[r]!, `metric_${k}`, pointValue(runOffset + r, k, step), { step, timestamp: ts, synchronous: false });
      }
    }
    await c.flush();
    return performance.now() - t0;
  },

  /** Scenario c/d's workspace: 4 experiments, 10,000 runs (tags at creation, one logBatch of
   * params + 3 metrics, setTerminated), 8 runs in flight at a time. */
  async populateBig(): Promise<{ ms: number; experimentIds: string[] }> {
    const c = need(client, 'client');
    const t0 = performance.now();
    const experimentIds: string[] = [];
    for (let e = 0; e < BIG_EXPERIMENTS; e++) experimentIds.push(await c.createExperiment(`big-${e}`));
    await lanes(BIG_RUNS, 8, async (i) => {
      const m = bigRun(i);
      const run = await c.createRun(experimentIds[m.experiment], { runName: m.runName, tags: m.tags });
      await c.logBatch(run.info.runId, { params: Object.entries(m.params).map(([key, value]) => ({ key, value })), metrics: m.metrics });
      await c.setTerminated(run.info.runId);
    });
    return { ms: performance.now() - t0, experimentIds };
  },

  // ---- bare y-websocket client (baseline) ------------------------------------------------------

  /** Connects a plain Y.Doc to `room`; resolves with the ms until y-websocket's 'synced'. */
  rawConnect(relayUrl: string, room: string, token: string): Promise<number> {
    rawRelay = { url: relayUrl, token, room };
    const doc = new Y.Doc();
    rawDoc = doc;
    const t0 = performance.now();
    const provider = new WebsocketProvider(syncSocketUrl(relayUrl), room, doc, { params: { token }, disableBc: true });
    rawProvider = provider;
    return new Promise((ok, fail) => {
      provider.on('sync', (synced: boolean) => synced && ok(performance.now() - t0));
      provider.on('connection-close', (e: CloseEvent | null) => {
        rawLastClose = e ? `${e.code} ${e.reason}` : 'closed';
        if (e && e.code >= 4000) fail(new Error(`raw client closed: ${e.code} ${e.reason}`));
      });
      provider.on('connection-error', () => (rawLastClose = 'connection error'));
    });
  },

  /** Where a bare client's connection stands (for timeout messages). */
  rawState(): string {
    const p = rawProvider;
    return p ? `wsconnected=${p.wsconnected} wsconnecting=${p.wsconnecting} synced=${p.synced} lastClose=${rawLastClose ?? 'none'}` : 'no provider';
  },

  /** A bare doc without a connection (for sizes). */
  rawLocal(): void {
    rawDoc = new Y.Doc();
  },

  /** The same 100,000 points as one Y.Map per (run, key), entry step -> [timestamp, value], one
   * transaction per step: the encoded size of a doc holding them. */
  rawMapPointsBytes(runOffset: number): number {
    const doc = new Y.Doc();
    const series = doc.getMap<Y.Map<number[]>>('series');
    doc.transact(() => {
      for (let r = 0; r < METRIC_RUNS; r++) for (let k = 0; k < METRIC_KEYS; k++) series.set(`${runOffset + r}|${k}`, new Y.Map<number[]>());
    });
    for (let step = 0; step < METRIC_STEPS; step++) {
      doc.transact(() => {
        for (let r = 0; r < METRIC_RUNS; r++) {
          const ts = pointTimestamp(runOffset + r, step);
          for (let k = 0; k < METRIC_KEYS; k++) series.get(`${runOffset + r}|${k}`)!.set(String(step), [ts, pointValue(runOffset + r, k, step)]);
        }
      });
    }
    const bytes = Y.encodeStateAsUpdate(doc).byteLength;
    doc.destroy();
    return bytes;
  },

  rawClose(): void {
    rawProvider?.destroy();
    rawDoc?.destroy();
    rawProvider = undefined;
    rawDoc = undefined;
  },

  /** Scenario a for the bare doc: one transaction per run (metadata), then one per step (100 points). */
  rawWriteA(): number {
    const doc = need(rawDoc, 'raw doc');
    const t0 = performance.now();
    const runs = doc.getMap('runs');
    for (let i = 0; i < A_RUNS; i++) {
      const m = runMeta(i);
      doc.transact(() => runs.set(`run-${i}`, { name: m.runName, status: 'FINISHED', startTime: pointTimestamp(i, 0), params: m.params, tags: m.tags }));
    }
    api.rawWritePoints(0);
    return performance.now() - t0;
  },

  /** 10 runs x 10 keys x 1,000 steps, each point an entry [step, timestamp, value] of a Y.Array
   * per (run, key), one transaction per step. */
  rawWritePoints(runOffset: number): number {
    const doc = need(rawDoc, 'raw doc');
    const t0 = performance.now();
    const series = doc.getMap<Y.Array<number[]>>('series');
    doc.transact(() => {
      for (let r = 0; r < METRIC_RUNS; r++) for (let k = 0; k < METRIC_KEYS; k++) series.set(`${runOffset + r}|${k}`, new Y.Array<number[]>());
    });
    for (let step = 0; step < METRIC_STEPS; step++) {
      doc.transact(() => {
        for (let r = 0; r < METRIC_RUNS; r++) {
          const ts = pointTimestamp(runOffset + r, step);
          for (let k = 0; k < METRIC_KEYS; k++) series.get(`${runOffset + r}|${k}`)!.push([[step, ts, pointValue(runOffset + r, k, step)]]);
        }
      });
    }
    return performance.now() - t0;
  },

  /** What the bare doc holds: runs, and points per series-key prefix. */
  rawCounts(): { runs: number; points: number } {
    const doc = need(rawDoc, 'raw doc');
    let points = 0;
    for (const a of doc.getMap<Y.Array<number[]>>('series').values()) points += a.length;
    return { runs: doc.getMap('runs').size, points };
  },

  /** Scenario d's workspace as a plain Y.Map of run objects (info, params, tags, latest metrics),
   * 500 runs per transaction. */
  rawWriteBig(): number {
    const doc = need(rawDoc, 'raw doc');
    const t0 = performance.now();
    const runs = doc.getMap('runs');
    for (let from = 0; from < BIG_RUNS; from += 500) {
      doc.transact(() => {
        for (let i = from; i < Math.min(BIG_RUNS, from + 500); i++) {
          const m = bigRun(i);
          runs.set(i.toString(16).padStart(32, '0'), {
            experimentId: `exp-${m.experiment}`,
            name: m.runName,
            status: 'FINISHED',
            user: 'bench',
            startTime: m.metrics[0]!.timestamp,
            endTime: m.metrics[0]!.timestamp + 1000,
            lifecycleStage: 'active',
            params: m.params,
            tags: m.tags,
            metrics: Object.fromEntries(m.metrics.map((x) => [x.key, { value: x.value, step: x.step, timestamp: x.timestamp }])),
          });
        }
      });
    }
    return performance.now() - t0;
  },

  /** Whether the relay has durably stored everything this bare doc holds (GET /api/stored). */
  async rawStored(): Promise<boolean> {
    const doc = need(rawDoc, 'raw doc');
    const r = need(rawRelay, 'raw relay');
    const stored = Y.decodeStateVector(await new RelayHttp(r.url, r.token).storedStateVector(r.room));
    for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) if ((stored.get(clientId) ?? 0) < clock) return false;
    return true;
  },

  rawUpdateBytes(): number {
    return Y.encodeStateAsUpdate(need(rawDoc, 'raw doc')).byteLength;
  },
};

export type PeerApi = typeof api;

// Uncaught errors reach the page with their stack (the Worker's error event carries little).
const report = (what: string, e: unknown) => self.postMessage({ benchWorkerError: `${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
self.addEventListener('error', (e) => report('uncaught', e.error ?? e.message));
self.addEventListener('unhandledrejection', (e) => report('unhandled rejection', e.reason));

Comlink.expose(api);
