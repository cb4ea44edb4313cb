// Issue #7 performance: exporting a workspace of 1,000 runs and 1,000,000 metric points (10 keys
// x 100 steps per run, 5 params and 5 tags each) to an MLflow FileStore zip, in MB/s of
// uncompressed file bytes. Baseline: fflate's zipSync of the same, already-serialized files
// (the archive unpacked again) in the same run, i.e. the cost of compression alone, without
// reading IndexedDB or writing text. Level 0 (stored) shows what reading and formatting cost alone.
import Dexie from 'dexie';
import { unzipSync, zipSync } from 'fflate';
import { MlflowClient, exportMlruns, openWorkspace, type ExportProgress } from '../../src/sdk/index';
import { time, type Benchmark, type BenchResult } from './harness';

const RUNS = 1_000;
const KEYS = 10;
const STEPS = 100;
const POINTS = RUNS * KEYS * STEPS;

export const exportBench: Benchmark = {
  name: 'export-mlruns',
  async run() {
    const ws = await openWorkspace({ name: `bench-export-${Date.now()}` });
    try {
      const client = new MlflowClient(ws);
      const exp = await client.createExperiment('bench-export');
      const t0 = Date.now();
      for (let r = 0; r < RUNS; r++) {
        const { info } = await client.createRun(exp, { runName: `run-${r}`, tags: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`tag${i}`, `value ${r}-${i}`])) });
        await client.logBatch(info.runId, { params: Array.from({ length: 5 }, (_, i) => ({ key: `param${i}`, value: (r * 0.001 + i).toString() })) });
        for (let step = 0; step < STEPS; step++) {
          for (let k = 0; k < KEYS; k++) client.logMetric(info.runId, `metric_${k}`, Math.sin((r * STEPS + step) / 100) * (k + 1), { step, timestamp: t0 + step, synchronous: false });
        }
      }
      await client.flush();

      const results: BenchResult[] = [];
      for (const level of [6, 1, 0] as const) {
        let last: ExportProgress | undefined;
        let zip: Blob | undefined;
        const ms = await time(async () => {
          zip = await exportMlruns(ws, { level, onProgress: (p) => (last = p) });
        });
        if (!zip || !last || last.runsDone !== RUNS) throw new Error(`export covered ${last?.runsDone} of ${RUNS} runs`);
        const inMB = last.bytesIn / 1e6;
        const outMB = zip.size / 1e6;

        // The same files, already serialized, zipped in one call.
        const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
        const lines = Object.entries(files).filter(([n]) => n.includes('/metrics/')).reduce((n, [, f]) => n + f.reduce((c, b) => c + (b === 10 ? 1 : 0), 0), 0);
        if (lines !== POINTS) throw new Error(`expected ${POINTS} metric lines, found ${lines}`);
        const rawMs = await time(() => zipSync(files, { level }));
        results.push(
          { name: `export ${RUNS} runs + ${POINTS / 1e6}M points to zip (${level === 0 ? 'stored, no deflate: reading + formatting' : `deflate level ${level}`})`, value: Math.round(ms), unit: 'ms', baseline: Math.round(rawMs), ratio: rawMs / ms, notes: `${last.files.toLocaleString('en')} files, ${inMB.toFixed(1)} MB -> ${outMB.toFixed(1)} MB zip; baseline = fflate zipSync of the same serialized files` },
          { name: `export throughput (level ${level})`, value: inMB / (ms / 1000), unit: 'MB/s', baseline: inMB / (rawMs / 1000), notes: `uncompressed MB per second; ${Math.round(POINTS / (ms / 1000)).toLocaleString('en')} points/s; baseline = zipSync alone` },
        );
      }
      return results;
    } finally {
      await ws.close();
      await Dexie.delete(ws.store.db.name);
    }
  },
};
