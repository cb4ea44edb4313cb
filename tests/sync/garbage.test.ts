// A peer that sends garbage (wrong types, huge strings, NaN, impossible names, lying chunks) gets
// it ignored: nothing bad is stored, nothing crashes, valid data around it still arrives, and the
// replicator keeps working.
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { afterEach, expect, test } from 'vitest';
import { runDocName } from '../../src/domain/sync/doc-names';
import { encodeHlc } from '../../src/domain/sync/hlc';
import { encodeMetricChunk, sha256Hex } from '../../src/domain/sync/metric-chunk';
import { refKey, refOf } from '../../src/domain/sync/metric-ref';
import { Network, newWorkspaceId, openPeer, type Peer } from './harness';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

const EVIL = 'e0e0e0e0e0e0e0e0';
const stamp = (offset = 0): string => encodeHlc({ wall: Date.now() + offset, counter: 0, peer: EVIL });
const by = { peer: EVIL, user: 'mallory' };
const slot = (f: Record<string, unknown>, offset = 0) => ({ f: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, [v, stamp(offset)]])), by });

const RUN_OK = 'a1'.repeat(16);
const RUN_BAD = 'b2'.repeat(16);
/** a valid run of shard c, written into shard a */
const RUN_ELSEWHERE = 'c3'.repeat(16);

function validRun(experimentId: string): Record<string, unknown> {
  return {
    runName: 'fine',
    experimentId,
    userId: 'mallory',
    status: 'RUNNING',
    startTime: 5,
    endTime: null,
    artifactUri: 'mlflow-artifacts:/0/x/artifacts',
    lifecycleStage: 'active',
    deletedTime: null,
  };
}

/** Applies what a hostile peer wrote into `doc` as a remote update. */
function inject(doc: Y.Doc, write: (evil: Y.Doc) => void): void {
  const evil = new Y.Doc();
  write(evil);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(evil), 'hostile-peer');
}

