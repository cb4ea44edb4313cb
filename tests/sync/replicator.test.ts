// The replicator end to end between real workspaces: local changes reach the other peer's tables
// through the documents, metric points travel as chunks, artifact rows arrive before their bytes.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { Network, newWorkspaceId, openPeer, type Peer } from './harness';
import { docContent, tableContent } from './replica-state';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

async function pair(): Promise<[Peer, Peer, Network]> {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0);
  const b = await openPeer(w, 1);
  net = new Network([a, b]);
  return [a, b, net];
}

test('experiments, runs, params, tags, metrics and artifacts reach the other peer', async () => {
  const [a, b, n] = await pair();
  const exp = await a.client.createExperiment('iris', { tags: { team: 'ml' } });
  const run = await a.client.createRun(exp, { runName: 'first' });
  const id = run.info.runId;
  await a.client.logBatch(id, {
    params: [{ key: 'lr', value: '0.1' }],
    tags: [{ key: 'stage', value: 'dev' }],
    metrics: [
      { key: 'loss', value: 0.5, step: 1, timestamp: 10 },
      { key: 'loss', value: 0.25, step: 2, timestamp: 20 },
    ],
  });
  await a.client.logArtifact(id, 'notes/readme.txt', 'hello');
  await a.client.logInputs(id, [{ dataset: { name: 'iris', digest: 'abc', sourceType: 'http', source: 'https://x' }, tags: [{ key: 'mlflow.data.context', value: 'train' }] }]);
  await a.client.setTerminated(id);
  await n.settle();

  const got = await b.client.getRun(id);
  expect(got.info.runName).toBe('first');
  expect(got.info.status).toBe('FINISHED');
  expect(got.data.params).toEqual({ lr: '0.1' });
  expect(got.data.tags.stage).toBe('dev');
  expect(got.data.metrics).toEqual({ loss: 0.25 });
  expect(got.inputs.datasetInputs).toHaveLength(1);
  expect((await b.client.getMetricHistory(id, 'loss')).map((m) => m.value)).toEqual([0.5, 0.25]);
  expect(await b.client.getMetricSummaries(id)).toEqual(await a.client.getMetricSummaries(id));
  expect(await b.client.listArtifacts(id, 'notes')).toEqual([{ path: 'notes/readme.txt', isDir: false, fileSize: 5 }]);
  expect((await b.client.getExperiment(exp)).tags).toEqual({ team: 'ml' });
  expect(docContent(b)).toEqual(docContent(a));
  expect(await tableContent(b)).toEqual(await tableContent(a));
});

test('artifact bytes are not downloaded with the row: reading says so until they arrive', async () => {
  const [a, b, n] = await pair();
  const run = await a.client.createRun('0');
  await a.client.logArtifact(run.info.runId, 'model.bin', 'bytes!');
  await a.rep.drain();
  n.reconnect(a, b);
  await b.rep.idle();
  expect(await b.client.listArtifacts(run.info.runId)).toEqual([{ path: 'model.bin', isDir: false, fileSize: 6 }]);
  await expect(b.client.downloadArtifact(run.info.runId, 'model.bin')).rejects.toThrow(/not in this workspace yet/);
  // the writer queued the bytes for upload in the same transaction as the artifact
  const queued = await a.ws.store.db.syncUploads.toArray();
  expect(queued.map((r) => r.size)).toContain(6);
});

test('a remote change never overwrites a local change that is not published yet', async () => {
  const [a, b, n] = await pair();
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  await n.settle();
  await b.client.setTag(id, 'x', 'from-b');
  await b.rep.drain();
  // a's next drain reads the journal just before a local change commits (the race), so the fold
  // of b's change runs while that change is still unpublished: it must be refused and redone.
  const layer = a.ws.store.mutations;
  const journalAfter = layer.journalAfter.bind(layer);
  let raced = false;
  layer.journalAfter = async (seq, limit) => {
    if (raced) return journalAfter(seq, limit);
    raced = true;
    return [];
  };
  const apply = layer.apply.bind(layer);
  let refused = 0;
  layer.apply = async (...args: Parameters<typeof apply>) => {
    try {
      return await apply(...args);
    } catch (e) {
      if ((e as { errorCode?: string }).errorCode === 'ABORTED') refused++;
      throw e;
    }
  };
  await a.client.setTag(id, 'y', 'from-a');
  n.reconnect(a, b);
  await n.settle();
  expect(refused).toBeGreaterThan(0);
  const tags = (await a.client.getRun(id)).data.tags;
  expect(tags.x).toBe('from-b');
  expect(tags.y).toBe('from-a');
  expect(await tableContent(b)).toEqual(await tableContent(a));
});

test('with sync off the journal stays empty', async () => {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0);
  await a.rep.stop();
  await a.ws.store.mutations.setJournaling(false);
  await a.client.createRun('0');
  expect(await a.ws.store.db.journal.count()).toBe(0);
  await a.ws.store.mutations.setJournaling(true);
  await a.client.createRun('0');
  expect(await a.ws.store.db.journal.count()).toBe(1);
  await a.ws.close();
});
