// Issue #2 performance targets for metric logging and history reads, in real IndexedDB:
// 1,000,000 points (10 keys x 100,000 steps) through the fluent API, against a raw Dexie
// bulkPut of one row per point (the same points, in 10k-row batches, the fastest per-point form).
import Dexie from 'dexie';
import { mlflow, openWorkspace } from '../../src/sdk/index';
import { MlflowClient } from '../../src/sdk/client';
import { median, time, vsBaseline, type Benchmark } from './harness';

const KEYS = 10;
const STEPS = 100_000;
const POINTS = KEYS * STEPS;

async function rawPerPointBaseline(): Promise<{ writeMs: number; readMs: number }> {
  const name = `orchard-bench-raw-${Date.now()}`;
  const db = new Dexie(name);
  db.version(1).stores({ points: '[runId+key+step]' });
  try {
    const t0 = Date.now();
    const writeMs = await time(async () => {
      for (let k = 0; k < KEYS; k++) {
        for (let from = 0; from < STEPS; from += 10_000) {
          const rows = Array.from({ length: 10_000 }, (_, i) => ({ runId: 'r', key: `m${k}`, step: from + i, timestamp: t0 + from + i, value: Math.sin((from + i) / 100) }));
          await db.table('points').bulkPut(rows);
        }
      }
    });
    const readMs = await median(() => db.table('points').where('[runId+key+step]').between(['r', 'm0', Dexie.minKey], ['r', 'm0', Dexie.maxKey]).toArray(), { repeat: 3 });
    return { writeMs, readMs };
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

export const loggingBench: Benchmark = {
  name: 'metric-logging',
  async run() {
    const ws = await openWorkspace({ name: `bench-logging-${Date.now()}` });
    try {
      mlflow.setWorkspace(ws);
      const run = await mlflow.startRun({ runName: 'bench' });
      const t0 = Date.now();
      const logMs = await time(async () => {
        for (let step = 0; step < STEPS; step++) {
          for (let k = 0; k < KEYS; k++) mlflow.logMetric(`m${k}`, Math.sin(step / 100), step, { timestamp: t0 + step });
        }
        await mlflow.flush();
      });
      await mlflow.endRun();
      const client = new MlflowClient(ws);
      const oneKey = await client.getMetricColumns(run.info.runId, 'm0');
      if (oneKey.values.length !== STEPS) throw new Error(`expected ${STEPS} points, read ${oneKey.values.length}`);

      // A key with 1,000,000 points for the read targets.
      const big = await client.createRun('0', { runName: 'big' });
      for (let step = 0; step < POINTS; step++) client.logMetric(big.info.runId, 'loss', Math.sin(step / 1000) + (step % 97) / 97, { step, timestamp: t0 + step, synchronous: false });
      await client.flush();
      const fullMs = await median(() => client.getMetricColumns(big.info.runId, 'loss'), { repeat: 5 });
      const sampledMs = await median(() => client.getMetricColumns(big.info.runId, 'loss', { maxPoints: 2000 }), { repeat: 5 });

      const raw = await rawPerPointBaseline();
      const rate = (POINTS / logMs) * 1000;
      return [
        { ...vsBaseline({ name: `log ${POINTS / 1e6}M points via mlflow.logMetric + flush`, value: logMs, baseline: raw.writeMs, unit: 'ms', target: 1000 }), notes: `${Math.round(rate).toLocaleString('en')} points/s durable; target >= 1M points/s and >= 50x baseline (raw per-point bulkPut)` },
        vsBaseline({ name: 'read 1M-point history of one key', value: fullMs, baseline: raw.readMs * (POINTS / STEPS), unit: 'ms', target: 200, notes: 'median of 5; baseline = raw range read of 100k point rows, scaled x10' }),
        { name: 'read 1M-point history downsampled to <= 2,000 (min/max kept)', value: sampledMs, unit: 'ms', target: 50, notes: 'median of 5' },
        { name: 'raw per-point bulkPut rate', value: Math.round((POINTS / raw.writeMs) * 1000), unit: 'rows/s', notes: 'baseline, same run' },
      ];
    } finally {
      await ws.close();
      await Dexie.delete(ws.store.db.name);
    }
  },
};
