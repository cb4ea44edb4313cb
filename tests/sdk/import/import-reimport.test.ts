// Ids are kept, so importing the same tree twice changes nothing, importing an older copy and then
// the newer one ends exactly where importing the newer one does, a zip and a file list of one
// tree import the same, and a cancelled or failed import leaves the workspace as it was.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { importMlruns, MlflowError } from '../../../src/sdk/index';
import { freshClient } from '../helpers';
import { fixtureFiles, zipOf } from './fixture-files';
import { dumpWorkspace, withoutImportTimes } from './workspace-dump';

const CH08 = 'packt-dl-at-scale-chapter08';
const RUN = 'd01fc81e11e842f5b9556ae04136c0d3';
const OTHER_RUN = 'dc5f670efa1a4eac95683633ffcfdd79';

/** chapter08 as it was earlier: one run not there yet, train_f1 one point shorter, a tag not set yet. */
function olderChapter08(): Array<{ path: string; data: Uint8Array }> {
  return fixtureFiles(CH08).flatMap((f) => {
    if (f.path.includes(OTHER_RUN) || f.path.endsWith(`${RUN}/tags/pipeline_step`)) return [];
    if (f.path.endsWith(`${RUN}/metrics/train_f1`)) {
      const lines = new TextDecoder().decode(f.data).split('\n').filter(Boolean);
      return [{ path: f.path, data: new TextEncoder().encode(`${lines.slice(0, 2).join('\n')}\n`) }];
    }
    return [f];
  });
}

