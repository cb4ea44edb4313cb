// Demo experiment 3: three model families on a small tabular problem, one point per metric -
// the shape of most quick experiments, and a good first compare view.
import { createDemoExperiment, json, HOUR, MINUTE, type DemoContext } from './demo-context';
import { round } from './curves';

const MODELS = [
  { name: 'linear-regression', family: 'linear', params: { alpha: 0.1, fit_intercept: true }, rmse: 41_200 },
  { name: 'random-forest', family: 'tree-ensemble', params: { n_estimators: 300, max_depth: 12 }, rmse: 28_900 },
  { name: 'gradient-boosting', family: 'tree-ensemble', params: { n_estimators: 600, learning_rate: 0.05, max_depth: 6 }, rmse: 25_400 },
] as const;

export const REGRESSION_RUNS = MODELS.length;
const FEATURES = ['overall_quality', 'living_area', 'garage_cars', 'year_built', 'total_basement', 'neighborhood', 'lot_area'];

export async function loadRegression(ctx: DemoContext): Promise<{ experimentId: string; runIds: string[] }> {
  const { client, rng } = ctx;
  const experimentId = await createDemoExperiment(client, 'demo/house-prices', {
    'mlflow.note.content': 'Predicting sale prices: a linear baseline against two tree ensembles.',
    team: 'tabular',
    dataset: 'ames-housing',
  });
  const runIds: string[] = [];
  for (const [i, model] of MODELS.entries()) {
    const start = ctx.now - 2 * HOUR + i * 12 * MINUTE;
    const run = await client.createRun(experimentId, { runName: model.name, startTime: start, tags: { model_family: model.family } });
    runIds.push(run.info.runId);
    const rmse = model.rmse * (1 + 0.02 * rng.normal());
    await client.logBatch(run.info.runId, {
      params: Object.entries(model.params).map(([key, value]) => ({ key, value })),
      metrics: [
        { key: 'rmse', value: round(rmse), timestamp: start + 9 * MINUTE },
        { key: 'mae', value: round(rmse * 0.68), timestamp: start + 9 * MINUTE },
        { key: 'r2', value: round(1 - (rmse / 79_000) ** 2, 4), timestamp: start + 9 * MINUTE },
      ],
    });
    const importances = FEATURES.map((f) => ({ f, w: rng.next() ** 2 }));
    const total = importances.reduce((a, b) => a + b.w, 0);
    await client.logArtifact(run.info.runId, 'feature_importances.csv',
      ['feature,importance', ...importances.sort((a, b) => b.w - a.w).map(({ f, w }) => `${f},${(w / total).toFixed(4)}`)].join('\n') + '\n');
    await client.logArtifact(run.info.runId, 'model/params.json', json(model.params));
    await client.setTerminated(run.info.runId, 'FINISHED', start + 10 * MINUTE);
    ctx.runDone(model.name);
  }
  return { experimentId, runIds };
}
