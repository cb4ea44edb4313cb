// import(export(workspace)): the MLflow FileStore zip brought back into a fresh workspace
// reproduces every experiment, run (info, params, tags, latest metrics and summaries, dataset
// inputs, deleted state and time), every metric point bit for bit (NaN, ±Infinity, -0, negative
// steps), every artifact byte (a logged ONNX model among them) and the registry (models, versions,
// stages, aliases, tags, descriptions, the version counter past a deleted version).
// What changes, by design: artifact locations name where the files now are in the exported tree
// (`./mlruns/<exp>[/<run>/artifacts]`, which MLflow resolves), and a version stored at
// `mlflow-artifacts:/<exp>/<run>/artifacts/<path>` comes back as `runs:/<run>/<path>` (the same
// files). The audit trail is Orchard's own and not part of MLflow's layout: the import writes its
// own "imported from MLflow" events.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportMlruns, importMlruns, type ImportReport, type Workspace } from '../../../src/sdk/index';
import { freshClient } from '../helpers';
import { sampleWorkspace, type SampleWorkspace } from './sample-workspace';

let s: SampleWorkspace;
let target: Workspace;
let report: ImportReport;

const bits = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

beforeAll(async () => {
  s = await sampleWorkspace();
  const zip = await exportMlruns(s.ws);
  target = (await freshClient()).ws;
  report = await importMlruns(target, zip);
}, 120_000);

test('the import reads the whole export without a warning', () => {
  expect(report.warnings).toEqual([]);
  expect(report.found).toMatchObject({ experiments: 3, runs: 7 });
  expect(report.changed).toBe(true);
});

test('importing the export again changes nothing', async () => {
  const again = await importMlruns(target, await exportMlruns(s.ws));
  expect(again.warnings).toEqual([]);
  expect(again.imported).toEqual(Object.fromEntries(Object.keys(again.imported).map((k) => [k, 0])));
});

test('experiments: every field and tag; the artifact location names the exported folder', async () => {
  const before = await s.ws.store.db.experiments.toArray();
  const after = await target.store.db.experiments.toArray();
  expect(after.map((e) => ({ ...e, artifactLocation: '' }))).toEqual(before.map((e) => ({ ...e, artifactLocation: '' })));
  for (const e of after) expect(e.artifactLocation).toBe(`./mlruns/${e.experimentId}`);
});

test('runs: info, params, tags, latest metrics, summaries, inputs, deleted time', async () => {
  const before = await s.ws.store.db.runs.toArray();
  const after = await target.store.db.runs.toArray();
  expect(after).toHaveLength(before.length);
  // A run's inputs are folders named by an md5 id, so their order is the file system's (MLflow's
  // FileStore lists them unordered too): compared in dataset name order.
  const norm = (rows: typeof before) =>
    rows
      .map((r) => ({ ...r, info: { ...r.info, artifactUri: '' }, inputs: { datasetInputs: [...r.inputs.datasetInputs].sort((a, b) => (a.dataset.name < b.dataset.name ? -1 : 1)) } }))
      .sort((a, b) => (a.runId < b.runId ? -1 : 1));
  expect(norm(after)).toEqual(norm(before));
  for (const r of after) expect(r.info.artifactUri).toBe(`./mlruns/${r.info.experimentId}/${r.runId}/artifacts`);
});

test('metric histories: every point bit for bit, in logging order', async () => {
  const before = await s.ws.store.db.runs.toArray();
  let points = 0;
  for (const run of before) {
    for (const key of Object.keys(run.metricSummaries)) {
      const a = await s.client.getMetricColumns(run.runId, key);
      const b = await s.client.getMetricColumns.call({ workspace: target } as never, run.runId, key);
      expect(bits(b.values).equals(bits(a.values)), `${run.runId} ${key} values`).toBe(true);
      expect(bits(b.steps).equals(bits(a.steps)), `${run.runId} ${key} steps`).toBe(true);
      expect(bits(b.timestamps).equals(bits(a.timestamps)), `${run.runId} ${key} timestamps`).toBe(true);
      points += a.values.length;
    }
  }
  expect(points).toBeGreaterThan(40_000);
});

test('artifacts: the same files with the same bytes', async () => {
  const rows = (ws: Workspace) => ws.store.db.artifacts.toArray().then((r) => r.map(({ runId, path, size, sha256 }) => ({ runId, path, size, sha256 })));
  const before = await rows(s.ws);
  expect(await rows(target)).toEqual(before);
  for (const a of before) {
    const [x, y] = await Promise.all([s.ws.store.db.blobs.get(a.sha256), target.store.db.blobs.get(a.sha256)]);
    const bytes = async (d: Blob | ArrayBuffer | undefined) => Buffer.from(d instanceof Blob ? await d.arrayBuffer() : (d ?? new ArrayBuffer(0)));
    expect((await bytes(y?.data)).equals(await bytes(x?.data)), a.path).toBe(true);
  }
  expect(before.some((a) => a.path === 'model/model.onnx')).toBe(true);
});

describe('registry', () => {
  test('registered models: description, tags, aliases, times, the version counter', async () => {
    expect(await target.store.db.registeredModels.toArray()).toEqual(await s.ws.store.db.registeredModels.toArray());
  });

  test('versions: stage, source, run, tags, description, times; storage locations load the same files', async () => {
    const before = await s.ws.store.db.modelVersions.toArray();
    const after = await target.store.db.modelVersions.toArray();
    const sameFiles = (loc: string) => loc.replace(/^mlflow-artifacts:\/[^/]+\/([^/]+)\/artifacts\//, 'runs:/$1/');
    expect(after).toEqual(before.map((v) => ({ ...v, storageLocation: sameFiles(v.storageLocation) })));
    expect(after.map((v) => v.version)).toEqual([1, 3, 4]);
  });

  test('a new version after the round trip gets the next number, never the deleted one', async () => {
    const client = new (await import('../../../src/sdk/index')).MlflowClient(target);
    const v = await client.createModelVersion('churn', `runs:/${s.parent}/model`, { runId: s.parent });
    expect(v.version).toBe('5');
    const loaded = await client.getModelVersionByAlias('churn', 'champion');
    expect(loaded.version).toBe('1');
  });
});
