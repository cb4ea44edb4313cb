// Issue #2 search target: 10,000 runs with 20 params, 10 metrics and 10 tags each; 10
// representative filters with order_by and max_results 1000, median of several searches each.
// Baseline: raw Dexie doing the same work (read the experiment's runs, filter in JS, sort).
import Dexie from 'dexie';
import type { Mutation } from '../../src/domain/mutations';
import type { Run } from '../../src/domain/entities';
import { MlflowClient, openWorkspace } from '../../src/sdk/index';
import { median, vsBaseline, type Benchmark, type BenchResult } from './harness';

const RUNS = 10_000;

function makeRun(i: number, experimentId: string): Run {
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

const FILTERS: Array<[string, string[]]> = [
  ['metrics.m0 > 0.5', ['metrics.m0 DESC']],
  ["params.p1 = '10'", ['start_time DESC']],
  ["tags.t0 = 'alpha' AND metrics.m1 < 0.3", ['metrics.m1 ASC']],
  ["attributes.status = 'FAILED'", ['attributes.start_time ASC']],
  ["params.p3 LIKE '1%'", ['params.p3 ASC']],
  ["tags.t2 ILIKE 'GAM%'", ['metrics.m2 DESC']],
  ["run_name LIKE 'run-9%'", ['run_name ASC']],
  ['metrics.m3 >= 0.1 AND metrics.m3 <= 0.2', ['metrics.m3 DESC', 'start_time ASC']],
  ["metrics.m4 > 0.9 OR params.p5 = '7'", ['metrics.m4 DESC']],
  ['', ['metrics.m5 DESC']],
];

export const searchBench: Benchmark = {
  name: 'search-runs',
  async run() {
    const ws = await openWorkspace({ name: `bench-search-${Date.now()}` });
    try {
      const client = new MlflowClient(ws);
      const experimentId = await client.createExperiment('bench');
      const creates: Mutation[] = Array.from({ length: RUNS }, (_, i) => ({ type: 'run/create', run: makeRun(i, experimentId) }));
      await ws.store.mutations.apply(creates);
      const results: BenchResult[] = [];
      for (const [filterString, orderBy] of FILTERS) {
        let hits = 0;
        const ms = await median(async () => {
          hits = (await client.searchRuns({ experimentIds: [experimentId], filterString, orderBy, maxResults: 1000 })).runs.length;
        }, { repeat: 7, warmup: 1 });
        // Raw Dexie doing comparable work: read the experiment's rows, filter, sort, slice.
        const key = orderBy[0]?.split(' ')[0]?.replace(/^metrics\./, '') ?? 'm0';
        const baseline = await median(async () => {
          const rows = await ws.store.db.runs.where('info.experimentId').equals(experimentId).toArray();
          rows.filter((r) => r.info.lifecycleStage === 'active').sort((a, b) => (b.data.metrics[key] ?? 0) - (a.data.metrics[key] ?? 0)).slice(0, 1000);
        }, { repeat: 3, warmup: 0 });
        results.push(vsBaseline({ name: `${filterString || '(no filter)'} ORDER BY ${orderBy.join(', ')}`, value: ms, baseline, unit: 'ms', target: 100, notes: `${hits} hits; median of 7` }));
      }
      return results;
    } finally {
      await ws.close();
      await Dexie.delete(ws.store.db.name);
    }
  },
};
