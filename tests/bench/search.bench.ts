// Issue #2 search target: 10,000 runs with 20 params, 10 metrics and 10 tags each; 10
// representative filters with order_by and max_results 1000, median of several searches each.
// Baseline: raw Dexie doing the same work (read the experiment's runs, filter in JS, sort).
import Dexie from 'dexie';
import type { Mutation } from '../../src/domain/mutations';
import { MlflowClient, openWorkspace } from '../../src/sdk/index';
import { makeBenchRun } from './bench-runs';
import { median, vsBaseline, type Benchmark, type BenchResult } from './harness';

const RUNS = 10_000;

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
      const creates: Mutation[] = Array.from({ length: RUNS }, (_, i) => ({ type: 'run/create', run: makeBenchRun(i, experimentId) }));
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
