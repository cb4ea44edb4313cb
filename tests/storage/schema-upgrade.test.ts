import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, test } from 'vitest';
import { SCHEMA_VERSIONS, databaseName } from '../../src/storage/schema';
import { MlflowClient, openWorkspace } from '../../src/sdk/index';

test('a database written by schema v1 opens under the current schema with its data intact', async () => {
  const name = `upgrade-${Date.now()}`;
  const v1 = new Dexie(databaseName(name));
  const first = SCHEMA_VERSIONS[0];
  if (!first) throw new Error('no schema versions');
  v1.version(first.version).stores(first.stores);
  await v1.open();
  const run = {
    runId: 'a'.repeat(32),
    info: { runId: 'a'.repeat(32), runName: 'old-run', experimentId: '0', userId: 'u', status: 'FINISHED', startTime: 5, endTime: 6, artifactUri: 'x', lifecycleStage: 'active' },
    data: { metrics: {}, params: { p: '1' }, tags: {} },
    inputs: { datasetInputs: [] },
    deletedTime: null,
    metricSummaries: {},
  };
  await v1.table('experiments').add({ experimentId: '0', name: 'Default', artifactLocation: 'x', lifecycleStage: 'active', creationTime: 1, lastUpdateTime: 1, tags: {} });
  await v1.table('runs').add(run);
  // A long history written before overviews existed (v3 derives them in its upgrade).
  const n = 16_000;
  const steps = Float64Array.from({ length: n }, (_, i) => i);
  const values = Float64Array.from({ length: n }, (_, i) => (i === 12_345 ? 99 : Math.sin(i / 10)));
  await v1.table('metricChunks').add({ runId: run.runId, key: 'loss', seq: 0, count: n, steps, timestamps: steps, values, minStep: 0, maxStep: n - 1, minValue: -1, maxValue: 99 });
  v1.close();

  const ws = await openWorkspace({ name });
  expect(ws.store.db.verno).toBe(SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version);
  const client = new MlflowClient(ws);
  expect((await client.getRun('a'.repeat(32))).data.params).toEqual({ p: '1' });
  // The table added in v2 works, and the index added in v2 is usable.
  await ws.store.setUserProfile({ name: 'n', email: 'e' });
  expect(await ws.store.userProfile()).toEqual({ name: 'n', email: 'e' });
  expect(await ws.store.db.runs.orderBy('info.startTime').first()).toMatchObject({ runId: 'a'.repeat(32) });
  const overview = await ws.store.db.metricOverviews.get([run.runId, 'loss', 0]);
  expect(overview?.sourceCount).toBe(n);
  expect(overview?.values.length).toBeLessThan(n / 10);
  const chart = await client.getMetricColumns(run.runId, 'loss', { maxPoints: 500 });
  expect(chart.values.length).toBeLessThanOrEqual(500);
  expect(Math.max(...chart.values)).toBe(99);
  // The registry tables added in v4 start empty and work.
  expect(await ws.store.db.registeredModels.count()).toBe(0);
  await client.createRegisteredModel('upgraded');
  expect((await client.createModelVersion('upgraded', `runs:/${run.runId}/model`)).version).toBe('1');
  expect((await client.getRegistryEvents({ name: 'upgraded' })).map((e) => e.kind)).toEqual(['version/create', 'model/create']);
  await ws.close();
});
