// The journal in the mutation layer: off unless sync is on, written in the committing transaction
// (all or nothing with the change), never for projections, and the guard that keeps a remote fold
// from overwriting a local change that is not published yet.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import type { Run } from '../../src/domain/entities';
import { WorkspaceStore } from '../../src/storage/workspace-store';

const stores: WorkspaceStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

let n = 0;
async function open(name = `journal-${process.pid}-${n++}`): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(name);
  stores.push(s);
  return s;
}

const run = (runId: string): Run => ({
  info: { runId, runName: 'r', experimentId: '0', userId: 'u', status: 'RUNNING', startTime: 1, endTime: null, artifactUri: '', lifecycleStage: 'active' },
  data: { metrics: {}, params: {}, tags: {} },
  inputs: { datasetInputs: [] },
});

test('nothing is journalled while sync is off', async () => {
  const s = await open();
  await s.mutations.apply({ type: 'run/create', run: run('a'.repeat(32)) });
  expect(await s.db.journal.count()).toBe(0);
  expect(await s.mutations.isJournaling()).toBe(false);
});

test('with sync on, each local mutation is journalled in its own transaction; a failed one leaves nothing', async () => {
  const s = await open();
  await s.mutations.setJournaling(true);
  await s.mutations.apply({ type: 'run/create', run: run('a'.repeat(32)) });
  await expect(s.mutations.apply([{ type: 'run/create', run: run('b'.repeat(32)) }, { type: 'run/create', run: run('a'.repeat(32)) }])).rejects.toMatchObject({
    errorCode: 'RESOURCE_ALREADY_EXISTS',
  });
  const rows = await s.db.journal.toArray();
  expect(rows.map((r) => r.mutation.type)).toEqual(['run/create']);
  expect(typeof rows[0]?.at).toBe('number');
});

test('remote projections are never journalled; imports are', async () => {
  const s = await open();
  await s.mutations.setJournaling(true);
  await s.mutations.apply({ type: 'run/create', run: run('c'.repeat(32)) }, 'remote');
  await s.mutations.apply({ type: 'run/create', run: run('d'.repeat(32)) }, 'import');
  const types = (await s.db.journal.toArray()).map((r) => (r.mutation as { run?: Run }).run?.info.runId);
  expect(types).toEqual(['d'.repeat(32)]);
});

test('an artifact is journalled without its bytes, and its bytes are queued for upload', async () => {
  const s = await open();
  await s.mutations.setJournaling(true);
  await s.mutations.apply({ type: 'run/create', run: run('e'.repeat(32)) });
  await s.mutations.apply({ type: 'artifact/put', runId: 'e'.repeat(32), path: 'x.txt', sha256: 'f'.repeat(64), size: 3, data: new Blob(['abc']), at: 5 });
  const entry = (await s.db.journal.toArray())[1]?.mutation;
  expect(entry).toMatchObject({ type: 'artifact/put', path: 'x.txt', sha256: 'f'.repeat(64) });
  expect(entry && 'data' in entry).toBe(false);
  expect(await s.db.syncUploads.get('f'.repeat(64))).toMatchObject({ size: 3 });
});

test('a second tab (or the service worker) on the same database journals too', async () => {
  const name = `journal-tabs-${process.pid}-${n++}`;
  const tabA = await open(name);
  const tabB = await open(name);
  await tabA.mutations.setJournaling(true);
  await tabB.mutations.apply({ type: 'run/create', run: run('1'.repeat(32)) });
  expect(await tabA.db.journal.count()).toBe(1);
});

test('a projection batch is refused while a newer local change waits in the journal', async () => {
  const s = await open();
  await s.mutations.setJournaling(true);
  await s.mutations.apply({ type: 'run/create', run: run('2'.repeat(32)) });
  const last = (await s.db.journal.toArray()).at(-1)?.seq as number;
  const put = { type: 'sync/putRun' as const, run: { ...run('2'.repeat(32)), deletedTime: null, metricSummaries: {} } };
  put.run.data.tags = { remote: 'yes' };
  await expect(s.mutations.apply(put, 'remote', { unlessJournalAfter: last - 1 })).rejects.toMatchObject({ errorCode: 'ABORTED' });
  expect((await s.db.runs.get('2'.repeat(32)))?.data.tags).toEqual({});
  await s.mutations.apply(put, 'remote', { unlessJournalAfter: last });
  expect((await s.db.runs.get('2'.repeat(32)))?.data.tags).toEqual({ remote: 'yes' });
});

test('turning sync off forgets the journal and the first-share snapshot', async () => {
  const s = await open();
  await s.mutations.setJournaling(true);
  await s.mutations.markSnapshotDone();
  await s.mutations.apply({ type: 'run/create', run: run('3'.repeat(32)) });
  await s.mutations.setJournaling(false);
  expect(await s.db.journal.count()).toBe(0);
  expect(await s.mutations.snapshotDone()).toBe(false);
});
