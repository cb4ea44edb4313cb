// Issue #6 sync performance (`npm run bench -- sync`; `-- sync-peers` runs only a+b, `-- sync-join`
// only c+d; about 3 + 10 minutes on 2 cores), against a REAL relay process (run-bench.mjs starts
// it, see bench-relay.mjs) and Orchard peers each in its own worker with its own IndexedDB
// database and the full sync session with production timings (only disableBc set, so peers meet
// only through the relay):
//   a) three peers; peer 1 logs 1,000 runs' metadata and 100,000 metric points: time until all
//      three peers' Dexie tables hold everything (polled from this page on the peers' databases);
//   b) relay bytes in per metric point (its /metrics counter; blob bytes from its data dir);
//   c) relay memory per loaded document of a 10,000-run workspace (heap/RSS gauges, forced GC);
//   d) a new peer joining the 10,000-run workspace: time until its tables hold all runs.
// Baselines ("the raw library doing the same work"): bare y-websocket clients with plain Y.Docs
// holding the same content, through the same relay, in the same run; for bytes per point the
// encoded size (Y.encodeStateAsUpdate) of a doc holding the points as individual Y.Array entries.
// Nothing here depends on sync document names: everything is read from tables, totals and gauges.
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import { RelayHttp } from '../../src/sync/transport/relay-http';
import type { SyncStatus } from '../../src/sync/sync-status';
import { vsBaseline, type Benchmark, type BenchResult } from './harness';
import { A_RUNS, BIG_METRICS, BIG_RUNS, bigRun, METRIC_RUNS, POINTS, runMeta } from './sync-bench-data';
import type { PeerApi } from './sync-peer.worker';

type Metrics = Record<string, number>;
interface Disk {
  blobs: { bytes: number; files: number };
  docs: { bytes: number; files: number };
}

declare global {
  interface Window {
    /** exposed by run-bench.mjs when a sync benchmark runs */
    benchRelay?: ((op: 'info') => Promise<{ url: string }>) & ((op: 'metrics', gc?: boolean) => Promise<Metrics>) & ((op: 'disk', workspace?: string) => Promise<Disk>);
  }
}

const relayCall = (): NonNullable<Window['benchRelay']> => {
  if (!window.benchRelay) throw new Error('no relay: run through `npm run bench -- sync` (run-bench.mjs starts one)');
  return window.benchRelay;
};
const metrics = (gc = false): Promise<Metrics> => relayCall()('metrics', gc);
const disk = (workspace?: string): Promise<Disk> => relayCall()('disk', workspace);
const BYTES_IN = 'orchard_relay_bytes_in_total';
const BYTES_OUT = 'orchard_relay_bytes_out_total';
const DOCS_LOADED = 'orchard_relay_docs_loaded';
const HEAP = 'nodejs_heap_size_used_bytes';
const RSS = 'process_resident_memory_bytes';
const EXTERNAL = 'nodejs_external_memory_bytes';
const MB = 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function withTimeout<T>(what: string, p: Promise<T>, ms: number, detail?: () => Promise<string>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, fail) => {
        timer = setTimeout(async () => fail(new Error(`timed out after ${ms / 1000} s waiting for ${what}${detail ? ` (${await Promise.race([detail().catch(String), sleep(5000).then(() => 'the worker does not answer')])})` : ''}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- peers (workers) --------------------------------------------------------------------------

interface Peer {
  label: string;
  api: Comlink.Remote<PeerApi>;
  worker: Worker;
  dbName?: string;
  /** this page's own connection to the peer's database, for polling its tables */
  db?: Dexie;
}

const stamp = Date.now().toString(36);
const live: Peer[] = [];

/** A worker's uncaught error, or a call that takes far longer than any scenario should, fails the
 * benchmark with a message naming the peer and the call instead of hanging the run. */
function guarded(label: string, worker: Worker, remote: Comlink.Remote<PeerApi>): Comlink.Remote<PeerApi> {
  let crashed: string | undefined;
  const crashListeners = new Set<(why: string) => void>();
  const crash = (why: string) => {
    crashed ??= why;
    for (const l of crashListeners) l(why);
  };
  worker.addEventListener('error', (e) => crash(`worker error: ${e.message || 'script failed to load'} ${e.filename ?? ''}:${e.lineno ?? ''}`));
  worker.addEventListener('message', (e: MessageEvent) => {
    const text = (e.data as { benchWorkerError?: string } | null)?.benchWorkerError;
    if (text) console.error(`[${label}] ${text}`);
  });
  worker.addEventListener('messageerror', () => crash('worker message could not be deserialized'));
  return new Proxy(remote, {
    get(target, prop) {
      const fn = (target as unknown as Record<string | symbol, unknown>)[prop];
      if (typeof prop !== 'string' || typeof fn !== 'function') return fn;
      return (...args: unknown[]) =>
        new Promise((ok, fail) => {
          if (crashed) return fail(new Error(`${label}.${prop}: ${crashed}`));
          const onCrash = (why: string) => fail(new Error(`${label}.${prop}: ${why}`));
          crashListeners.add(onCrash);
          const timer = setTimeout(() => fail(new Error(`${label}.${prop}() did not answer within ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS);
          (fn as (...a: unknown[]) => Promise<unknown>)(...args).then(ok, fail).finally(() => {
            clearTimeout(timer);
            crashListeners.delete(onCrash);
          });
        });
    },
  }) as Comlink.Remote<PeerApi>;
}
const CALL_TIMEOUT_MS = 20 * 60_000;

