// Issue #7 performance target for importing an MLflow FileStore tree, in real IndexedDB: a zip of
// 1,000 runs x 5 metric keys x 200 steps = 1,000,000 points (built in the page with fflate, values
// as MLflow writes them: Python repr of float32-ish losses), imported with importMlruns
// (unzip + parse + plan + one write transaction), against a raw Dexie bulkPut of one row per point
// of the same points (10k-row batches), in the same run. Target: >= 500,000 points/s.
import Dexie from 'dexie';
import { zipSync } from 'fflate';
import { formatMetricLine } from '../../src/domain/mlruns/metric-lines';
import { importMlruns, openWorkspace } from '../../src/sdk/index';
import { ImportTicker, type ImportProgress } from '../../src/domain/mlruns/import-progress';
import { openTreeSource } from '../../src/domain/mlruns/tree-source';
import { readTree, TreeFiles } from '../../src/domain/mlruns/read-tree';
import { time, vsBaseline, type Benchmark } from './harness';

const RUNS = 1000;
const KEYS = 5;
const STEPS = 200;
const POINTS = RUNS * KEYS * STEPS;
const T0 = 1_700_000_000_000;

const runId = (i: number): string => i.toString(16).padStart(32, '0');
const valueAt = (run: number, key: number, step: number): number => Math.fround(Math.exp(-step / 50) * (1 + key / 10) + ((run * 7 + step * 13) % 97) / 1000);

function buildZip(): { zip: Blob; bytes: number } {
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    'mlruns/1/meta.yaml': enc.encode("artifact_location: file:///tmp/mlruns/1\ncreation_time: 1700000000000\nexperiment_id: '1'\nlast_update_time: 1700000000000\nlifecycle_stage: active\nname: bench\n"),
  };
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const id = runId(r);
    const dir = `mlruns/1/${id}`;
    files[`${dir}/meta.yaml`] = enc.encode(
      `artifact_uri: file:///tmp/mlruns/1/${id}/artifacts\nend_time: ${T0 + 1000}\nentry_point_name: ''\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: '${id}'\nrun_name: run-${r}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: ${T0 + r}\nstatus: 3\ntags: []\nuser_id: bench\n`,
    );
    for (let p = 0; p < 5; p++) files[`${dir}/params/p${p}`] = enc.encode(String(r * p));
    files[`${dir}/tags/mlflow.runName`] = enc.encode(`run-${r}`);
    for (let k = 0; k < KEYS; k++) {
      let text = '';
      for (let s = 0; s < STEPS; s++) text += formatMetricLine(T0 + s * 100, valueAt(r, k, s), s);
      files[`${dir}/metrics/m${k}`] = enc.encode(text);
    }
  }
  for (const f of Object.values(files)) bytes += f.byteLength;
  return { zip: new Blob([zipSync(files, { level: 6 })], { type: 'application/zip' }), bytes };
}

async function rawPerPointBaseline(): Promise<number> {
  const name = `orchard-bench-import-raw-${Date.now()}`;
  const db = new Dexie(name);
  db.version(1).stores({ points: '[runId+key+step]' });
  try {
    return await time(async () => {
      let rows: Array<{ runId: string; key: string; step: number; timestamp: number; value: number }> = [];
      for (let r = 0; r < RUNS; r++) {
        for (let k = 0; k < KEYS; k++) {
          for (let s = 0; s < STEPS; s++) rows.push({ runId: runId(r), key: `m${k}`, step: s, timestamp: T0 + s * 100, value: valueAt(r, k, s) });
        }
        if (rows.length >= 10_000) {
          await db.table('points').bulkPut(rows);
          rows = [];
        }
      }
      if (rows.length > 0) await db.table('points').bulkPut(rows);
    });
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

/** Times an import's phases from its progress reports (parse -> plan -> write -> done). */
function phaseClock(): { onProgress: (p: ImportProgress) => void; split: () => { parse: number; plan: number; write: number } } {
  const start = performance.now();
  const began = new Map<ImportProgress['phase'], number>();
  return {
    onProgress: (p) => void (began.has(p.phase) || began.set(p.phase, performance.now())),
    split() {
      const end = performance.now();
      const plan = began.get('plan') ?? end;
      const write = began.get('write') ?? end;
      return { parse: Math.round(plan - start), plan: Math.round(write - plan), write: Math.round(end - write) };
    },
  };
}

export const importBench: Benchmark = {
  name: 'import-mlruns',
  async run() {
    const { zip, bytes } = buildZip();
    const ws = await openWorkspace({ name: `bench-import-${Date.now()}` });
    try {
      // The phases of the measured import, from its progress: the plan phase's first report comes
      // after its first run is planned, the write's at the start of the transaction.
      const phases = phaseClock();
      let report: Awaited<ReturnType<typeof importMlruns>> | undefined;
      const ms = await time(async () => {
        report = await importMlruns(ws, zip, { onProgress: phases.onProgress });
      });
      const split = phases.split();
      if (!report || report.imported.metricPoints !== POINTS || report.imported.runs !== RUNS) {
        throw new Error(`expected ${RUNS} runs and ${POINTS} points, imported ${JSON.stringify(report?.imported)}; warnings ${JSON.stringify(report?.warnings.slice(0, 3))}`);
      }
      const againPhases = phaseClock();
      const again = await time(() => importMlruns(ws, zip, { onProgress: againPhases.onProgress }));
      const againSplit = againPhases.split();
      // Where the parse phase goes: unzip, then reading and parsing every file (no database).
      let source: Awaited<ReturnType<typeof openTreeSource>> | undefined;
      const unzipMs = await time(async () => void (source = await openTreeSource(zip)));
      const readMs = await time(() => readTree(new TreeFiles(source!, () => undefined), new ImportTicker({}), () => undefined));
      const rawMs = await rawPerPointBaseline();
      const rate = (POINTS / ms) * 1000;
      return [
        {
          ...vsBaseline({ name: `import a zip of ${RUNS} runs / ${POINTS / 1e6}M points (unzip + parse + one write)`, value: Math.round(ms), baseline: Math.round(rawMs), unit: 'ms', target: 2000 }),
          notes: `${(ms / 1000).toFixed(2)} s; parse ${split.parse} ms, plan ${split.plan} ms, write ${split.write} ms; ${(zip.size / 1e6).toFixed(1)} MB zip of ${(bytes / 1e6).toFixed(1)} MB; baseline = raw per-point Dexie bulkPut of the same points (10k-row batches)`,
        },
        { name: 'import rate', value: Math.round(rate), unit: 'points/s', notes: 'parsing included; target >= 500,000 points/s (the ms row: <= 2,000 ms)' },
        { name: 'parse breakdown: unzip / read + parse', value: Math.round(unzipMs + readMs), unit: 'ms', notes: `unzip (fflate) ${Math.round(unzipMs)} ms, read + parse every file ${Math.round(readMs)} ms (measured again on their own, warm)` },
        { name: 'raw per-point bulkPut rate', value: Math.round((POINTS / rawMs) * 1000), unit: 'rows/s', notes: 'baseline, same run' },
        { name: 'import the same zip again (nothing changes)', value: Math.round(again), unit: 'ms', notes: `reads every stored history to compare: parse ${againSplit.parse} ms, plan ${againSplit.plan} ms` },
      ];
    } finally {
      await ws.close();
      await Dexie.delete(ws.store.db.name);
    }
  },
};
