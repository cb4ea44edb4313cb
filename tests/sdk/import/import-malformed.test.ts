// Broken trees: each bad file gets a specific warning naming it and is left out, and the rest of
// the tree imports as if it were not there. Zip entries that could reach outside the tree (`..`,
// absolute, `%2e%2e`) are refused one by one; YAML tags that would construct objects are refused.
import 'fake-indexeddb/auto';
import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { importMlruns, MlflowError, type ImportReport } from '../../../src/sdk/index';
import { freshClient } from '../helpers';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccccccccccccc';

const expMeta = (id: string, name: string): string =>
  `artifact_location: file:///tmp/mlruns/${id}\ncreation_time: 1700000000000\nexperiment_id: '${id}'\nlast_update_time: 1700000000000\nlifecycle_stage: active\nname: ${name}\n`;
const runMeta = (id: string, exp: string, extra = ''): string =>
  `artifact_uri: file:///tmp/mlruns/${exp}/${id}/artifacts\nend_time: 1700000001000\nentry_point_name: ''\nexperiment_id: '${exp}'\nlifecycle_stage: active\nrun_id: ${id}\nrun_name: run-${id.slice(0, 3)}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000000500\nstatus: 3\ntags: []\nuser_id: me\n${extra}`;

/** A small store: experiment 7 with runs A (good, one bad metric line), B and C (bad metas), and a broken experiment 8. */
function tree(): Record<string, string> {
  return {
    'mlruns/7/meta.yaml': expMeta('7', 'exp-seven'),
    [`mlruns/7/${A}/meta.yaml`]: runMeta(A, '7'),
    [`mlruns/7/${A}/params/alpha`]: '0.5',
    [`mlruns/7/${A}/tags/team`]: 'orchard',
    [`mlruns/7/${A}/metrics/loss`]: '1700000000600 0.9 0\n1700000000700 abc 1\n1700000000800 0.7 2\n1700000000900 0.6\n',
    [`mlruns/7/${A}/metrics/acc`]: '1700000000600 nan 0\n1700000000700 inf 1\n1700000000800 -inf 2\n',
    [`mlruns/7/${A}/artifacts/notes.txt`]: 'hello',
    [`mlruns/7/${B}/meta.yaml`]: 'artifact_uri: [unclosed\nrun_id: x\n',
    [`mlruns/7/${B}/params/p`]: '1',
    [`mlruns/7/${C}/meta.yaml`]: `${runMeta(C, '7')}user: !!python/object/apply:os.system ['echo pwned']\n`,
    'mlruns/8/meta.yaml': 'name: [\n',
    [`mlruns/8/${A.replace(/a/g, 'd')}/meta.yaml`]: runMeta(A.replace(/a/g, 'd'), '8'),
  };
}

const asFiles = (t: Record<string, string>) => Object.entries(t).map(([path, data]) => ({ path, data }));
const warningFor = (r: ImportReport, path: string): string | undefined => r.warnings.find((w) => w.path === path)?.message;

