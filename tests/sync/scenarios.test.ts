// Conflict rules, scenario by scenario: offline edits on both sides, clocks that disagree, a param
// logged differently on two peers, deletes racing edits, two experiments given the same name.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { runDocName } from '../../src/domain/sync/doc-names';
import { Network, newWorkspaceId, openPeer, type Peer, type PeerOptions } from './harness';
import { docContent, tableContent } from './replica-state';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

async function peers(...options: PeerOptions[]): Promise<{ ps: Peer[]; n: Network }> {
  const w = newWorkspaceId();
  const ps: Peer[] = [];
  for (const [i, o] of options.entries()) ps.push(await openPeer(w, i, o));
  net = new Network(ps);
  return { ps, n: net };
}

async function expectConverged(ps: Peer[]): Promise<void> {
  const [first, ...rest] = ps as [Peer, ...Peer[]];
  for (const p of rest) {
    expect(docContent(p)).toEqual(docContent(first));
    expect(await tableContent(p)).toEqual(await tableContent(first));
  }
  for (const p of ps) expect(p.rep.problems()).toEqual([]);
}

const offline = (n: Network): void => n.partition(new Set([0]));
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 3));

test('offline edits on both sides merge without asking anyone', async () => {
  const { ps, n } = await peers({}, {});
  const [a, b] = ps as [Peer, Peer];
  const exp = await a.client.createExperiment('shared');
  const run = await a.client.createRun(exp);
  const id = run.info.runId;
  await n.settle();
  offline(n);
  await a.client.setTag(id, 'owner', 'a');
  await a.client.logParam(id, 'lr', '0.1');
  const runA = await a.client.createRun(exp, { runName: 'made-offline-a' });
  await b.client.setTag(id, 'reviewer', 'b');
  await b.client.logMetric(id, 'acc', 0.9, { step: 3 });
  const runB = await b.client.createRun(exp, { runName: 'made-offline-b' });
  await tick();
  await b.client.setTag(id, 'owner', 'b-later');
  await n.settle();
  for (const p of ps) {
    const r = await p.client.getRun(id);
    expect(r.data.tags).toMatchObject({ owner: 'b-later', reviewer: 'b' });
    expect(r.data.params).toEqual({ lr: '0.1' });
    expect(r.data.metrics).toEqual({ acc: 0.9 });
    expect((await p.client.getRun(runA.info.runId)).info.runName).toBe('made-offline-a');
    expect((await p.client.getRun(runB.info.runId)).info.runName).toBe('made-offline-b');
  }
  await expectConverged(ps);
});

