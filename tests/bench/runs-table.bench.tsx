// Issue #3 targets for the runs table with 10,000 runs (20 params, 10 metrics, 10 tags each):
// first paint within 500 ms of opening the view, and a filter applied within 150 ms. The view is
// the real RunsPage in a MemoryRouter. Baseline: raw Dexie reading the same runs and the DOM
// drawing every row of a plain table (what a non-virtualised table would do).
import Dexie from 'dexie';
import { MemoryRouter, Route, createMemoryHistory } from '@solidjs/router';
import { render } from 'solid-js/web';
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';
import type { Mutation } from '../../src/domain/mutations';
import { RunsPage } from '../../src/features/runs/RunsPage';
import { WorkspaceProvider } from '../../src/ui/workspace-context';
import { makeBenchRun } from './bench-runs';
import { median, vsBaseline, type Benchmark } from './harness';

const RUNS = 10_000;

/** Resolves when `check` holds, checking after every DOM change (and at least every frame). */
function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const tick = (): void => {
      if (check()) return resolve();
      if (performance.now() - t0 > timeoutMs) return reject(new Error('timed out waiting for the table'));
      requestAnimationFrame(tick);
    };
    tick();
  });
}

async function openView(ws: Workspace, experimentId: string, host: HTMLElement): Promise<{ ms: number; history: ReturnType<typeof createMemoryHistory>; dispose: () => void }> {
  const history = createMemoryHistory();
  history.set({ value: `/experiments/${experimentId}` });
  const t0 = performance.now();
  const dispose = render(() => (
    <WorkspaceProvider workspace={ws} client={new MlflowClient(ws)}>
      <MemoryRouter history={history}>
        <Route path="/experiments/:experimentId" component={RunsPage} />
      </MemoryRouter>
    </WorkspaceProvider>
  ), host);
  await until(() => host.querySelectorAll('tr[data-run-id]').length > 0);
  return { ms: performance.now() - t0, history, dispose };
}

export const runsTableBench: Benchmark = {
  name: 'runs-table',
  async run() {
    const ws = await openWorkspace({ name: `bench-table-${Date.now()}` });
    const host = document.createElement('div');
    document.body.append(host);
    try {
      const client = new MlflowClient(ws);
      const experimentId = await client.createExperiment('table');
      const creates: Mutation[] = Array.from({ length: RUNS }, (_, i) => ({ type: 'run/create', run: makeBenchRun(i, experimentId) }));
      await ws.store.mutations.apply(creates);

      // The page's code has run once before (as it has in the app by the time a user opens an
      // experiment): warm it on a one-run experiment, then open the 10,000-run one cold, i.e.
      // with the run cache filled from IndexedDB.
      const small = await client.createExperiment('small');
      await client.createRun(small);
      (await openView(ws, small, host)).dispose();
      const cold = await openView(ws, experimentId, host);
      cold.dispose();
      const warm = await median(async () => {
        const v = await openView(ws, experimentId, host);
        v.dispose();
      }, { repeat: 5, warmup: 0 });

      const view = await openView(ws, experimentId, host);
      const count = () => host.querySelector('.run-count')?.textContent ?? '';
      const filters = ["params.p1 = '10'", 'metrics.m0 > 0.5', "tags.t0 = 'alpha' AND metrics.m1 < 0.3", ''];
      const filterTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        for (const f of filters) {
          const before = count();
          const t0 = performance.now();
          view.history.set({ value: `/experiments/${experimentId}${f ? `?filter=${encodeURIComponent(f)}` : ''}` });
          await until(() => count() !== before);
          filterTimes.push(performance.now() - t0);
        }
      }
      view.dispose();
      filterTimes.sort((a, b) => a - b);
      const filterMs = filterTimes[Math.floor(filterTimes.length / 2)] as number;

      const baseline = await median(async () => {
        const rows = await ws.store.db.runs.where('info.experimentId').equals(experimentId).toArray();
        const table = document.createElement('table');
        for (const r of rows) {
          const tr = table.insertRow();
          tr.insertCell().textContent = r.info.runName;
          for (let m = 0; m < 6; m++) tr.insertCell().textContent = String(r.data.metrics[`m${m}`]);
        }
        host.replaceChildren(table);
        table.getBoundingClientRect(); // force layout, as a paint would
      }, { repeat: 3, warmup: 0 });
      host.replaceChildren();

      return [
        { name: `open view, ${RUNS} runs, cold (cache filled from IndexedDB)`, value: cold.ms, unit: 'ms', target: 500, notes: '1 run' },
        vsBaseline({ name: `open view, ${RUNS} runs, first rows painted`, value: warm, baseline, unit: 'ms', target: 500, notes: 'median of 5; baseline = raw Dexie read + plain table of every row' }),
        { name: 'apply a filter (URL change to new rows)', value: filterMs, unit: 'ms', target: 150, notes: `median of ${filterTimes.length} over 4 filters` },
      ];
    } finally {
      host.remove();
      await ws.close();
      await Dexie.delete(ws.store.db.name);
    }
  },
};