/**
 * A worker peer that answered a ping. After a peer that held a 10,000-run workspace is
 * terminated, Chromium sometimes fails to start the next worker ("error" event, nothing ran);
 * it is started again after a pause (each retry is logged).
 */
async function spawnPeer(label: string): Promise<Peer> {
  for (let attempt = 1; ; attempt++) {
    const worker = new Worker(new URL('./sync-peer.worker.ts', import.meta.url), { type: 'module', name: `sync-peer-${label}` });
    const p: Peer = { label, worker, api: guarded(label, worker, Comlink.wrap<PeerApi>(worker)) };
    try {
      await withTimeout(`${label} to start`, p.api.ping(), 30_000);
      live.push(p);
      return p;
    } catch (e) {
      worker.terminate();
      if (attempt >= 5) throw e;
      console.error(`sync bench: worker ${label} did not start (attempt ${attempt}: ${(e as Error).message}); retrying in 5 s`);
      await sleep(5_000);
    }
  }
}

async function openOrchardPeer(label: string): Promise<Peer> {
  const p = await spawnPeer(label);
  p.dbName = await p.api.open(`bench-sync-${label}-${stamp}`);
  p.db = new Dexie(p.dbName); // dynamic mode: opens the peer's database as it is
  await p.db.open();
  return p;
}

async function closePeer(p: Peer): Promise<void> {
  const i = live.indexOf(p);
  if (i >= 0) live.splice(i, 1);
  const closed = p.api.close().then(() => true, () => false);
  if (!(await Promise.race([closed, sleep(60_000).then(() => false)]))) console.error(`sync bench: ${p.label} did not close within 60 s; terminating its worker`);
  p.worker.terminate();
  p.db?.close();
  if (p.dbName) await Dexie.delete(p.dbName).catch(() => undefined);
}

async function status(p: Peer): Promise<SyncStatus | undefined> {
  return p.api.status();
}

/** Waits until the peer's session says everything it has is stored on the relay. */
async function untilSynced(p: Peer, timeoutMs: number): Promise<void> {
  await p.api.flushed();
  try {
    await waitFor(`${p.label} synced`, async () => (await status(p))?.synced === true, timeoutMs, 50);
  } catch (e) {
    throw new Error(`${(e as Error).message}: ${JSON.stringify(await status(p))} ${(await p.api.problems()).join(' | ')}`);
  }
}

