// Failures between the journal and the documents lose nothing: an update the local document store
// refuses (disk full) keeps the journal entries it carries until a retry stores it, and an entry
// whose publish throws is tried again on a later drain (backoff timer, or drain()), not only at
// the next start.
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { afterEach, expect, test } from 'vitest';
import type { Mutation } from '../../src/domain/mutations';
import { runDocName } from '../../src/domain/sync/doc-names';
import { Network, newWorkspaceId, openPeer, restartPeer, type Peer, type PeerOptions } from './harness';
import { docContent, tableContent } from './replica-state';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const journal = async (p: Peer): Promise<string[]> => (await p.ws.store.db.journal.toArray()).map((r) => r.mutation.type);

/** What a reload would start from: the peer's stored updates of one document, applied to a new doc. */
function storedDoc(p: Peer, name: string): Y.Doc {
  const doc = new Y.Doc();
  for (const u of p.stored.get(name) ?? []) Y.applyUpdate(doc, u);
  return doc;
}

/** Peers a (with `options`) and b on a new workspace and network (the one afterEach closes), with one run both have. */
async function twoPeersWithARun(options: PeerOptions): Promise<{ w: string; net: Network; a: Peer; b: Peer; id: string }> {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0, options);
  const b = await openPeer(w, 1);
  const network = new Network([a, b]);
  net = network;
  const id = (await a.client.createRun('0')).info.runId;
  await network.settle();
  return { w, net: network, a, b, id };
}

async function expectConverged(ps: Peer[]): Promise<void> {
  const [first, ...rest] = ps as [Peer, ...Peer[]];
  for (const p of rest) {
    expect(docContent(p)).toEqual(docContent(first));
    expect(await tableContent(p)).toEqual(await tableContent(first));
  }
}

test('an update the document store refuses keeps its journal entry until a retry stores it', async () => {
  const { w, net, a, b, id } = await twoPeersWithARun({ retry: { initialMs: 400, maxMs: 800 } });
  net.partition(new Set([0])); // offline: the journal and the document store are all there is
  a.storeFaults.refuse = 1;
  await a.client.setTag(id, 'note', 'kept');
  await a.rep.idle();
  expect(a.rep.problems().join('\n')).toMatch(/disk is full/);
  expect(await journal(a)).toEqual(['run/logBatch']); // not deleted: its change is not durable
  // the backoff timer retries (no drain() here); once stored, the entry goes
  await until('the retry stored the update', async () => (await journal(a)).length === 0);
  expect(JSON.stringify(storedDoc(a, runDocName(w, id)).getMap('runs').toJSON())).toContain('"tag:note":["kept"');
  await net.settle();
  expect((await b.client.getRun(id)).data.tags.note).toBe('kept');
  await expectConverged([a, b]);
});

test('a tab closed before the refused update was stored: the kept journal entry publishes the change on the next start', async () => {
  const { w, net, a, b, id } = await twoPeersWithARun({ retry: { initialMs: 60_000 } });
  net.partition(new Set([0]));
  a.storeFaults.refuse = 1;
  await a.client.setTag(id, 'note', 'survives');
  await a.rep.idle();
  expect(await journal(a)).toEqual(['run/logBatch']);
  expect(JSON.stringify(storedDoc(a, runDocName(w, id)).toJSON())).not.toContain('survives');
  // reload: the documents come back from the store (without the change), the journal has it
  await restartPeer(net, a, w);
  await net.settle();
  for (const p of [a, b]) expect((await p.client.getRun(id)).data.tags.note).toBe('survives');
  expect(await journal(a)).toEqual([]);
  expect(JSON.stringify(storedDoc(a, runDocName(w, id)).getMap('runs').toJSON())).toContain('survives');
  await expectConverged([a, b]);
});