test('garbage entities and fields are ignored; valid ones around them are stored', async () => {
  const w = newWorkspaceId();
  const b: Peer = await openPeer(w, 1);
  net = new Network([b]);
  const root = b.rep.docs.get(w) as Y.Doc;
  inject(root, (evil) => {
    const m = evil.getMap('experiments');
    m.set(`111|${EVIL}`, slot({ name: 42, artifactLocation: 'x', lifecycleStage: 'active', creationTime: 1, lastUpdateTime: 1 }));
    m.set(`../../x|${EVIL}`, slot({ name: 'evil', artifactLocation: 'x', lifecycleStage: 'active', creationTime: 1, lastUpdateTime: 1 }));
    m.set(`222|${EVIL}`, slot({ name: 'x'.repeat(10_000), artifactLocation: 'x', lifecycleStage: 'active', creationTime: 1, lastUpdateTime: 1 }));
    m.set(`333|${EVIL}`, slot({ name: 'nan-time', artifactLocation: 'x', lifecycleStage: 'active', creationTime: Number.NaN, lastUpdateTime: 1 }));
    m.set(`444|${EVIL}`, 'not a slot');
    m.set(`555|${EVIL}`, { f: 'nope', by });
    m.set('no-separator', slot({ name: 'ghost' }));
    m.set(`666|${EVIL}`, slot({ name: 'good-one', artifactLocation: 'mlflow-artifacts:/666', lifecycleStage: 'active', creationTime: 1, lastUpdateTime: 2, 'tag:ok': 'yes', 'tag:bad key!': 'no', 'tag:big': 'y'.repeat(9000) }));
  });
  await b.rep.idle();
  await new Promise((r) => setTimeout(r, 0));
  await b.rep.idle();
  const exps = await b.ws.store.db.experiments.toArray();
  expect(exps.map((e) => e.experimentId).sort()).toEqual(['0', '666']);
  expect(exps.find((e) => e.experimentId === '666')?.tags).toEqual({ ok: 'yes' });

  const home = b.rep.docs.get(runDocName(w, RUN_OK)) as Y.Doc;
  expect(home).toBeDefined();
  inject(home, (evil) => {
    const runs = evil.getMap('runs');
    runs.set(`${RUN_ELSEWHERE}|${EVIL}`, slot(validRun('0')));
    evil.getMap('artifacts').set(`${RUN_ELSEWHERE}/stray.txt|${EVIL}`, slot({ sha256: 'c'.repeat(64), size: 3, at: 1 }));
    runs.set(`${RUN_OK}|${EVIL}`, slot({ ...validRun('0'), 'tag:good': 'kept', 'tag:bad key!': 'x', 'param:p': 'q'.repeat(7000), 'param:fine': 'v', 'input:garbage': { dataset: 5 } }));
    // a later write with a garbage status must not hide the valid one
    runs.set(`${RUN_OK}|f1f1f1f1f1f1f1f1`, { f: { status: ['BOGUS', stamp(1000)], startTime: [Number.NaN, stamp(1000)] }, by: { peer: 'f1f1f1f1f1f1f1f1', user: 'x' } });
    runs.set(`${RUN_BAD}|${EVIL}`, slot({ ...validRun('../../evil'), status: 'RUNNING' }));
    runs.set(`not-a-run-id!|${EVIL}`, slot(validRun('0')));
    const refs = evil.getMap('metricRefs');
    refs.set(`${RUN_OK}|${'0'.repeat(64)}`, { run: RUN_OK, hash: '0'.repeat(64), bytes: -1, count: 'many', hlc: 'x', keys: {} });
    refs.set('garbage', [1, 2, 3]);
    const artifacts = evil.getMap('artifacts');
    artifacts.set(`${RUN_OK}/../../etc/passwd|${EVIL}`, slot({ sha256: 'a'.repeat(64), size: 1, at: 1 }));
    artifacts.set(`${RUN_OK}/ok.txt|${EVIL}`, slot({ sha256: 'not-a-hash', size: -1, at: 1 }));
    artifacts.set(`${RUN_OK}/fine.txt|${EVIL}`, slot({ sha256: 'c'.repeat(64), size: 3, at: 1 }));
  });
  await b.rep.idle();
  const run = await b.client.getRun(RUN_OK);
  expect(run.info.status).toBe('RUNNING');
  expect(run.info.startTime).toBe(5);
  expect(run.data.tags).toEqual({ good: 'kept' });
  expect(run.data.params).toEqual({ fine: 'v' });
  expect(run.inputs.datasetInputs).toEqual([]);
  expect(await b.ws.store.db.runs.get(RUN_BAD)).toBeUndefined();
  expect(await b.ws.store.db.runs.get(RUN_ELSEWHERE)).toBeUndefined(); // read from its own shard only
  expect(b.rep.problems().join('\n')).toMatch(/another run's shard document/);
  expect(await b.ws.store.db.runs.count()).toBe(1);
  expect((await b.ws.store.db.artifacts.toArray()).map((a) => a.path)).toEqual(['fine.txt']);
  expect(b.rep.problems().length).toBeGreaterThan(0);

  // and the replicator still works
  await b.client.setTag(RUN_OK, 'still', 'working');
  await b.rep.drain();
  const mine = [...home.getMap('runs').keys()].find((k) => k.endsWith(`|${b.id}`));
  expect(mine).toBe(`${RUN_OK}|${b.id}`);
  // Merging every slot into ours kept the valid status and start time, not the garbage stamped
  // above them (the other slots are gone now, so a garbage copy would have lost them for good).
  expect([...home.getMap('runs').keys()].filter((k) => k.startsWith(RUN_OK))).toEqual([mine]);
  const merged = home.getMap('runs').get(mine as string) as { f: Record<string, [unknown, string]> };
  expect(merged.f.status?.[0]).toBe('RUNNING');
  expect(merged.f.startTime?.[0]).toBe(5);
  await b.rep.idle();
  const after = await b.client.getRun(RUN_OK);
  expect(after.info.status).toBe('RUNNING');
  expect(after.info.startTime).toBe(5);
  expect(after.data.tags).toEqual({ good: 'kept', still: 'working' });
});

test('a chunk whose bytes do not match its ref is never applied', async () => {
  const w = newWorkspaceId();
  const b: Peer = await openPeer(w, 1);
  net = new Network([b]);
  const home = b.rep.docs.get(runDocName(w, RUN_OK)) as Y.Doc;
  const hlc = stamp();
  const honest = { run: RUN_OK, hlc, keys: [{ key: 'loss', steps: Float64Array.from([1]), timestamps: Float64Array.from([2]), values: Float64Array.from([3]) }] };
  const lying = { ...honest, keys: [{ ...honest.keys[0]!, values: Float64Array.from([999]) }] };
  const bytes = encodeMetricChunk(lying);
  const hash = await sha256Hex(bytes);
  const corruptHash = 'd'.repeat(64);
  inject(home, (evil) => {
    evil.getMap('runs').set(`${RUN_OK}|${EVIL}`, slot(validRun('0')));
    const refs = evil.getMap('metricRefs');
    refs.set(refKey(RUN_OK, hash), refOf(honest, hash, bytes.length)); // says value 3, bytes say 999
    refs.set(refKey(RUN_OK, corruptHash), refOf(honest, corruptHash, 10)); // bytes will not hash to the name
  });
  await b.rep.idle();
  expect(b.rep.wantedBlobs().sort()).toEqual([corruptHash, hash].sort());
  // the relay hands over bytes; summaries come from the refs, history only from verified chunks
  await b.ws.store.db.blobs.put({ sha256: hash, size: bytes.length, data: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  await b.ws.store.db.blobs.put({ sha256: corruptHash, size: 3, data: new Blob([new Uint8Array([1, 2, 3])]) });
  await b.rep.blobArrived(hash);
  await b.rep.blobArrived(corruptHash);
  expect(await b.client.getMetricHistory(RUN_OK, 'loss')).toEqual([]);
  expect(b.rep.wantedBlobs()).toEqual([]);
  expect(b.rep.problems().join('\n')).toMatch(/does not match its reference/);
  expect(b.rep.problems().join('\n')).toMatch(/failed verification/);
  expect((await b.client.getRun(RUN_OK)).data.metrics).toEqual({ loss: 3 });
});