async function untilConnected(p: Peer): Promise<void> {
  try {
    await waitFor(`${p.label} connected`, async () => {
      const s = await status(p);
      return s?.state === 'connected' && s.synced;
    }, 30_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}: ${JSON.stringify(await status(p))} ${(await p.api.problems()).join(' | ')}`);
  }
}

// ---- what a peer's tables hold ----------------------------------------------------------------

interface RunRowLike {
  runId: string;
  info: { runName: string; status: string; experimentId: string };
  data: { params: Record<string, string>; tags: Record<string, string>; metrics: Record<string, number> };
}

async function experimentId(db: Dexie, name: string): Promise<string | undefined> {
  const e = (await db.table('experiments').where('name').equals(name).first()) as { experimentId: string } | undefined;
  return e?.experimentId;
}

async function pointsOf(db: Dexie, runIds: string[]): Promise<number> {
  let n = 0;
  await db.table('metricChunks').where('runId').anyOf(runIds).each((c: { count: number }) => void (n += c.count));
  return n;
}

/** Scenario a's check on one peer, staged (runs never disappear once complete). */
function scenarioAChecker(db: Dexie, experimentName: string): () => Promise<boolean> {
  let metricRunIds: string[] | undefined;
  return async () => {
    if (!metricRunIds) {
      const exp = await experimentId(db, experimentName);
      if (exp === undefined) return false;
      const runs = db.table('runs').where('info.experimentId').equals(exp);
      if ((await runs.count()) < A_RUNS) return false;
      const rows = (await runs.toArray()) as RunRowLike[];
      const ids: string[] = [];
      for (const r of rows) {
        const i = Number(r.info.runName.slice('run-'.length));
        const m = runMeta(i);
        if (r.info.status !== 'FINISHED') return false;
        for (const [k, v] of Object.entries(m.params)) if (r.data.params[k] !== v) return false;
        for (const [k, v] of Object.entries(m.tags)) if (r.data.tags[k] !== v) return false;
        if (i < METRIC_RUNS) ids.push(r.runId);
      }
      if (ids.length !== METRIC_RUNS) return false;
      metricRunIds = ids;
    }
    return (await pointsOf(db, metricRunIds)) === POINTS;
  };
}

/** Scenario d's check: all 10,000 runs with their params, tags and latest metrics. */
function bigRunsChecker(db: Dexie): () => Promise<boolean> {
  return async () => {
    if ((await db.table('runs').count()) < BIG_RUNS) return false;
    const rows = (await db.table('runs').toArray()) as RunRowLike[];
    let complete = 0;
    for (const r of rows) {
      if (!r.info.runName.startsWith('run-')) continue;
      const m = bigRun(Number(r.info.runName.slice(4)));
      if (r.info.status !== 'FINISHED') return false;
      for (const [k, v] of Object.entries(m.params)) if (r.data.params[k] !== v) return false;
      for (const [k, v] of Object.entries(m.tags)) if (r.data.tags[k] !== v) return false;
      for (const x of m.metrics) if (r.data.metrics[x.key] !== x.value) return false;
      complete++;
    }
    return complete === BIG_RUNS;
  };
}

/** Polls `checks` (label -> check) every `everyMs` from now; resolves with each one's ms until true. */
async function timeUntilAll(checks: Record<string, () => Promise<boolean>>, t0: number, timeoutMs: number, everyMs = 100): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  const pending = new Set(Object.keys(checks));
  const deadline = t0 + timeoutMs;
  while (pending.size > 0) {
    for (const label of [...pending]) {
      if (await checks[label]!()) {
        done[label] = performance.now() - t0;
        pending.delete(label);
      }
    }
    if (pending.size === 0) break;
    if (performance.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${[...pending].join(', ')}`);
    await sleep(everyMs);
  }
  return done;
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const fmtMB = (b: number) => `${(b / MB).toFixed(1)} MB`;

// ---- scenarios ----------------------------------------------------------------------------------

interface ScenarioAB {
  results: BenchResult[];
}

