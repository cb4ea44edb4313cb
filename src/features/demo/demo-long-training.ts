// Demo experiment 2: five seeds of a long image-classifier training run, `longSteps` (20,000 by
// default) points each of loss and accuracy, with noise and a loss spike the run recovers from,
// so charts have something real to downsample and to zoom into. Points go through the metric
// queue (`synchronous: false` + flush), the path a training loop uses, which is ~100x faster
// than a write per point.
import { confusionMatrix, confusionMatrixPng, perClassCsv, samplePredictionsPng } from './demo-artifacts';
import { createDemoExperiment, json, HOUR, MINUTE, type DemoContext } from './demo-context';
import { round, trainingCurve } from './curves';

export const LONG_TRAINING_RUNS = 5;
const STEP_MS = 500;
const LR_EVERY = 100;

const DESCRIPTION = `# ResNet-50, five seeds

Same configuration, five random seeds: how much does the seed alone move the result?

Every run hits a **loss spike** (a bad batch after a learning-rate warm restart) and recovers.`;

export async function loadLongTraining(ctx: DemoContext): Promise<{ experimentId: string; runIds: string[] }> {
  const { client, rng } = ctx;
  const experimentId = await createDemoExperiment(client, 'demo/long-training', {
    'mlflow.note.content': DESCRIPTION,
    team: 'vision',
    dataset: 'imagenet-subset',
  });
  const runIds: string[] = [];
  for (let seed = 0; seed < LONG_TRAINING_RUNS; seed++) {
    const steps = ctx.longSteps;
    const start = ctx.now - 5 * HOUR + seed * 7 * MINUTE;
    const name = `resnet50-seed-${seed}`;
    const run = await client.createRun(experimentId, {
      runName: name,
      startTime: start,
      tags: { 'mlflow.note.content': `Seed **${seed}** of the five-seed study.`, model: 'resnet50', hardware: 'a100-40gb' },
    });
    const runId = run.info.runId;
    runIds.push(runId);
    const bestAccuracy = 0.78 + 0.01 * rng.normal();
    await client.logBatch(runId, {
      params: [
        { key: 'seed', value: seed },
        { key: 'lr', value: 0.0003 },
        { key: 'warmup_steps', value: Math.round(steps / 20) },
        { key: 'steps', value: steps },
        { key: 'batch_size', value: 64 },
        { key: 'optimizer', value: 'adamw' },
      ],
    });
    await client.logInputs(runId, [
      {
        dataset: { name: 'imagenet-subset', digest: 'a1b2c3d4', sourceType: 'http', source: 'https://example.org/datasets/imagenet-subset.tar' },
        tags: [{ key: 'mlflow.data.context', value: 'training' }],
      },
    ]);

    const curve = trainingCurve(rng, {
      steps,
      initialLoss: 6.9,
      finalLoss: 0.85 + 0.05 * rng.normal(),
      decaySteps: steps / 6,
      noise: 0.04,
      spike: { atStep: Math.round(steps * (0.3 + 0.1 * seed)), height: 1.6, recoverySteps: steps / 80 },
      bestAccuracy,
    });
    for (let step = 0; step < steps; step++) {
      const timestamp = start + step * STEP_MS;
      await client.logMetric(runId, 'loss', round(curve.loss[step] ?? 0), { step, timestamp, synchronous: false });
      await client.logMetric(runId, 'accuracy', round(curve.accuracy[step] ?? 0), { step, timestamp, synchronous: false });
      if (step % LR_EVERY === 0) {
        // Cosine decay after a linear warm-up.
        const warm = Math.min(1, step / (steps / 20));
        const lr = 0.0003 * warm * 0.5 * (1 + Math.cos((Math.PI * step) / steps));
        await client.logMetric(runId, 'learning_rate', round(lr), { step, timestamp, synchronous: false });
      }
    }
    await client.flush();

    const matrix = confusionMatrix(rng, bestAccuracy);
    await client.logArtifact(runId, 'plots/confusion_matrix.png', await confusionMatrixPng(matrix));
    await client.logArtifact(runId, 'plots/sample_predictions.png', await samplePredictionsPng(rng, bestAccuracy));
    await client.logArtifact(runId, 'eval/per_class_metrics.csv', perClassCsv(matrix));
    await client.logArtifact(runId, 'config.json', json({ model: 'resnet50', seed, lr: 0.0003, steps, batch_size: 64, optimizer: 'adamw' }));
    await client.setTerminated(runId, 'FINISHED', start + steps * STEP_MS);
    ctx.runDone(name);
  }
  return { experimentId, runIds };
}
