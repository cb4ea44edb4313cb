// Crashes: a tab closed between a commit and the Yjs write, or between sealing a chunk and
// deleting its journal entries, or before the documents were persisted. After a reload the journal
// replays: nothing is lost and no metric point arrives twice.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { Network, newWorkspaceId, openPeer, restartPeer, type Peer } from './harness';
import { docContent, tableContent } from './replica-state';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

async function pair(): Promise<{ w: string; a: Peer; b: Peer; n: Network }> {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0);
  const b = await openPeer(w, 1);
  net = new Network([a, b]);
  return { w, a, b, n: net };
}

const points = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: 'loss', value: 1 / (from + i + 1), step: from + i, timestamp: 1000 + from + i }));

test('changes committed while the replicator was not running are published after the reload', async () => {
  const { w, a, b, n } = await pair();
  const run = await a.client.createRun('0');
  await n.settle();
  await a.rep.stop(); // the tab dies: commits still land in the journal
  await a.client.setTag(run.info.runId, 'after', 'crash');
  await a.client.logBatch(run.info.runId, { params: [{ key: 'lr', value: '0.3' }], metrics: points(0, 5) });
  expect(await a.ws.store.db.journal.count()).toBe(2);
  await restartPeer(n, a, w);
  await n.settle();
  const got = await b.client.getRun(run.info.runId);
  expect(got.data.tags.after).toBe('crash');
  expect(got.data.params.lr).toBe('0.3');
  expect((await b.client.getMetricHistory(run.info.runId, 'loss')).length).toBe(5);
  expect(await a.ws.store.db.journal.count()).toBe(0);
  expect(await tableContent(b)).toEqual(await tableContent(a));
});

test('a crash after sealing but before the journal entries were deleted does not seal the points twice', async () => {
  const { w, a, b, n } = await pair();
  const run = await a.client.createRun('0');
  await n.settle();
  await a.client.logBatch(run.info.runId, { metrics: points(0, 10) });
  // The documents as persisted before the seal; then the seal runs but the tab dies before the
  // journal is cleaned up and before the new document update is persisted.
  const persisted = new Map([...a.stored].map(([doc, list]) => [doc, [...list]]));
  const deleteJournal = a.ws.store.mutations.deleteJournal.bind(a.ws.store.mutations);
  a.ws.store.mutations.deleteJournal = async () => undefined;
  await a.rep.drain();
  a.ws.store.mutations.deleteJournal = deleteJournal;
  const left = await a.ws.store.db.journal.toArray();
  expect(left).toHaveLength(1); // one marker naming the chunk, the points are in the chunk
  expect(left[0]?.mutation).toMatchObject({ type: 'run/logBatch', metrics: [] });
  a.stored.clear();
  for (const [doc, list] of persisted) a.stored.set(doc, list);
  net?.queue.splice(0); // and the update never left the tab
  await restartPeer(n, a, w);
  await n.settle();
  expect((await b.client.getMetricHistory(run.info.runId, 'loss')).length).toBe(10);
  expect((await a.client.getMetricHistory(run.info.runId, 'loss')).length).toBe(10);
  expect(await b.client.getMetricSummaries(run.info.runId)).toEqual(await a.client.getMetricSummaries(run.info.runId));
  expect(await a.ws.store.db.journal.count()).toBe(0);
  expect(docContent(b)).toEqual(docContent(a));
});

test('a marker whose refs did reach the documents replays as a no-op', async () => {
  const { w, a, b, n } = await pair();
  const run = await a.client.createRun('0');
  await a.client.logBatch(run.info.runId, { metrics: points(0, 3) });
  const deleteJournal = a.ws.store.mutations.deleteJournal.bind(a.ws.store.mutations);
  a.ws.store.mutations.deleteJournal = async () => undefined;
  await a.rep.drain();
  a.ws.store.mutations.deleteJournal = deleteJournal;
  const before = JSON.stringify(docContent(a));
  await restartPeer(n, a, w);
  await a.rep.drain();
  expect(JSON.stringify(docContent(a))).toBe(before);
  await n.settle();
  expect((await b.client.getMetricHistory(run.info.runId, 'loss')).length).toBe(3);
});