test('points are not sealed while a params update waits to be stored: a reload then still publishes the params, and the points once', async () => {
  const { w, net, a, b, id } = await twoPeersWithARun({ retry: { initialMs: 60_000 }, sealAfterMs: 20 });
  net.partition(new Set([0]));
  a.storeFaults.refuse = 1;
  await a.client.logBatch(id, {
    params: [{ key: 'lr', value: '0.1' }],
    metrics: [1, 2, 3].map((step) => ({ key: 'loss', value: 1 / step, step, timestamp: step })),
  });
  await a.rep.idle();
  await new Promise((r) => setTimeout(r, 80)); // the seal window passed
  await a.rep.idle();
  // still the whole entry: sealing would have turned it into a marker without the params
  const entries = (await a.ws.store.db.journal.toArray()).map((r) => r.mutation);
  expect(entries).toEqual([expect.objectContaining({ type: 'run/logBatch', params: [{ key: 'lr', value: '0.1' }] })]);
  await restartPeer(net, a, w);
  await net.settle();
  for (const p of [a, b]) {
    expect((await p.client.getRun(id)).data.params).toEqual({ lr: '0.1' });
    expect((await p.client.getMetricHistory(id, 'loss')).map((m) => m.step)).toEqual([1, 2, 3]);
  }
  expect(await journal(a)).toEqual([]);
  await expectConverged([a, b]);
});

/** Makes the runs adapter throw while publishing a tag whose key starts with 'flaky', `failures` times. */
function flakyPublish(p: Peer): { failures: number } {
  const state = { failures: 0 };
  const runs = p.rep.runs;
  const publishInto = runs.publishInto.bind(runs);
  runs.publishInto = async (...args: Parameters<typeof publishInto>) => {
    const m: Mutation = args[2];
    if (state.failures > 0 && m.type === 'run/logBatch' && m.tags.some((t) => t.key.startsWith('flaky'))) {
      state.failures--;
      throw new Error('IndexedDB read failed');
    }
    return publishInto(...args);
  };
  return state;
}

test('a journal entry whose publish throws is retried by the backoff timer, not only at the next start; later entries go out meanwhile', async () => {
  const { net, a, b, id } = await twoPeersWithARun({ retry: { initialMs: 300, maxMs: 600 } });
  const flaky = flakyPublish(a);
  flaky.failures = 1;
  await a.client.setTag(id, 'flaky', 'one');
  await a.client.setTag(id, 'after', 'one');
  await a.rep.idle();
  expect(a.rep.problems().join('\n')).toMatch(/could not publish run\/logBatch: IndexedDB read failed/);
  expect(await journal(a)).toEqual(['run/logBatch']); // the later entry went out
  // no drain(), no restart: the timer tries again
  await until('the timer retried the entry', async () => (await journal(a)).length === 0);
  expect(flaky.failures).toBe(0);
  await net.settle();
  for (const p of [a, b]) expect((await p.client.getRun(id)).data.tags).toMatchObject({ flaky: 'one', after: 'one' });
  await expectConverged([a, b]);
});

test('drain() retries a failed publish at once, whatever the backoff; a retry that fails again keeps the entry', async () => {
  const { net, a, b, id } = await twoPeersWithARun({ retry: { initialMs: 60_000 } });
  const flaky = flakyPublish(a);
  flaky.failures = 2;
  await a.client.setTag(id, 'flaky', 'two');
  await a.rep.idle(); // first failure
  expect(await journal(a)).toEqual(['run/logBatch']);
  await a.rep.drain(); // second failure
  expect(flaky.failures).toBe(0);
  expect(await journal(a)).toEqual(['run/logBatch']);
  await a.rep.drain();
  expect(await journal(a)).toEqual([]);
  expect(a.rep.problems().filter((t) => t.includes('could not publish'))).toHaveLength(2);
  await net.settle();
  for (const p of [a, b]) expect((await p.client.getRun(id)).data.tags.flaky).toBe('two');
  await expectConverged([a, b]);
});
