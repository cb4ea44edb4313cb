// Demo experiment 1: a grid search over learning rate and dropout, as MLflow users log it - a
// parent run with one nested child per trial (tag mlflow.parentRunId), per-epoch curves, one
// trial that diverges and fails, and the parent summarising the winner.
import { confusionMatrix, confusionMatrixPng, perClassCsv } from './demo-artifacts';
import { createDemoExperiment, json, MINUTE, HOUR, type DemoContext } from './demo-context';
import { round } from './curves';

export const SWEEP_LEARNING_RATES = [0.1, 0.03, 0.01, 0.003] as const;
export const SWEEP_DROPOUTS = [0, 0.25, 0.5] as const;
export const SWEEP_RUNS = 1 + SWEEP_LEARNING_RATES.length * SWEEP_DROPOUTS.length;
const EPOCHS = 30;

const DESCRIPTION = `# CIFAR-10 learning-rate x dropout sweep

A **grid search** over the learning rate and dropout of a ResNet-18, 30 epochs per trial.

- Each trial is a *nested run* under the sweep's parent run.
- \`lr=0.1 dropout=0\` diverges and is marked FAILED.
- The parent logs \`best_val_accuracy\` and the winning parameters.`;

interface Trial {
  runId: string;
  lr: number;
  dropout: number;
  valAccuracy: number;
}

/** Final validation accuracy: best near lr=0.01 and dropout=0.25, worse further away (log scale for lr). */
function trialQuality(ctx: DemoContext, lr: number, dropout: number): number {
  const lrMiss = Math.log10(lr / 0.01);
  return 0.915 - 0.045 * lrMiss * lrMiss - 0.12 * (dropout - 0.25) ** 2 + 0.006 * ctx.rng.normal();
}

export async function loadSweep(ctx: DemoContext): Promise<{ experimentId: string; runIds: string[] }> {
  const { client, rng } = ctx;
  const experimentId = await createDemoExperiment(client, 'demo/cifar10-sweep', {
    'mlflow.note.content': DESCRIPTION,
    team: 'vision',
    dataset: 'cifar10',
  });
  const start = ctx.now - 26 * HOUR;
  const parent = await client.createRun(experimentId, {
    runName: 'lr-dropout-sweep',
    startTime: start,
    tags: { 'mlflow.note.content': DESCRIPTION, 'sweep.strategy': 'grid', model: 'resnet18' },
  });
  const parentId = parent.info.runId;
  await client.logBatch(parentId, {
    params: [
      { key: 'search.lr', value: SWEEP_LEARNING_RATES.join(',') },
      { key: 'search.dropout', value: SWEEP_DROPOUTS.join(',') },
      { key: 'epochs', value: EPOCHS },
      { key: 'optimizer', value: 'sgd' },
    ],
  });

  const trials: Trial[] = [];
  const childIds: string[] = [];
  let t = start + MINUTE;
  for (const lr of SWEEP_LEARNING_RATES) {
    for (const dropout of SWEEP_DROPOUTS) {
      const diverged = lr === 0.1 && dropout === 0;
      const final = trialQuality(ctx, lr, dropout);
      const epochs = diverged ? 9 : EPOCHS;
      const name = `lr=${lr} dropout=${dropout}`;
      const run = await client.createRun(experimentId, {
        runName: name,
        startTime: t,
        tags: { 'mlflow.parentRunId': parentId, model: 'resnet18', trial: String(childIds.length) },
      });
      childIds.push(run.info.runId);
      const metrics = [];
      for (let e = 0; e < epochs; e++) {
        const progress = 1 - Math.exp(-(e + 1) / 6);
        // A diverging run's loss turns upward after a few epochs.
        const blowUp = diverged ? Math.exp(Math.max(0, e - 3) / 1.5) - 1 : 0;
        const timestamp = t + (e + 1) * 40_000;
        const valLoss = round((2.3 - 2.05 * progress * final) * (1 + 0.03 * rng.normal()) + blowUp);
        metrics.push(
          { key: 'train_loss', value: round(valLoss * (0.92 - 0.2 * progress * (0.5 - dropout)) + 0.02 * rng.normal()), step: e, timestamp },
          { key: 'val_loss', value: valLoss, step: e, timestamp },
          { key: 'val_accuracy', value: round(diverged ? 0.1 + 0.02 * rng.next() : 0.1 + (final - 0.1) * progress + 0.006 * rng.normal()), step: e, timestamp },
        );
      }
      await client.logBatch(run.info.runId, {
        params: [
          { key: 'lr', value: lr },
          { key: 'dropout', value: dropout },
          { key: 'batch_size', value: 128 },
          { key: 'epochs', value: EPOCHS },
          { key: 'optimizer', value: 'sgd' },
        ],
        metrics,
      });
      await client.logArtifact(run.info.runId, 'config.json', json({ model: 'resnet18', lr, dropout, batch_size: 128, epochs: EPOCHS, seed: childIds.length - 1 }));
      const end = t + epochs * 40_000 + 5_000;
      await client.setTerminated(run.info.runId, diverged ? 'FAILED' : 'FINISHED', end);
      if (!diverged) trials.push({ runId: run.info.runId, lr, dropout, valAccuracy: round(final, 4) });
      else await client.setTag(run.info.runId, 'failure', 'loss diverged (NaN guard tripped at epoch 9)');
      ctx.runDone(name);
      t = end + 30_000;
    }
  }

  const best = trials.reduce((a, b) => (b.valAccuracy > a.valAccuracy ? b : a));
  const matrix = confusionMatrix(rng, best.valAccuracy);
  const png = await confusionMatrixPng(matrix);
  await client.logArtifact(best.runId, 'plots/confusion_matrix.png', png);
  await client.logArtifact(best.runId, 'eval/per_class_metrics.csv', perClassCsv(matrix));
  await client.setTag(best.runId, 'best_trial', 'true');

  await client.logMetric(parentId, 'best_val_accuracy', best.valAccuracy, { timestamp: t });
  await client.logArtifact(parentId, 'sweep_results.csv',
    ['run_id,lr,dropout,val_accuracy', ...trials.map((r) => `${r.runId},${r.lr},${r.dropout},${r.valAccuracy}`)].join('\n') + '\n');
  await client.logArtifact(parentId, 'best_params.json', json({ lr: best.lr, dropout: best.dropout, val_accuracy: best.valAccuracy, run_id: best.runId }));
  await client.logArtifact(parentId, 'plots/confusion_matrix.png', png);
  await client.setTag(parentId, 'best_run_id', best.runId);
  await client.setTerminated(parentId, 'FINISHED', t);
  ctx.runDone('lr-dropout-sweep');
  return { experimentId, runIds: [parentId, ...childIds] };
}
