// A workspace holding one of everything an export must carry: experiments with tags (one nested
// key), nested and deleted runs, every run status, params, tags, metric histories with NaN,
// ±Infinity, -0, tiny/huge values and negative steps (one long enough for several chunks),
// dataset inputs, artifacts in folders (binary, empty, deep), a logged ONNX model, a deleted
// experiment with a run, and a registry with versions, stages, aliases and tags.
import { readFileSync } from 'node:fs';
import type { MlflowClient, Workspace } from '../../../src/sdk/index';
import { freshClient } from '../helpers';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
export const WINE_ONNX = `${FIX}/onnx/mlflow-export-import/model.onnx`;

export interface SampleWorkspace {
  ws: Workspace;
  client: MlflowClient;
  expA: string;
  expDeleted: string;
  parent: string;
  child: string;
  grandChild: string;
  deletedRun: string;
  running: string;
  inDeletedExp: string;
  inDefault: string;
  /** 0..255 */
  binary: Uint8Array;
}

export const SPECIAL_VALUES = [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e-5, 1e16, 123456789.125, -3, 1 / 3];
export const LONG_POINTS = 40_000;
/** non-ASCII, one astral character: written raw in meta.yaml, as allow_unicode=True writes it */
export const UNICODE_NAME = 'Äpfel & Birnen: 苹果 🍎';
export const LONG_UNICODE = 'Ein Modell für Äpfel — das über achtzig Spalten lang ist, damit PyYAML die Zeile umbricht, 苹果 🍎 und so weiter';
/** longer than PyYAML's 80 columns, so meta.yaml folds it as PyYAML does */
export const IRIS_SOURCE = '{"url": "https://example.org/datasets/iris/v2/iris.csv", "format": "csv", "note": "it\'s long: folded"}';

export async function sampleWorkspace(): Promise<SampleWorkspace> {
  const { ws, client } = await freshClient();
  const t0 = 1_700_000_000_000;
  const expA = await client.createExperiment('exports-a', { tags: { team: 'ml', 'nested/key': 'deep value', note: 'multi\nline: yes' } });
  const parent = (await client.createRun(expA, { runName: 'parent', startTime: t0, tags: { owner: 'ana' } })).info.runId;
  const child = (await client.createRun(expA, { runName: 'child', startTime: t0 + 1, tags: { 'mlflow.parentRunId': parent } })).info.runId;
  const grandChild = (await client.createRun(expA, { runName: 'grand-child', startTime: t0 + 2, tags: { 'mlflow.parentRunId': child } })).info.runId;
  const deletedRun = (await client.createRun(expA, { runName: 'gone', startTime: t0 + 3 })).info.runId;
  const running = (await client.createRun(expA, { runName: 'still-running', startTime: t0 + 4 })).info.runId;

  await client.logBatch(parent, {
    params: [
      { key: 'lr', value: 0.01 },
      { key: 'optimizer/name', value: 'adam' },
      { key: 'empty', value: '' },
      { key: 'text', value: 'ends with newline\n' },
    ],
    tags: [{ key: 'stage/kind', value: 'tuning' }],
    metrics: SPECIAL_VALUES.map((value, i) => ({ key: 'special', value, step: i - 3, timestamp: t0 + i })),
  });
  await client.logBatch(parent, { metrics: [{ key: 'loss/train', value: 2, step: 0, timestamp: t0 }, { key: 'loss/train', value: 1.5, step: 1, timestamp: t0 + 10 }] });
  // Through the metric queue (asynchronous logging), as a training loop logs.
  for (let i = 0; i < LONG_POINTS; i++) await client.logMetric(parent, 'long', Math.sin(i) * 100, { step: i, timestamp: t0 + i, synchronous: false });
  await ws.flush();
  await client.logInputs(parent, [
    { dataset: { name: 'iris', digest: 'abc123', sourceType: 'http', source: IRIS_SOURCE, schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 150}' }, tags: [{ key: 'mlflow.data.context', value: 'train' }] },
    { dataset: { name: 'iris-eval', digest: 'def456', sourceType: 'code', source: '{}' }, tags: [] },
  ]);
  const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
  await client.logArtifact(parent, 'plots/loss.png', binary);
  await client.logArtifact(parent, 'notes.txt', 'hello\n');
  await client.logArtifact(parent, 'deep/a/b/c.json', '{"a": [1, 2, 3]}');
  await client.logArtifact(parent, 'empty.txt', '');
  await client.logArtifact(parent, 'big.csv', 'x,y\n'.repeat(50_000));
  const onnx = readFileSync(WINE_ONNX);
  await client.logModel(parent, onnx.buffer.slice(onnx.byteOffset, onnx.byteOffset + onnx.byteLength) as ArrayBuffer, { artifactPath: 'model' });
  await client.setTerminated(parent, 'FINISHED', t0 + 1000);

  await client.logMetric(child, 'acc', 0.75, { step: 0, timestamp: t0 + 5 });
  await client.logParam(child, 'depth', 3);
  await client.setTerminated(child, 'FAILED', t0 + 2000);
  await client.setTerminated(grandChild, 'KILLED', t0 + 3000);
  await client.logParam(deletedRun, 'x', 'y');
  await client.setTerminated(deletedRun, 'FINISHED', t0 + 4000);
  await client.deleteRun(deletedRun);
  await client.logMetric(running, 'progress', 0.1, { step: -5, timestamp: t0 + 6 });

  const expDeleted = await client.createExperiment('alt — Zeug', { tags: { why: 'obsolete' } });
  const inDeletedExp = (await client.createRun(expDeleted, { runName: 'old-run', startTime: t0 + 7 })).info.runId;
  await client.logMetric(inDeletedExp, 'm', 1, { step: 0, timestamp: t0 + 8 });
  await client.logArtifact(inDeletedExp, 'out/result.txt', 'old result');
  await client.setTerminated(inDeletedExp, 'FINISHED', t0 + 9);
  await client.deleteExperiment(expDeleted);

  const inDefault = (await client.createRun('0', { runName: UNICODE_NAME, startTime: t0 + 10 })).info.runId;
  await client.setTerminated(inDefault, 'FINISHED', t0 + 11);

  // Who registers: Orchard keeps it on models and versions (user_id).
  await ws.store.setUserProfile({ name: 'Ana Ng', email: 'ana@example.org' });
  await client.createRegisteredModel('churn', { tags: { team: 'growth', 'k/nested': 'v' }, description: 'weekly churn' });
  await client.createRegisteredModel('Äpfel', { description: LONG_UNICODE });
  await client.createModelVersion('churn', `runs:/${parent}/model`, { runId: parent, tags: { validated: 'true' }, description: 'first' });
  await client.createModelVersion('churn', `runs:/${child}/model`, { runId: child });
  await client.createModelVersion('churn', `mlflow-artifacts:/${expA}/${parent}/artifacts/model`, { runId: parent, runLink: 'http://example.org/run' });
  await client.createModelVersion('churn', 's3://bucket/elsewhere/model');
  await client.transitionModelVersionStage('churn', 1, 'Production');
  await client.transitionModelVersionStage('churn', 3, 'Staging');
  await client.transitionModelVersionStage('churn', 4, 'Archived');
  await client.setRegisteredModelAlias('churn', 'champion', 1);
  await client.setRegisteredModelAlias('churn', 'challenger', 3);
  await client.deleteModelVersion('churn', 2);
  await client.createRegisteredModel('no-versions-yet');

  return { ws, client, expA, expDeleted, parent, child, grandChild, deletedRun, running, inDeletedExp, inDefault, binary };
}
