// exportWorkspaceJson: one versioned JSON document with MLflow REST-shaped entities, full metric
// histories as columns, artifacts with sha256 + size (+ base64 bytes unless omitted), registry.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportWorkspaceJson, type OrchardJsonExport } from '../../../src/sdk/index';
import { expectMlflowError } from '../helpers';
import { LONG_POINTS, sampleWorkspace, type SampleWorkspace } from './sample-workspace';

let s: SampleWorkspace;
let doc: OrchardJsonExport;
type Obj = Record<string, unknown>;
const runJson = (id: string): Obj => doc.runs.find((r) => (r.info as Obj).run_id === id) as Obj;

beforeAll(async () => {
  s = await sampleWorkspace();
  doc = await exportWorkspaceJson(s.ws);
}, 60_000);

test('versioned envelope; survives JSON.stringify / JSON.parse unchanged', () => {
  expect(doc).toMatchObject({ format: 'orchard-export', version: 1, workspace: s.ws.name, artifactBytes: 'base64' });
  expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
});

test('experiments and runs as MLflow REST JSON, plus deleted_time', async () => {
  expect(doc.experiments.map((e) => e.experiment_id)).toEqual(['0', s.expA, s.expDeleted].sort());
  const a = doc.experiments.find((e) => e.experiment_id === s.expA) as Obj;
  expect(a).toMatchObject({ name: 'exports-a', lifecycle_stage: 'active', tags: expect.arrayContaining([{ key: 'nested/key', value: 'deep value' }]) });
  expect(doc.runs).toHaveLength(7);
  const parent = runJson(s.parent);
  const run = await s.client.getRun(s.parent);
  expect(parent.info).toMatchObject({ run_id: s.parent, run_uuid: s.parent, status: 'FINISHED', start_time: run.info.startTime, end_time: run.info.endTime, lifecycle_stage: 'active' });
  expect(parent.deleted_time).toBeNull();
  expect((parent.data as Obj).params).toEqual(expect.arrayContaining([{ key: 'lr', value: '0.01' }, { key: 'empty', value: '' }]));
  // data.metrics: each key's latest point (largest step), non-finite values as strings
  expect((parent.data as Obj).metrics).toEqual(expect.arrayContaining([{ key: 'special', value: 1 / 3, timestamp: 1_700_000_000_009, step: 6 }]));
  expect(((parent.inputs as Obj).dataset_inputs as Obj[])).toHaveLength(2);
  expect(runJson(s.deletedRun).deleted_time).toEqual(expect.any(Number));
  expect((runJson(s.running).info as Obj).end_time).toBeUndefined();
});

test('metric histories: every point in logging order, NaN / ±Infinity as strings', () => {
  const special = doc.metricHistories.find((h) => h.run_id === s.parent && h.key === 'special');
  expect(special?.values).toEqual([0.5, 'NaN', 'Infinity', '-Infinity', 0, 1e-5, 1e16, 123456789.125, -3, 1 / 3]);
  expect(special?.steps).toEqual([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
  const long = doc.metricHistories.find((h) => h.run_id === s.parent && h.key === 'long');
  expect(long?.values).toHaveLength(LONG_POINTS);
  expect(long?.values[LONG_POINTS - 1]).toBe(Math.sin(LONG_POINTS - 1) * 100);
});

test('artifacts: path, size, sha256 and the bytes in base64; or only the hash and size', async () => {
  const png = doc.artifacts.find((a) => a.run_id === s.parent && a.path === 'plots/loss.png');
  expect(png).toMatchObject({ file_size: 256, sha256: createHash('sha256').update(s.binary).digest('hex') });
  expect(new Uint8Array(Buffer.from(png?.data_base64 ?? '', 'base64'))).toEqual(s.binary);
  const onnx = doc.artifacts.find((a) => a.run_id === s.parent && a.path === 'model/model.onnx');
  expect(createHash('sha256').update(Buffer.from(onnx?.data_base64 ?? '', 'base64')).digest('hex')).toBe(onnx?.sha256);
  const empty = doc.artifacts.find((a) => a.path === 'empty.txt');
  expect(empty).toMatchObject({ file_size: 0, data_base64: '' });

  const lean = await exportWorkspaceJson(s.ws, { artifactBytes: 'omitted', runIds: [s.parent] });
  expect(lean.artifactBytes).toBe('omitted');
  expect(lean.artifacts.length).toBeGreaterThan(5);
  expect(lean.artifacts.every((a) => a.data_base64 === undefined && a.sha256.length === 64)).toBe(true);
});

test('registry: REST registered models (+ next_version) and versions (+ storage_location)', () => {
  const churn = doc.registry.registeredModels.find((m) => m.name === 'churn') as Obj;
  expect(churn).toMatchObject({ description: 'weekly churn', next_version: 5, aliases: expect.arrayContaining([{ alias: 'champion', version: '1' }]) });
  expect(doc.registry.registeredModels.map((m) => m.name).sort()).toEqual(['churn', 'no-versions-yet', 'Äpfel'].sort());
  const versions = doc.registry.modelVersions.filter((v) => v.name === 'churn');
  expect(versions.map((v) => v.version)).toEqual(['1', '3', '4']);
  expect(versions[0]).toMatchObject({ current_stage: 'Production', source: `runs:/${s.parent}/model`, storage_location: `runs:/${s.parent}/model`, aliases: ['champion'], tags: [{ key: 'validated', value: 'true' }] });
});

describe('selection', () => {
  test('runIds: those runs, their experiments, the registry versions they produced', async () => {
    const part = await exportWorkspaceJson(s.ws, { runIds: [s.parent] });
    expect(part.experiments.map((e) => e.experiment_id)).toEqual([s.expA]);
    expect(part.runs.map((r) => (r.info as Obj).run_id)).toEqual([s.parent]);
    expect(new Set(part.metricHistories.map((h) => h.run_id))).toEqual(new Set([s.parent]));
    expect(part.registry.registeredModels.map((m) => m.name)).toEqual(['churn']);
    expect(part.registry.modelVersions.map((v) => v.version)).toEqual(['1', '3']);
  });

  test('experimentIds: all their runs, active and deleted', async () => {
    const part = await exportWorkspaceJson(s.ws, { experimentIds: [s.expDeleted], includeRegistry: false });
    expect(part.runs.map((r) => (r.info as Obj).run_id)).toEqual([s.inDeletedExp]);
    expect(part.registry.registeredModels).toEqual([]);
  });

  test('unknown ids are RESOURCE_DOES_NOT_EXIST', async () => {
    await expectMlflowError(exportWorkspaceJson(s.ws, { experimentIds: ['424242'] }), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(exportWorkspaceJson(s.ws, { runIds: ['f'.repeat(32)] }), 'RESOURCE_DOES_NOT_EXIST');
  });
});