describe('malformed files are skipped with a warning naming them', () => {
  test('bad meta.yaml, unsafe YAML tag, bad metric lines; the good run imports whole', async () => {
    const { ws, client } = await freshClient();
    const report = await importMlruns(ws, asFiles(tree()));
    expect(warningFor(report, `mlruns/7/${B}/meta.yaml`)).toMatch(/^the run was skipped: Not valid YAML/);
    expect(warningFor(report, `mlruns/7/${C}/meta.yaml`)).toMatch(/Refusing the YAML tag 'tag:yaml.org,2002:python\/object\/apply:os.system'/);
    expect(warningFor(report, 'mlruns/8/meta.yaml')).toMatch(/^the experiment and its runs were skipped: Not valid YAML/);
    expect(warningFor(report, `mlruns/7/${A}/metrics/loss`)).toBe("1 line is not 'timestamp value step' and was skipped: line 2 '1700000000700 abc 1': value 'abc' is not a number.");
    expect(report.found).toMatchObject({ experiments: 1, runs: 1, params: 1, tags: 1, metricKeys: 2, metricPoints: 6, artifacts: 1 });
    // skipped: B's meta and param, C's meta, experiment 8's meta and its run's meta
    expect(report.skippedFiles).toBe(5);

    const run = await client.getRun(A);
    expect(run.data.params).toEqual({ alpha: '0.5' });
    expect((await client.getMetricHistory(A, 'loss')).map((m) => [m.value, m.step])).toEqual([[0.9, 0], [0.7, 2], [0.6, 0]]);
    const acc = (await client.getMetricHistory(A, 'acc')).map((m) => m.value);
    expect(acc[0]).toBeNaN();
    expect(acc.slice(1)).toEqual([Infinity, -Infinity]);
    await expect(client.getRun(B)).rejects.toThrow();
    await expect(client.getRun(C)).rejects.toThrow();
    await expect(client.getExperiment('8')).rejects.toThrow();
  });

  test('a metric file with no points, an invalid key, an unknown status, a run in the wrong experiment', async () => {
    const { ws, client } = await freshClient();
    const t = tree();
    t[`mlruns/7/${A}/metrics/empty`] = '';
    t[`mlruns/7/${A}/params/bad$key`] = 'x';
    t[`mlruns/7/${B}/meta.yaml`] = runMeta(B, '7').replace('status: 3', 'status: 9');
    t[`mlruns/7/${C}/meta.yaml`] = runMeta(C, '99');
    const report = await importMlruns(ws, asFiles(t));
    expect(warningFor(report, `mlruns/7/${A}/metrics/empty`)).toMatch(/holds no points/);
    expect(warningFor(report, `mlruns/7/${A}/params/bad$key`)).toMatch(/^skipped: Invalid parameter name: 'bad\$key'/);
    expect(warningFor(report, `mlruns/7/${B}/meta.yaml`)).toMatch(/'status' should be 1 \(RUNNING\).*got 9/);
    expect(warningFor(report, `mlruns/7/${C}/meta.yaml`)).toMatch(/says experiment_id '99' but sits in experiment 7/);
    expect((await client.getRun(A)).data.params).toEqual({ alpha: '0.5' });
  });

  test('zip entries with .., an absolute path or %2e%2e are refused one by one', async () => {
    const { ws, client } = await freshClient();
    const entries: Record<string, Uint8Array> = {};
    for (const [path, data] of Object.entries(tree())) entries[path] = enc(data);
    entries['../evil.txt'] = enc('x');
    entries['/etc/evil'] = enc('x');
    entries['mlruns/%2e%2e/%2e%2e/evil'] = enc('x');
    entries[`mlruns/7/${A}/artifacts/../../../../escape.txt`] = enc('x');
    entries['C:/Windows/evil'] = enc('x');
    const report = await importMlruns(ws, new Blob([zipSync(entries)]));
    for (const bad of ['../evil.txt', '/etc/evil', 'mlruns/%2e%2e/%2e%2e/evil', `mlruns/7/${A}/artifacts/../../../../escape.txt`, 'C:/Windows/evil']) {
      expect(warningFor(report, bad)).toMatch(/^refused: the path could reach outside the imported tree/);
    }
    expect(warningFor(report, '../evil.txt')).toContain("'..'");
    expect(warningFor(report, 'mlruns/%2e%2e/%2e%2e/evil')).toContain('Percent-encoded');
    expect((await client.listArtifacts(A)).map((f) => f.path)).toEqual(['notes.txt']);
    expect(report.found.runs).toBe(1);
  });

  test('an unreadable file is reported and the rest of its run imports', async () => {
    const { ws, client } = await freshClient();
    class UnreadableBlob extends Blob {
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.reject(new DOMException('The file could not be read (it was moved or deleted).', 'NotReadableError'));
      }
    }
    const unreadable = new Set([`mlruns/7/${A}/tags/team`, 'mlruns/8/meta.yaml']);
    const files = asFiles(tree()).map((f) => (unreadable.has(f.path) ? { path: f.path, data: new UnreadableBlob(['x']) } : f));
    const report = await importMlruns(ws, files);
    expect(warningFor(report, `mlruns/7/${A}/tags/team`)).toBe('could not be read, skipped: The file could not be read (it was moved or deleted).');
    expect(report.warnings.filter((w) => w.path === 'mlruns/8/meta.yaml').map((w) => w.message)).toEqual([
      'could not be read, skipped: The file could not be read (it was moved or deleted).',
      'unreadable: the experiment and its runs were skipped.',
    ]);
    const run = await client.getRun(A);
    expect(run.data.tags.team).toBeUndefined();
    expect(run.data.params.alpha).toBe('0.5');
  });

  test('not an mlruns tree, or not a zip: the import fails with a clear error and writes nothing', async () => {
    const { ws } = await freshClient();
    const none = await importMlruns(ws, [{ path: 'readme.txt', data: 'hi' }]).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(MlflowError);
    expect((none as MlflowError).message).toMatch(/^No MLflow store found/);
    const notZip = await importMlruns(ws, new Blob(['plain text'])).catch((e: unknown) => e);
    expect((notZip as MlflowError).message).toMatch(/^Not a zip archive/);
    const twoStores = await importMlruns(ws, [
      { path: 'a/mlruns/0/meta.yaml', data: expMeta('0', 'Default') },
      { path: 'b/mlruns/0/meta.yaml', data: expMeta('0', 'Default') },
    ]).catch((e: unknown) => e);
    expect((twoStores as MlflowError).message).toMatch(/Several MLflow stores found side by side \(a\/mlruns, b\/mlruns\)/);
  });

  test('deleted experiments in .trash import as deleted; the name of an existing experiment is kept unique', async () => {
    const { ws, client } = await freshClient();
    await client.createExperiment('exp-seven');
    const t = tree();
    t['mlruns/.trash/9/meta.yaml'] = expMeta('9', 'gone').replace('lifecycle_stage: active', 'lifecycle_stage: deleted');
    t[`mlruns/.trash/9/${C.replace(/c/g, 'e')}/meta.yaml`] = runMeta(C.replace(/c/g, 'e'), '9').replace('lifecycle_stage: active', 'lifecycle_stage: deleted\ndeleted_time: 1700000005000');
    const report = await importMlruns(ws, asFiles(t));
    expect((await client.getExperiment('9')).lifecycleStage).toBe('deleted');
    const trashed = await ws.store.db.runs.get(C.replace(/c/g, 'e'));
    expect(trashed).toMatchObject({ deletedTime: 1700000005000, info: { lifecycleStage: 'deleted' } });
    expect((await client.getExperiment('7')).name).toBe('exp-seven (7)');
    expect((await importMlruns(ws, asFiles(t))).changed).toBe(false);
    expect(report.found.experiments).toBe(2);
  });
});
