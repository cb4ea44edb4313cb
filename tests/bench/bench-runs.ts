// Synthetic runs for benchmarks: 20 params, 10 metrics and 10 tags each, deterministic.
import type { Run } from '../../src/domain/entities';

export function makeBenchRun(i: number, experimentId: string): Run {
  const params: Record<string, string> = {};
  const metrics: Record<string, number> = {};
  const tags: Record<string, string> = { 'mlflow.runName': `run-${i}` };
  for (let p = 0; p < 20; p++) params[`p${p}`] = String((i * (p + 1)) % 50);
  for (let m = 0; m < 10; m++) metrics[`m${m}`] = ((i * 7919 + m * 104729) % 10_000) / 10_000;
  for (let t = 0; t < 10; t++) tags[`t${t}`] = ['alpha', 'beta', 'gamma', 'delta'][(i + t) % 4] as string;
  const runId = i.toString(16).padStart(32, '0');
  return {
    info: { runId, runName: `run-${i}`, experimentId, userId: 'bench', status: i % 10 === 0 ? 'FAILED' : 'FINISHED', startTime: 1_700_000_000_000 + i, endTime: 1_700_000_100_000 + i, artifactUri: '', lifecycleStage: 'active' },
    data: { metrics, params, tags },
    inputs: { datasetInputs: [] },
  };
}