async function scenariosAB(relayUrl: string): Promise<ScenarioAB> {
  const http = new RelayHttp(relayUrl);

  // --- raw baseline: three bare y-websocket clients, same content, same relay ---
  const rawRoom = await http.createRoom();
  const raw = [await spawnPeer('raw-a1'), await spawnPeer('raw-a2'), await spawnPeer('raw-a3')];
  for (const r of [raw[1]!, raw[2]!, raw[0]!]) await withTimeout(`${r.label} to connect`, r.api.rawConnect(relayUrl, rawRoom.workspace, rawRoom.token), 60_000, () => r.api.rawState());
  let t0 = performance.now();
  const rawWriteMs = await raw[0]!.api.rawWriteA();
  const rawWritten = performance.now() - t0;
  const rawDone = await timeUntilAll(
    Object.fromEntries(raw.slice(1).map((r) => [r.label, async () => {
      const c = await r.api.rawCounts();
      return c.runs === A_RUNS && c.points === POINTS;
    }])),
    t0,
    300_000,
  );
  const rawA = Math.max(...Object.values(rawDone));
  await waitFor('raw writer stored', () => raw[0]!.api.rawStored(), 60_000);
  const rawAStored = performance.now() - t0;

  // raw b: 100,000 more points into new series; wire bytes measured at the relay
  await sleep(300);
  let m0 = await metrics();
  t0 = performance.now();
  await raw[0]!.api.rawWritePoints(METRIC_RUNS);
  const rawBDone = await timeUntilAll(
    Object.fromEntries(raw.slice(1).map((r) => [r.label, async () => (await r.api.rawCounts()).points === 2 * POINTS])),
    t0,
    300_000,
  );
  const rawB = Math.max(...Object.values(rawBDone));
  await waitFor('raw writer stored', () => raw[0]!.api.rawStored(), 60_000);
  await sleep(300);
  let m1 = await metrics();
  const rawWireBytes = (m1[BYTES_IN] ?? 0) - (m0[BYTES_IN] ?? 0);
  for (const r of raw) await closePeer(r);

  // encoded size of the same 100,000 points as individual entries (no relay involved)
  const sizer = await spawnPeer('raw-size');
  await sizer.api.rawLocal();
  await sizer.api.rawWritePoints(METRIC_RUNS);
  const rawArrayBytes = await sizer.api.rawUpdateBytes();
  const rawMapBytes = await sizer.api.rawMapPointsBytes(METRIC_RUNS);
  await closePeer(sizer);

  // the same SDK calls in a workspace that is not shared (what sync adds on the writer)
  const alone = await openOrchardPeer('a-alone');
  const aloneLogged = await alone.api.logScenarioA('sync-bench-a');
  await closePeer(alone);

  // --- Orchard: three peers ---
  const room = await http.createRoom();
  const peers = [await openOrchardPeer('a1'), await openOrchardPeer('a2'), await openOrchardPeer('a3')];
  for (const [i, p] of peers.entries()) await p.api.start({ relayUrl, workspaceId: room.workspace, token: room.token, user: `peer ${i + 1}` });
  for (const p of peers) await untilConnected(p);
  const [p1, p2, p3] = peers as [Peer, Peer, Peer];

  const mA0 = await metrics();
  t0 = performance.now();
  let loggedAt = 0;
  const logging = p1.api.logScenarioA('sync-bench-a').then((r) => {
    loggedAt = performance.now() - t0;
    return r;
  });
  const done = await timeUntilAll({ 'peer 2': scenarioAChecker(p2.db!, 'sync-bench-a'), 'peer 3': scenarioAChecker(p3.db!, 'sync-bench-a') }, t0, 600_000);
  const logged = await logging;
  await untilSynced(p1, 120_000);
  const storedAt = performance.now() - t0;
  const orchardA = Math.max(...Object.values(done), loggedAt);
  const mA1 = await metrics();
  const aBytesIn = (mA1[BYTES_IN] ?? 0) - (mA0[BYTES_IN] ?? 0);

  // --- b: 100,000 points into 10 runs that every peer already has ---
  const ids = await p1.api.createRuns(logged.experimentId, METRIC_RUNS, A_RUNS);
  await waitFor('the new runs everywhere', async () => {
    for (const p of [p2, p3]) if ((await p.db!.table('runs').where('info.experimentId').equals(logged.experimentId).count()) < A_RUNS + METRIC_RUNS) return false;
    return true;
  }, 60_000);
  await untilSynced(p1, 60_000);
  await sleep(500);
  m0 = await metrics();
  const d0 = await disk(room.workspace);
  t0 = performance.now();
  const bLogMs = await p1.api.logPoints(ids, A_RUNS);
  const bDone = await timeUntilAll({ 'peer 2': async () => (await pointsOf(p2.db!, ids)) === POINTS, 'peer 3': async () => (await pointsOf(p3.db!, ids)) === POINTS }, t0, 300_000);
  const orchardB = Math.max(...Object.values(bDone));
  await untilSynced(p1, 60_000);
  await sleep(500);
  m1 = await metrics();
  const d1 = await disk(room.workspace);
  const bytesIn = (m1[BYTES_IN] ?? 0) - (m0[BYTES_IN] ?? 0);
  const bytesOut = (m1[BYTES_OUT] ?? 0) - (m0[BYTES_OUT] ?? 0);
  const blobBytes = d1.blobs.bytes - d0.blobs.bytes;
  const blobFiles = d1.blobs.files - d0.blobs.files;
  const problems = (await Promise.all(peers.map((p) => p.api.problems()))).flat();
  for (const p of peers) await closePeer(p);

  const perPoint = bytesIn / POINTS;
  return {
    results: [
      {
        ...vsBaseline({ name: 'a) 3 peers: peer 1 logs 1,000 runs (10 params, 10 tags) + 100,000 points; until all 3 peers\' tables have everything', value: orchardA, baseline: rawA, unit: 'ms' }),
        notes: `peer 1's own logging took ${fmtMs(logged.metaMs + logged.pointsMs)} (runs ${fmtMs(logged.metaMs)}, points ${fmtMs(logged.pointsMs)}); peer 2 ${fmtMs(done['peer 2']!)}, peer 3 ${fmtMs(done['peer 3']!)}; peer 1 all stored on relay at ${fmtMs(storedAt)}; relay bytes in ${fmtMB(aBytesIn)}. Baseline: 3 bare y-websocket clients, same runs as Y.Map entries (1 transaction per run) + points as Y.Array entries (1 transaction per step), written in ${fmtMs(rawWriteMs)}, stored at ${fmtMs(rawAStored)}`,
      },
      {
        ...vsBaseline({ name: 'a) peer 1\'s SDK calls for that work (sync on vs a workspace not shared)', value: logged.metaMs + logged.pointsMs, baseline: aloneLogged.metaMs + aloneLogged.pointsMs, unit: 'ms' }),
        notes: `runs ${fmtMs(logged.metaMs)} vs ${fmtMs(aloneLogged.metaMs)} unshared (3 calls per run); points ${fmtMs(logged.pointsMs)} vs ${fmtMs(aloneLogged.pointsMs)}; unshared measured alone, shared while 2 peers and the relay work on the same 2 cores`,
      },
      {
        ...vsBaseline({ name: 'a) ... of which after peer 1\'s logging calls returned (propagation)', value: Math.max(0, orchardA - loggedAt), baseline: Math.max(0, rawA - rawWritten), unit: 'ms' }),
        notes: 'baseline: the bare clients\' tail after the writer\'s last transaction',
      },
      {
        ...vsBaseline({ name: 'b) relay bytes in per metric point (websocket frames + blob uploads)', value: perPoint, baseline: rawArrayBytes / POINTS, unit: 'B/point' }),
        notes: `100,000 points into 10 existing runs; ${blobFiles} chunk blobs = ${(blobBytes / POINTS).toFixed(2)} B/point, websocket ${((bytesIn - blobBytes) / POINTS).toFixed(2)} B/point; relay bytes out ${(bytesOut / POINTS / 2).toFixed(2)} B/point per receiving peer. Baseline: Y.encodeStateAsUpdate of a doc holding the points as Y.Array entries [step, timestamp, value] (as Y.Map entries: ${(rawMapBytes / POINTS).toFixed(2)} B/point); bare y-websocket writer on the wire: ${(rawWireBytes / POINTS).toFixed(2)} B/point`,
      },
      {
        ...vsBaseline({ name: 'b) 100,000 points into 10 existing runs: until both other peers\' tables have them', value: orchardB, baseline: rawB, unit: 'ms' }),
        notes: `logging ${fmtMs(bLogMs)}; includes the replicator's seal window (<= 2 s, runs not ended); baseline: bare clients, 1 transaction per step${problems.length ? `; sync problems: ${problems.slice(0, 3).join(' | ')}` : ''}`,
      },
    ],
  };
}