describe('import again', () => {
  test('the same tree twice: the second import writes nothing and says so', async () => {
    const { ws } = await freshClient();
    const first = await importMlruns(ws, fixtureFiles('shisian512-mlops'));
    expect(first.changed).toBe(true);
    const before = await dumpWorkspace(ws);
    let notified = 0;
    const stop = ws.onChange(() => notified++);
    const second = await importMlruns(ws, fixtureFiles('shisian512-mlops'));
    stop();
    expect(second.changed).toBe(false);
    expect(second.found).toEqual(first.found);
    expect(second.unchanged).toEqual(first.found);
    expect(Object.values(second.imported).every((n) => n === 0)).toBe(true);
    expect(await dumpWorkspace(ws)).toEqual(before);
    expect(notified).toBe(0);
  });

  test('an older copy, then the newer one: only what is new is added, and the result equals importing the newer one', async () => {
    const { ws, client } = await freshClient();
    const old = await importMlruns(ws, olderChapter08());
    expect(old.found.runs).toBe(1);
    expect((await client.getMetricHistory(RUN, 'train_f1')).map((m) => m.step)).toEqual([0, 1]);

    const newer = await importMlruns(ws, fixtureFiles(CH08));
    expect(newer.imported.runs).toBe(2);
    expect(newer.unchanged.params).toBe(24);
    // the one new train_f1 point (the other run logged no metrics)
    expect(newer.imported.metricPoints).toBe(1);
    expect(newer.imported.metricKeys).toBe(1);
    expect(newer.imported.tags).toBe(1 + Object.keys((await client.getRun(OTHER_RUN)).data.tags).length);
    expect(newer.unchanged.artifacts).toBe(old.found.artifacts);
    expect((await client.getMetricHistory(RUN, 'train_f1')).map((m) => m.value)).toEqual([0.578000009059906, 0.5816888809204102, 0.5779111385345459]);
    expect((await client.getRun(RUN)).data.metrics.train_f1).toBe(0.5779111385345459);

    const direct = await freshClient();
    await importMlruns(direct.ws, fixtureFiles(CH08));
    const a = withoutImportTimes(await dumpWorkspace(ws));
    const b = withoutImportTimes(await dumpWorkspace(direct.ws));
    // Default experiments differ only by when each workspace was opened.
    a.experiments = a.experiments!.filter((e) => (e as { experimentId: string }).experimentId !== '0');
    b.experiments = b.experiments!.filter((e) => (e as { experimentId: string }).experimentId !== '0');
    expect(a).toEqual(b);
  });

  test('points logged here after an import are kept, and reimporting adds none twice', async () => {
    const { ws, client } = await freshClient();
    await importMlruns(ws, fixtureFiles(CH08));
    // A short imported history has no overview row; the readers read it whole.
    expect(await ws.store.db.metricOverviews.where('runId').equals(RUN).count()).toBe(0);
    expect(Array.from((await client.getMetricOverview(RUN, 'train_f1')).steps)).toEqual([0, 1, 2]);
    await client.logMetric(RUN, 'train_f1', 0.9, { step: 3, timestamp: 1647564600000 });
    // logBatch rewrote the chunk with its overview: never some chunks with and some without.
    expect((await ws.store.db.metricOverviews.get([RUN, 'train_f1', 0]))?.sourceCount).toBe(4);
    const again = await importMlruns(ws, fixtureFiles(CH08));
    expect(again.imported.metricPoints).toBe(0);
    expect((await client.getMetricHistory(RUN, 'train_f1')).map((m) => m.step)).toEqual([0, 1, 2, 3]);
  });

  test('many runs, older copy then newer: stored histories and artifacts read a group at a time land on the right runs', async () => {
    // 230 runs: more than one read-ahead group. Every run's m is 2 points longer in the newer copy,
    // every third run gets a new key, every seventh has an artifact that changes and one added.
    const copy = (newer: boolean): Array<{ path: string; data: string }> => {
      const files = [{ path: 'mlruns/1/meta.yaml', data: "artifact_location: file:///tmp/mlruns/1\ncreation_time: 1\nexperiment_id: '1'\nlast_update_time: 1\nlifecycle_stage: active\nname: many\n" }];
      for (let r = 0; r < 230; r++) {
        const id = r.toString(16).padStart(32, '0');
        const dir = `mlruns/1/${id}`;
        files.push({ path: `${dir}/meta.yaml`, data: `artifact_uri: file:///tmp/mlruns/1/${id}/artifacts\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: '${id}'\nrun_name: run-${r}\nstart_time: ${r}\nstatus: 3\nuser_id: u\n` });
        const points = newer ? 5 : 3;
        files.push({ path: `${dir}/metrics/m`, data: Array.from({ length: points }, (_, s) => `${1000 + s} ${r + s / 10} ${s}\n`).join('') });
        if (newer && r % 3 === 0) files.push({ path: `${dir}/metrics/m2`, data: `5 ${r} 0\n` });
        if (r % 7 === 0) {
          files.push({ path: `${dir}/artifacts/a.txt`, data: newer ? `a of ${r}, newer` : `a of ${r}` });
          if (newer) files.push({ path: `${dir}/artifacts/b/c.txt`, data: `c of ${r}` });
        }
      }
      return files;
    };
    const { ws } = await freshClient();
    await importMlruns(ws, copy(false));
    const newer = await importMlruns(ws, copy(true));
    expect(newer.imported.metricPoints).toBe(230 * 2 + 77);
    expect(newer.imported.artifacts).toBe(33 * 2);
    expect(newer.warnings).toEqual([]);
    const direct = await freshClient();
    await importMlruns(direct.ws, copy(true));
    const a = withoutImportTimes(await dumpWorkspace(ws));
    const b = withoutImportTimes(await dumpWorkspace(direct.ws));
    a.experiments = a.experiments!.filter((e) => (e as { experimentId: string }).experimentId !== '0');
    b.experiments = b.experiments!.filter((e) => (e as { experimentId: string }).experimentId !== '0');
    // The older copy's bytes of a.txt stay among the blobs until retention drops them.
    a.blobs = [];
    b.blobs = [];
    expect(a).toEqual(b);
    expect((await importMlruns(ws, copy(true))).changed).toBe(false);
  });

  test('a zip (wrapped in a folder) and a file list of one tree import the same', async () => {
    const files = fixtureFiles('shisian512-mlops');
    const fromList = await freshClient();
    const listReport = await importMlruns(fromList.ws, files);
    const fromZip = await freshClient();
    const zipReport = await importMlruns(fromZip.ws, zipOf(files, 'my-export'));
    expect(zipReport.root).toBe('my-export/mlruns');
    expect(zipReport.found).toEqual(listReport.found);
    expect(zipReport.warnings.map((w) => w.message)).toEqual(listReport.warnings.map((w) => w.message));
    expect(withoutImportTimes(await dumpWorkspace(fromZip.ws))).toEqual(withoutImportTimes(await dumpWorkspace(fromList.ws)));
  });
});

