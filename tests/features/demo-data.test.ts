import 'fake-indexeddb/auto';
import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { DEMO_RUN_COUNT, loadDemoData, type DemoProgress } from '../../src/features/demo/demo-data';
import { trainingCurve } from '../../src/features/demo/curves';
import { encodePng, createImage, fillRect, crc32 } from '../../src/features/demo/png';
import { seededRandom } from '../../src/features/demo/random';
import type { MlflowClient, Run } from '../../src/sdk/index';
import { freshClient } from '../sdk/helpers';

const NOW = Date.UTC(2025, 0, 15, 12);

async function runsOf(client: MlflowClient, experimentId: string): Promise<Run[]> {
  return (await client.searchRuns({ experimentIds: [experimentId], runViewType: 'ALL', orderBy: ['attributes.run_name'] })).runs;
}

/** Everything seeded about a run: name, status, params, latest metrics, tags that are not ids. */
function shape(run: Run) {
  const { 'mlflow.parentRunId': parent, best_run_id: best, ...tags } = run.data.tags;
  return { name: run.info.runName, status: run.info.status, params: run.data.params, metrics: run.data.metrics, tags, nested: !!parent, hasBest: !!best };
}

describe('loadDemoData', () => {
  test('writes the sweep, the long curves and the regression runs, reporting progress per run', async () => {
    const { client } = await freshClient();
    const progress: DemoProgress[] = [];
    const t0 = performance.now();
    const result = await loadDemoData(client, { now: NOW, onProgress: (p) => progress.push(p) });
    const seconds = (performance.now() - t0) / 1000;
    expect(seconds).toBeLessThan(60);

    expect(progress[0]).toMatchObject({ done: 0, total: DEMO_RUN_COUNT });
    expect(progress.at(-1)).toMatchObject({ done: DEMO_RUN_COUNT, total: DEMO_RUN_COUNT });
    expect(progress.map((p) => p.done)).toEqual([...Array(DEMO_RUN_COUNT + 1).keys()]);
    expect(result.runIds).toHaveLength(DEMO_RUN_COUNT);

    const [sweepId, longId, tabularId] = result.experimentIds as [string, string, string];
    const sweep = await client.getExperiment(sweepId);
    expect(sweep.name).toBe('demo/cifar10-sweep');
    expect(sweep.tags['mlflow.note.content']).toContain('# CIFAR-10');

    // The sweep: a parent and 12 nested children, one FAILED, the parent pointing at the best.
    const sweepRuns = await runsOf(client, sweepId);
    const parent = sweepRuns.find((r) => r.info.runName === 'lr-dropout-sweep')!;
    const children = sweepRuns.filter((r) => r.data.tags['mlflow.parentRunId'] === parent.info.runId);
    expect(children).toHaveLength(12);
    expect(children.filter((r) => r.info.status === 'FAILED').map((r) => r.info.runName)).toEqual(['lr=0.1 dropout=0']);
    const best = children.find((r) => r.info.runId === parent.data.tags.best_run_id)!;
    expect(parent.data.metrics.best_val_accuracy).toBeCloseTo(best.data.metrics.val_accuracy!, 1);
    expect(Math.max(...children.map((r) => r.data.metrics.val_accuracy ?? 0))).toBeLessThan(1);
    expect(parent.data.tags['mlflow.note.content']).toMatch(/grid search/);
    expect((await client.listArtifacts(parent.info.runId)).map((f) => f.path)).toEqual(['best_params.json', 'plots', 'sweep_results.csv']);

    // The long curves: 20,000 points per metric, with a spike.
    const longRuns = await runsOf(client, longId);
    expect(longRuns).toHaveLength(5);
    const summaries = await client.getMetricSummaries(longRuns[0]!.info.runId);
    expect(summaries.loss!.count).toBe(20_000);
    expect(summaries.accuracy!.count).toBe(20_000);
    expect(summaries.learning_rate!.count).toBe(200);
    const loss = await client.getMetricColumns(longRuns[0]!.info.runId, 'loss');
    expect(loss.values[0]).toBeGreaterThan(5);
    expect(loss.values[19_999]).toBeLessThan(1.2);
    expect(longRuns[0]!.inputs.datasetInputs[0]?.dataset.name).toBe('imagenet-subset');

    // Artifacts: a real PNG, a CSV with a header and ten classes, parseable JSON.
    const runId = longRuns[0]!.info.runId;
    const png = new Uint8Array(await (await client.downloadArtifact(runId, 'plots/confusion_matrix.png')).arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const csv = await (await client.downloadArtifact(runId, 'eval/per_class_metrics.csv')).text();
    expect(csv.trim().split('\n')).toHaveLength(11);
    expect(JSON.parse(await (await client.downloadArtifact(runId, 'config.json')).text())).toMatchObject({ model: 'resnet50', steps: 20_000 });

    expect(await runsOf(client, tabularId)).toHaveLength(3);
    expect(await client.countRuns({ experimentIds: result.experimentIds })).toEqual({ [sweepId]: 13, [longId]: 5, [tabularId]: 3 });
  });

  test('is deterministic for a seed, and loading twice picks fresh experiment names', async () => {
    const { client } = await freshClient();
    const first = await loadDemoData(client, { now: NOW, longSteps: 300 });
    const second = await loadDemoData(client, { now: NOW, longSteps: 300 });
    const names = await Promise.all([...first.experimentIds, ...second.experimentIds].map(async (id) => (await client.getExperiment(id)).name));
    expect(names).toEqual(['demo/cifar10-sweep', 'demo/long-training', 'demo/house-prices', 'demo/cifar10-sweep (2)', 'demo/long-training (2)', 'demo/house-prices (2)']);
    for (let i = 0; i < 3; i++) {
      const a = (await runsOf(client, first.experimentIds[i]!)).map(shape);
      const b = (await runsOf(client, second.experimentIds[i]!)).map(shape);
      expect(b).toEqual(a);
    }
    const { client: other } = await freshClient();
    const reseeded = await loadDemoData(other, { now: NOW, longSteps: 300, seed: 7 });
    const a = (await runsOf(client, first.experimentIds[0]!)).map(shape);
    expect((await runsOf(other, reseeded.experimentIds[0]!)).map(shape)).not.toEqual(a);
  });
});

describe('demo building blocks', () => {
  test('the PNG encoder writes a valid header, CRCs and a raster that inflates back', async () => {
    const img = createImage(3, 2, [0, 0, 0]);
    fillRect(img, 1, 0, 5, 1, [255, 0, 10]); // clipped at the edge
    const png = await encodePng(img);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([3, 2]);
    expect(view.getUint32(29)).toBe(crc32(png.subarray(12, 29)));
    const idatLength = view.getUint32(33);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect([...raw]).toEqual([0, 0, 0, 0, 255, 0, 10, 255, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(String.fromCharCode(...png.subarray(-8, -4))).toBe('IEND');
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the standard check value
  });

  test('training curves fall, spike where asked, and recover', () => {
    const curve = trainingCurve(seededRandom(1), {
      steps: 2000, initialLoss: 5, finalLoss: 0.5, decaySteps: 200, noise: 0.01,
      spike: { atStep: 1000, height: 2, recoverySteps: 30 }, bestAccuracy: 0.9,
    });
    expect(curve.loss[0]).toBeGreaterThan(4.5);
    expect(curve.loss[999]).toBeLessThan(0.6);
    expect(curve.loss[1000]).toBeGreaterThan(2.2);
    expect(curve.loss[1999]).toBeLessThan(0.6);
    expect(curve.accuracy[1999]).toBeGreaterThan(0.85);
    expect(trainingCurve(seededRandom(1), { steps: 5, initialLoss: 5, finalLoss: 1, decaySteps: 2, noise: 0.1, bestAccuracy: 0.9 }).loss)
      .toEqual(trainingCurve(seededRandom(1), { steps: 5, initialLoss: 5, finalLoss: 1, decaySteps: 2, noise: 0.1, bestAccuracy: 0.9 }).loss);
  });
});
