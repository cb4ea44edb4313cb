// Sharing a workspace that already holds data: experiments, runs, artifacts and the stored metric
// history (as chunks of at most 50,000 points) reach a new peer; points logged after sharing
// started are sealed from the journal, never twice; starting again writes nothing new.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { runDocName } from '../../src/domain/sync/doc-names';
import { MlflowClient, openWorkspace } from '../../src/sdk/index';
import { Network, newWorkspaceId, openPeer, restartPeer, type Peer } from './harness';
import { docContent, tableContent } from './replica-state';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

test('what was stored before sharing reaches a peer that joins', async () => {
  const name = `first-share-${process.pid}-${Date.now()}`;
  const ws = await openWorkspace({ name });
  const client = new MlflowClient(ws);
  const exp = await client.createExperiment('before', { tags: { era: 'pre-sync' } });
  const run = await client.createRun(exp, { runName: 'old' });
  const id = run.info.runId;
  const n = 60_000;
  const steps = Array.from({ length: n }, (_, i) => i);
  await client.logBatch(id, { params: [{ key: 'lr', value: '0.1' }], tags: [{ key: 't', value: '1' }] });
  for (let i = 0; i < n; i += 1000) await client.logBatch(id, { metrics: steps.slice(i, i + 1000).map((s) => ({ key: s % 2 ? 'a' : 'b', value: Math.sin(s), step: s, timestamp: 1_000 + s })) });
  await client.logArtifact(id, 'model/weights.bin', 'w'.repeat(100));
  await client.logInputs(id, [
    { dataset: { name: 'd1', digest: 'x', sourceType: 's', source: 'u' }, tags: [] },
    { dataset: { name: 'd0', digest: 'y', sourceType: 's', source: 'u' }, tags: [] },
  ]);
  await client.deleteRun((await client.createRun(exp)).info.runId);

  const w = newWorkspaceId();
  const a = await openPeer(w, 0, { name });
  const b = await openPeer(w, 1);
  net = new Network([a, b]);
  // points logged after sharing began come through the journal
  await a.client.logBatch(id, { metrics: [{ key: 'a', value: 42, step: n, timestamp: 9_999_999 }] });
  await net.settle();

  const refs = [...(b.rep.docs.get(runDocName(w, id))?.getMap('metricRefs').values() ?? [])] as Array<{ count: number }>;
  expect(refs.length).toBeGreaterThanOrEqual(3); // 60,000 stored points need two chunks, plus the new one
  expect(Math.max(...refs.map((r) => r.count))).toBeLessThanOrEqual(50_000);
  expect((await b.client.getMetricHistory(id, 'a')).length).toBe(n / 2 + 1);
  expect((await b.client.getMetricHistory(id, 'b')).length).toBe(n / 2);
  expect(await b.client.getMetricSummaries(id)).toEqual(await a.client.getMetricSummaries(id));
  expect((await b.client.getRun(id)).inputs.datasetInputs.map((d) => d.dataset.name)).toEqual(['d1', 'd0']);
  expect((await b.client.getExperiment(exp)).tags).toEqual({ era: 'pre-sync' });
  expect(await b.client.listArtifacts(id, 'model')).toEqual([{ path: 'model/weights.bin', isDir: false, fileSize: 100 }]);
  // the artifact's bytes went to the relay and can be fetched by hash
  const sha = (await b.ws.store.db.artifacts.get([id, 'model/weights.bin']))?.sha256 as string;
  expect(net.relay.has(sha)).toBe(true);
  expect(docContent(b)).toEqual(docContent(a));
  expect(await tableContent(b)).toEqual(await tableContent(a));

  // starting again (a reload) shares nothing twice
  const before = JSON.stringify(docContent(a));
  await restartPeer(net, a, w);
  await a.rep.drain();
  expect(JSON.stringify(docContent(a))).toBe(before);
}, 60_000);

test('a peer joining with snapshot: false publishes nothing it had before', async () => {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0);
  const b = await openPeer(w, 1, { snapshot: false });
  net = new Network([a, b]);
  await net.settle();
  const root = b.rep.docs.get(w);
  const writers = [...(root?.getMap('experiments').keys() ?? [])];
  expect(writers).toEqual([`0|${a.id}`]);
  expect(await tableContent(b)).toEqual(await tableContent(a));
});

test('a late persistence listener can ask for the current state of every document', async () => {
  const w = newWorkspaceId();
  const a: Peer = await openPeer(w, 0);
  const got: string[] = [];
  a.rep.onUpdate((name) => void got.push(name), { current: true });
  expect(got).toEqual(a.rep.docs.names());
  await a.rep.stop();
  await a.ws.close();
});