describe('all or nothing', () => {
  async function seeded() {
    const c = await freshClient();
    await importMlruns(c.ws, fixtureFiles(CH08));
    return c;
  }

  test('cancelled while parsing: nothing written', async () => {
    const { ws } = await seeded();
    const before = await dumpWorkspace(ws);
    const controller = new AbortController();
    const phases: string[] = [];
    const run = importMlruns(ws, fixtureFiles('manuelgilm-mlflow-for-ml-dev'), {
      signal: controller.signal,
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === 'parse' && p.done > 100) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(phases).not.toContain('write');
    expect(await dumpWorkspace(ws)).toEqual(before);
  });

  test('cancelled in the middle of the write transaction: rolled back', async () => {
    const { ws } = await seeded();
    const before = await dumpWorkspace(ws);
    const controller = new AbortController();
    let lastWrite = 0;
    const run = importMlruns(ws, fixtureFiles('manuelgilm-mlflow-for-ml-dev'), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase !== 'write') return;
        lastWrite = p.done;
        if (p.done >= 20) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(lastWrite).toBeGreaterThanOrEqual(20);
    expect(await dumpWorkspace(ws)).toEqual(before);
  });

  test('an already aborted signal: nothing is read or written', async () => {
    const { ws } = await freshClient();
    const before = await dumpWorkspace(ws);
    await expect(importMlruns(ws, fixtureFiles(CH08), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(await dumpWorkspace(ws)).toEqual(before);
  });

  test('progress covers both phases and ends at its totals', async () => {
    const { ws } = await freshClient();
    const seen: Array<{ phase: string; done: number; total: number; bytes: number }> = [];
    await importMlruns(ws, fixtureFiles(CH08), { onProgress: (p) => seen.push(p) });
    const parse = seen.filter((p) => p.phase === 'parse');
    const write = seen.filter((p) => p.phase === 'write');
    expect(parse.at(-1)).toMatchObject({ done: parse.at(-1)!.total });
    expect(parse.at(-1)!.bytes).toBeGreaterThan(0);
    expect(write.at(-1)).toMatchObject({ done: write.at(-1)!.total });
    expect(write.at(-1)!.bytes).toBeGreaterThan(0);
  });

  test('a row that changed between the read and the write refuses the whole batch', async () => {
    const { ws, client } = await seeded();
    const run = await ws.store.db.runs.get(RUN);
    const before = await dumpWorkspace(ws);
    const experiment = { experimentId: '42', name: 'new one', artifactLocation: '', lifecycleStage: 'active' as const, creationTime: 1, lastUpdateTime: 1, tags: {} };
    const stale = { ...run!, data: { ...run!.data, tags: { ...run!.data.tags, extra: 'x' } } };
    const batch = [
      { type: 'import/experiment' as const, experiment, previous: null },
      { type: 'import/runs' as const, runs: [{ run: stale, previous: { ...run!, deletedTime: 5 }, metrics: [] }] },
    ];
    const error = await ws.store.mutations.apply(batch, 'import').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).errorCode).toBe('ABORTED');
    expect(await dumpWorkspace(ws)).toEqual(before);
    await expect(client.getExperiment('42')).rejects.toThrow();
  });
});
