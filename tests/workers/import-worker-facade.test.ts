// The import worker's facade (src/compute/import-worker.ts) against the worker entry's real API,
// with a MessageChannel standing in for the Worker: the parse result arrives whole and imports like
// an in-thread parse, progress crosses over, the worker ends after each parse, and a cancel ends
// it at once and writes nothing.
import 'fake-indexeddb/auto';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, test } from 'vitest';
import { makeWorkerMlrunsParser, type WorkerLike } from '../../src/compute/import-worker';
import { importMlruns, prepareMlrunsImport } from '../../src/sdk/index';
import { importWorkerApi, type ImportWorkerApi } from '../../workers/import/worker-api';
import { freshClient } from '../sdk/helpers';
import { fixtureFiles, zipOf } from '../sdk/import/fixture-files';
import { dumpWorkspace, withoutImportTimes } from '../sdk/import/workspace-dump';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function fakeWorker(api: ImportWorkerApi = importWorkerApi): { connect: () => WorkerLike; started: () => number; terminated: () => number } {
  let started = 0;
  let terminated = 0;
  const connect = (): WorkerLike => {
    started++;
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2);
    cleanups.push(() => (port1.close(), port2.close()));
    return Object.assign(port1, { terminate: () => (terminated++, port1.close(), port2.close()) });
  };
  return { connect, started: () => started, terminated: () => terminated };
}

describe('parsing in the import worker', () => {
  test('a zip parsed over the worker imports exactly as one parsed in this thread, with progress', async () => {
    const fake = fakeWorker();
    const zip = zipOf(fixtureFiles('shisian512-mlops'));
    const viaWorker = await freshClient();
    const seen: string[] = [];
    const report = await importMlruns(viaWorker.ws, zip, { parser: makeWorkerMlrunsParser(fake.connect), onProgress: (p) => seen.push(p.phase) });
    expect(fake.started()).toBe(1);
    expect(fake.terminated()).toBe(1);
    expect(seen).toContain('parse');
    expect(seen.at(-1)).toBe('write');

    const direct = await freshClient();
    expect(report).toEqual(await importMlruns(direct.ws, zip));
    expect(report.found.metricPoints).toBeGreaterThan(0);
    expect(withoutImportTimes(await dumpWorkspace(viaWorker.ws))).toEqual(withoutImportTimes(await dumpWorkspace(direct.ws)));
  });

  test('cancelled while the worker parses: the worker is ended and nothing is written', async () => {
    // A worker that never answers: only the cancel can end the call.
    const fake = fakeWorker({ parse: () => new Promise(() => undefined) });
    const { ws } = await freshClient();
    const before = await dumpWorkspace(ws);
    const controller = new AbortController();
    const run = prepareMlrunsImport(ws, fixtureFiles('shisian512-mlops'), { parser: makeWorkerMlrunsParser(fake.connect), signal: controller.signal });
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.terminated()).toBe(1);
    expect(await dumpWorkspace(ws)).toEqual(before);
  });

  test('a bad source fails with the parser\'s own error, and the worker is ended', async () => {
    const fake = fakeWorker();
    const { ws } = await freshClient();
    const run = importMlruns(ws, new Blob(['not a zip']), { parser: makeWorkerMlrunsParser(fake.connect) });
    await expect(run).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(/^Not a zip archive/) });
    expect(fake.terminated()).toBe(1);
  });
});