async function scenariosCD(relayUrl: string): Promise<BenchResult[]> {
  const http = new RelayHttp(relayUrl);
  await waitFor('the relay to unload the earlier documents', async () => (await metrics())[DOCS_LOADED] === 0, 60_000, 200);

  // --- prepare: peer 1 logs the 10,000-run workspace through a running session ---
  const room = await http.createRoom();
  const writer = await openOrchardPeer('big-writer');
  await writer.api.start({ relayUrl, workspaceId: room.workspace, token: room.token, user: 'writer' });
  await untilConnected(writer);
  let t0 = performance.now();
  const populated = await writer.api.populateBig();
  const populatedAt = performance.now() - t0;
  await untilSynced(writer, 900_000);
  const prepMs = performance.now() - t0;
  await closePeer(writer);

  // the same content in one plain Y.Doc, uploaded by a bare client
  const rawRoom = await http.createRoom();
  const rawWriter = await spawnPeer('raw-big-writer');
  await withTimeout('the bare writer to connect', rawWriter.api.rawConnect(relayUrl, rawRoom.workspace, rawRoom.token), 60_000, () => rawWriter.api.rawState());
  t0 = performance.now();
  await rawWriter.api.rawWriteBig();
  await waitFor('raw 10k doc stored', () => rawWriter.api.rawStored(), 120_000, 100);
  const rawPrepMs = performance.now() - t0;
  const rawDocBytes = await rawWriter.api.rawUpdateBytes();
  await closePeer(rawWriter);
  await waitFor('the relay to unload the prepared documents', async () => (await metrics())[DOCS_LOADED] === 0, 60_000, 200);

  // --- raw baseline: a fresh bare client syncs the doc (cold: the relay loads it from disk) ---
  const rawMem0 = await metrics(true);
  const rawFresh = await spawnPeer('raw-big-fresh');
  const rawSyncMs = await withTimeout('the fresh bare client to sync', rawFresh.api.rawConnect(relayUrl, rawRoom.workspace, rawRoom.token), 120_000, () => rawFresh.api.rawState());
  const rawCount = (await rawFresh.api.rawCounts()).runs;
  if (rawCount !== BIG_RUNS) throw new Error(`the bare client got ${rawCount} runs`);
  await sleep(500);
  const rawMem1 = await metrics(true);
  await closePeer(rawFresh);
  await waitFor('the relay to unload the raw document', async () => (await metrics())[DOCS_LOADED] === 0, 60_000, 200);

  // --- d: a fresh Orchard peer joins ---
  const mem0 = await metrics(true);
  const fresh = await openOrchardPeer('big-fresh');
  t0 = performance.now();
  await fresh.api.start({ relayUrl, workspaceId: room.workspace, token: room.token, user: 'newcomer' });
  const startedAt = performance.now() - t0;
  const freshDb = fresh.db!;
  const freshDone = await timeUntilAll({ runs: bigRunsChecker(freshDb) }, t0, 300_000, 100);
  const memRuns = await metrics();
  Object.assign(
    freshDone,
    await timeUntilAll(
      { history: async () => (await freshDb.table('metricChunks').count()) >= BIG_RUNS * BIG_METRICS.length && (await pointsOfAll(freshDb)) === BIG_RUNS * BIG_METRICS.length },
      t0,
      900_000,
      250,
    ),
  );
  await untilSynced(fresh, 300_000);
  const syncedAt = performance.now() - t0;
  await sleep(500);
  const mem1 = await metrics(true);
  const docsLoaded = mem1[DOCS_LOADED] ?? 0;
  const stored = await disk(room.workspace);
  const rawStoredDisk = await disk(rawRoom.workspace);
  const problems = await fresh.api.problems();
  await closePeer(fresh);

  const heap = (mem1[HEAP] ?? 0) - (mem0[HEAP] ?? 0);
  const rss = (mem1[RSS] ?? 0) - (mem0[RSS] ?? 0);
  const ext = (mem1[EXTERNAL] ?? 0) - (mem0[EXTERNAL] ?? 0);
  const rawHeap = (rawMem1[HEAP] ?? 0) - (rawMem0[HEAP] ?? 0);
  const rawRss = (rawMem1[RSS] ?? 0) - (rawMem0[RSS] ?? 0);
  const rawExt = (rawMem1[EXTERNAL] ?? 0) - (rawMem0[EXTERNAL] ?? 0);
  const n = Math.max(1, docsLoaded);
  return [
    {
      name: 'c) relay heap per loaded document (10,000-run workspace)',
      value: heap / n / MB,
      unit: 'MB',
      notes: `${docsLoaded} documents loaded for the workspace; per document RSS +${(rss / n / MB).toFixed(2)} MB, external +${(ext / n / MB).toFixed(2)} MB (after forced GC, before/after the new peer loaded them)`,
    },
    {
      ...vsBaseline({ name: 'c) relay heap for the whole 10,000-run workspace loaded', value: heap / MB, baseline: rawHeap / MB, unit: 'MB' }),
      notes: `RSS +${fmtMB(rss)} (baseline +${fmtMB(rawRss)}), external +${fmtMB(ext)} (baseline +${fmtMB(rawExt)}); on disk ${fmtMB(stored.docs.bytes)} in ${stored.docs.files} logs + ${stored.blobs.files} blobs ${fmtMB(stored.blobs.bytes)}; baseline: one plain Y.Doc with the same runs as Y.Map entries (${fmtMB(rawDocBytes)} encoded, ${fmtMB(rawStoredDisk.docs.bytes)} on disk)`,
    },
    {
      ...vsBaseline({ name: 'd) new peer joins a 10,000-run workspace: until its tables have all runs (params, tags, latest metrics)', value: freshDone.runs!, baseline: rawSyncMs, unit: 'ms', target: 10_000 }),
      notes: `session start ${fmtMs(startedAt)}; relay sent ${fmtMB((memRuns[BYTES_OUT] ?? 0) - (mem0[BYTES_OUT] ?? 0))} by then (baseline ${fmtMB((rawMem1[BYTES_OUT] ?? 0) - (rawMem0[BYTES_OUT] ?? 0))}); baseline: a bare y-websocket client syncing a Y.Doc with the same runs from the same relay (time to 'synced', relay loading it from disk as for the peer)`,
    },
    {
      name: 'd) ... until its tables also have every run\'s metric history (10,000 chunks fetched as blobs)',
      value: freshDone.history!,
      unit: 'ms',
      notes: `session "synced" at ${fmtMs(syncedAt)}${problems.length ? `; sync problems: ${problems.slice(0, 3).join(' | ')}` : ''}`,
    },
    {
      ...vsBaseline({ name: 'd) prepare: peer 1 logs 10,000 runs with the session running, until all stored on the relay', value: prepMs, baseline: rawPrepMs, unit: 'ms' }),
      notes: `SDK calls (createRun with tags, logBatch of 10 params + 3 metrics, setTerminated; 8 runs in flight) returned after ${fmtMs(populatedAt)} (${populated.experimentIds.length} experiments); baseline: a bare client writing the runs as Y.Map entries, 500 per transaction, until stored`,
    },
  ];
}

async function pointsOfAll(db: Dexie): Promise<number> {
  let n = 0;
  await db.table('metricChunks').each((c: { count: number }) => void (n += c.count));
  return n;
}

async function withPeers<T>(run: (relayUrl: string) => Promise<T>): Promise<T> {
  const { url } = await relayCall()('info');
  try {
    return await run(url);
  } finally {
    for (const p of [...live]) await closePeer(p);
  }
}

/** a) and b): `npm run bench -- sync-peers` */
export const syncPeersBench: Benchmark = {
  name: 'sync-peers',
  run: () => withPeers(async (url) => (await scenariosAB(url)).results),
};

/** c) and d): `npm run bench -- sync-join` */
export const syncJoinBench: Benchmark = {
  name: 'sync-join',
  run: () => withPeers(scenariosCD),
};
