// prepareMlrunsImport: the preview the import page shows before anything is written, and its
// apply(), which compares with the workspace again (it may have changed since the preview). Also
// that a parse result survives a structured clone: that is how the import worker hands it over.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { parseMlruns } from '../../../src/domain/mlruns/parse-import';
import { importMlruns, prepareMlrunsImport, type MlrunsParser } from '../../../src/sdk/index';
import { freshClient } from '../helpers';
import { fixtureFiles } from './fixture-files';
import { dumpWorkspace, withoutImportTimes } from './workspace-dump';

const TREE = 'manuelgilm-mlflow-for-ml-dev';

describe('prepare, then apply', () => {
  test('the preview writes nothing and says what apply then writes', async () => {
    const { ws } = await freshClient();
    const empty = await dumpWorkspace(ws);
    const prepared = await prepareMlrunsImport(ws, fixtureFiles(TREE));
    expect(await dumpWorkspace(ws)).toEqual(empty);
    expect(prepared.preview.changed).toBe(true);
    expect(prepared.preview.found.runs).toBeGreaterThan(50);
    expect(prepared.preview.imported).toEqual(prepared.preview.found);

    const applied = await prepared.apply();
    expect(applied).toEqual(prepared.preview);

    const direct = await freshClient();
    const report = await importMlruns(direct.ws, fixtureFiles(TREE));
    expect(report).toEqual(applied);
    expect(withoutImportTimes(await dumpWorkspace(ws))).toEqual(withoutImportTimes(await dumpWorkspace(direct.ws)));
  });

  test('apply compares again: what arrived since the preview is not written twice', async () => {
    const { ws } = await freshClient();
    const prepared = await prepareMlrunsImport(ws, fixtureFiles(TREE));
    await importMlruns(ws, fixtureFiles(TREE)); // e.g. another tab imported the same tree meanwhile
    const after = await dumpWorkspace(ws);
    const applied = await prepared.apply();
    expect(applied.changed).toBe(false);
    expect(applied.unchanged).toEqual(prepared.preview.found);
    expect(await dumpWorkspace(ws)).toEqual(after);
  });

  test('a cancelled apply leaves the workspace as it was', async () => {
    const { ws } = await freshClient();
    const before = await dumpWorkspace(ws);
    const prepared = await prepareMlrunsImport(ws, fixtureFiles(TREE));
    const controller = new AbortController();
    const run = prepared.apply({ signal: controller.signal, onProgress: (p) => p.phase === 'write' && p.done >= 5 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await dumpWorkspace(ws)).toEqual(before);
  });

  test('the parse result crosses a structured clone whole (as it does from the import worker)', async () => {
    const calls: string[] = [];
    const cloned: MlrunsParser = async (source, options) => {
      calls.push('parse');
      return structuredClone(await parseMlruns(source, options));
    };
    const viaClone = await freshClient();
    const phases = new Set<string>();
    const report = await importMlruns(viaClone.ws, fixtureFiles('shisian512-mlops'), { parser: cloned, onProgress: (p) => phases.add(p.phase) });
    expect(calls).toEqual(['parse']);
    expect([...phases]).toEqual(['parse', 'plan', 'write']);
    const direct = await freshClient();
    expect(report).toEqual(await importMlruns(direct.ws, fixtureFiles('shisian512-mlops')));
    expect(report.found.artifacts).toBeGreaterThan(0);
    expect(withoutImportTimes(await dumpWorkspace(viaClone.ws))).toEqual(withoutImportTimes(await dumpWorkspace(direct.ws)));
  });
});