test('a param logged with different values on two peers: the first logged wins everywhere, flagged the same way', async () => {
  const { ps, n } = await peers({}, {}, {});
  const [a, b, c] = ps as [Peer, Peer, Peer];
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  await n.settle();
  offline(n);
  await a.client.logParam(id, 'lr', '0.1');
  await a.rep.drain();
  await tick();
  await b.client.logParam(id, 'lr', '0.2');
  await b.rep.drain();
  await n.settle();
  const rows = await Promise.all(ps.map((p) => p.ws.store.db.runs.get(id)));
  for (const row of rows) {
    expect(row?.data.params.lr).toBe('0.1');
    expect((row as { paramConflicts?: unknown }).paramConflicts).toEqual({ lr: [{ value: '0.2', peer: b.id }] });
  }
  // MLflow's rule still holds locally: the kept value cannot be changed afterwards
  await expect(c.client.logParam(id, 'lr', '0.3')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
  await expectConverged(ps);
});

test.each([
  ['+10 min', 10 * 60_000],
  ['-10 min', -10 * 60_000],
  ['+1 day', 24 * 3600_000],
])('clock skew %s: concurrent edits are decided by the hybrid clock, the same everywhere; later edits still win', async (_label, skew) => {
  const { ps, n } = await peers({ skew }, {});
  const [a, b] = ps as [Peer, Peer];
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  await n.settle();
  offline(n);
  await a.client.setTag(id, 'mood', 'a');
  await a.rep.drain();
  await tick();
  await b.client.setTag(id, 'mood', 'b'); // physically later
  await b.rep.drain();
  await n.settle();
  // Offline, the skewed clock decides: a clock ahead wins, one behind loses.
  const expected = skew > 0 ? 'a' : 'b';
  for (const p of ps) expect((await p.client.getRun(id)).data.tags.mood).toBe(expected);
  // After hearing of each other, an edit made later wins whoever makes it.
  await b.client.setTag(id, 'mood', 'b-after');
  await n.settle();
  for (const p of ps) expect((await p.client.getRun(id)).data.tags.mood).toBe('b-after');
  await a.client.setTag(id, 'mood', 'a-after');
  await n.settle();
  for (const p of ps) expect((await p.client.getRun(id)).data.tags.mood).toBe('a-after');
  await expectConverged(ps);
});

test('a clock more than a day and an hour ahead is not adopted: its writes win, deterministically', async () => {
  const { ps, n } = await peers({ skew: 3 * 24 * 3600_000 }, {});
  const [a, b] = ps as [Peer, Peer];
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  await a.client.setTag(id, 'mood', 'from-the-future');
  await n.settle();
  await b.client.setTag(id, 'mood', 'now');
  await n.settle();
  for (const p of ps) expect((await p.client.getRun(id)).data.tags.mood).toBe('from-the-future');
  expect(b.rep.clock.now() < a.rep.clock.now()).toBe(true);
  await expectConverged(ps);
});

test('delete vs concurrent edit: the run stays deleted, the edit is kept and shows after a restore', async () => {
  const { ps, n } = await peers({}, {});
  const [a, b] = ps as [Peer, Peer];
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  await n.settle();
  offline(n);
  await a.client.deleteRun(id);
  await b.client.setTag(id, 'note', 'edited while deleted elsewhere');
  await n.settle();
  for (const p of ps) {
    const r = await p.client.getRun(id);
    expect(r.info.lifecycleStage).toBe('deleted');
    expect(r.data.tags.note).toBe('edited while deleted elsewhere');
  }
  await b.client.restoreRun(id);
  await n.settle();
  for (const p of ps) expect((await p.client.getRun(id)).info.lifecycleStage).toBe('active');
  await expectConverged(ps);
});

test('delete vs restore racing: the later one (hybrid clock) wins everywhere', async () => {
  const { ps, n } = await peers({}, {});
  const [a, b] = ps as [Peer, Peer];
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  await a.client.deleteRun(id);
  await n.settle();
  offline(n);
  await b.client.restoreRun(id);
  await b.rep.drain();
  await tick();
  await a.client.setTag(id, 'x', '1').catch(() => undefined); // refused locally: the run is deleted there
  await n.settle();
  for (const p of ps) expect((await p.client.getRun(id)).info.lifecycleStage).toBe('active');
  await expectConverged(ps);
});

test('an experiment deleted while another peer adds a run to it: the run stays, active, in the deleted experiment', async () => {
  const { ps, n } = await peers({}, {});
  const [a, b] = ps as [Peer, Peer];
  const exp = await a.client.createExperiment('doomed');
  const old = await a.client.createRun(exp);
  await n.settle();
  offline(n);
  await a.client.deleteExperiment(exp);
  const fresh = await b.client.createRun(exp);
  await n.settle();
  for (const p of ps) {
    expect((await p.client.getExperiment(exp)).lifecycleStage).toBe('deleted');
    expect((await p.client.getRun(old.info.runId)).info.lifecycleStage).toBe('deleted');
    expect((await p.client.getRun(fresh.info.runId)).info.lifecycleStage).toBe('active');
  }
  // restoring the experiment brings back every deleted run in it, as in MLflow
  await b.client.restoreExperiment(exp);
  await n.settle();
  for (const p of ps) expect((await p.client.getRun(old.info.runId)).info.lifecycleStage).toBe('active');
  await expectConverged(ps);
});

test('two experiments named the same offline: the first named keeps the name, the other shows its id', async () => {
  const { ps, n } = await peers({}, {});
  const [a, b] = ps as [Peer, Peer];
  offline(n);
  const first = await a.client.createExperiment('iris');
  await a.rep.drain();
  await tick();
  const second = await b.client.createExperiment('iris');
  await n.settle();
  for (const p of ps) {
    expect((await p.client.getExperiment(first)).name).toBe('iris');
    expect((await p.client.getExperiment(second)).name).toBe(`iris (${second})`);
  }
  // renaming the first frees the name for the second
  await a.client.renameExperiment(first, 'iris-old');
  await n.settle();
  for (const p of ps) expect((await p.client.getExperiment(second)).name).toBe('iris');
  await expectConverged(ps);
});

test('a run moved to another experiment stays in its shard document; both peers see the move', async () => {
  const { ps, n } = await peers({}, {});
  const [a, b] = ps as [Peer, Peer];
  const from = await a.client.createExperiment('from');
  const to = await a.client.createExperiment('to');
  const run = await a.client.createRun(from);
  await n.settle();
  await b.client.moveRuns([run.info.runId], to);
  await b.client.setTag(run.info.runId, 'after', 'move');
  await n.settle();
  for (const p of ps) {
    const r = await p.client.getRun(run.info.runId);
    expect(r.info.experimentId).toBe(to);
    expect(r.info.artifactUri).toContain(`/${to}/`);
    expect((await p.client.searchRuns({ experimentIds: [to] })).runs.map((x) => x.info.runId)).toEqual([run.info.runId]);
  }
  // the run's document follows from its id alone: the move is a field change inside it
  const home = a.rep.docs.get(runDocName(a.rep.docs.rootName, run.info.runId));
  expect([...(home?.getMap('runs').keys() ?? [])].some((k) => k.startsWith(run.info.runId))).toBe(true);
  for (const name of a.rep.docs.names()) {
    if (!name.includes('/runs/') || name === runDocName(a.rep.docs.rootName, run.info.runId)) continue;
    expect([...(a.rep.docs.get(name)?.getMap('runs').keys() ?? [])].some((k) => k.startsWith(run.info.runId))).toBe(false);
  }
  await expectConverged(ps);
});

test('remote changes show in the activity feed with who made them', async () => {
  const { ps, n } = await peers({}, {});
  const [a, b] = ps as [Peer, Peer];
  const lines: string[] = [];
  b.rep.onActivity((items) => lines.push(...items.map((i) => i.text)));
  const exp = await a.client.createExperiment('watched');
  await a.client.createRun(exp, { runName: 'seen' });
  await n.settle();
  expect(lines).toContain('user0 created experiment "watched"');
  expect(lines).toContain('user0 created run "seen"');
});
