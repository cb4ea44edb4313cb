// Example benchmark: storing a metric history of 100k points in real IndexedDB (Chromium)
// as 100k Dexie rows (one bulkPut) vs one row holding typed-array columns.
import Dexie from 'dexie';
import { median, time, vsBaseline, type Benchmark } from './harness';

const N = 100_000;

export const dexieChunks: Benchmark = {
  name: 'dexie-chunks',
  async run() {
    const dbName = `orchard-bench-${Date.now()}`;
    const db = new Dexie(dbName);
    db.version(1).stores({
      points: '[runId+key+step], [runId+key], timestamp', // row per point, 3 indexes
      chunks: '[runId+key+chunk]', // row per chunk of points
    });
    try {
      const t0 = Date.now();
      const rows = Array.from({ length: N }, (_, i) => ({
        runId: 'r1', key: 'loss', step: i, timestamp: t0 + i, value: Math.sin(i / 100),
      }));
      const rowsMs = await time(() => db.table('points').bulkPut(rows));
      if ((await db.table('points').count()) !== N) throw new Error('bulkPut lost rows');

      const steps = new Float64Array(N).map((_, i) => i);
      const timestamps = new Float64Array(N).map((_, i) => t0 + i);
      const values = new Float64Array(N).map((_, i) => Math.sin(i / 100));
      // Fresh key per repetition, so every put writes a new 2.4 MB record.
      const chunkMs = await median((i) =>
        db.table('chunks').put({ runId: 'r1', key: 'loss', chunk: i, steps, timestamps, values }),
      );

      return [
        { name: `bulkPut ${N / 1000}k point rows`, value: rowsMs, unit: 'ms', notes: '1 run' },
        vsBaseline({
          name: `put 1 typed-array chunk (${N / 1000}k points)`,
          value: chunkMs,
          baseline: rowsMs,
          unit: 'ms',
          target: 100,
          notes: 'median of 5; baseline = row-per-point bulkPut',
        }),
      ];
    } finally {
      db.close();
      await Dexie.delete(dbName);
    }
  },
};
