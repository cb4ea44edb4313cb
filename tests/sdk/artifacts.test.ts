import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { expectMlflowError, freshClient } from './helpers';

describe('artifacts', () => {
  test('log, list one level (sorted, dirs without size) and download bytes', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.logArtifact(info.runId, 'model_summary.txt', 'layers: 3');
    await client.logArtifact(info.runId, 'model/MLmodel', 'artifact_path: model\nflavors: {}\n');
    await client.logArtifact(info.runId, 'model/data/pickle_module_info.txt', new Uint8Array([1, 2, 3]));
    await client.logArtifact(info.runId, 'model/conda.yaml', new Blob(['name: env']));
    expect(await client.listArtifacts(info.runId)).toEqual([
      { path: 'model', isDir: true },
      { path: 'model_summary.txt', isDir: false, fileSize: 9 },
    ]);
    expect(await client.listArtifacts(info.runId, 'model')).toEqual([
      { path: 'model/MLmodel', isDir: false, fileSize: 33 },
      { path: 'model/conda.yaml', isDir: false, fileSize: 9 },
      { path: 'model/data', isDir: true },
    ]);
    expect(await client.listArtifacts(info.runId, 'model_summary.txt')).toEqual([]);
    const blob = await client.downloadArtifact(info.runId, 'model/data/pickle_module_info.txt');
    expect(Array.from(new Uint8Array(await blob.arrayBuffer()))).toEqual([1, 2, 3]);
    expect(await (await client.downloadArtifact(info.runId, 'model_summary.txt')).text()).toBe('layers: 3');
  });

  test('identical content is stored once (content addressed)', async () => {
    const { client, ws } = await freshClient();
    const { info } = await client.createRun('0');
    await client.logArtifact(info.runId, 'a.txt', 'same bytes');
    await client.logArtifact(info.runId, 'b/a.txt', 'same bytes');
    expect(await ws.store.db.blobs.count()).toBe(1);
  });

  test('unsafe paths are rejected and nothing is stored', async () => {
    const { client, ws } = await freshClient();
    const { info } = await client.createRun('0');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', '%2e%2e/x', 'a%2Fb', 'C:/x', 'a\\b', '']) {
      await expectMlflowError(client.logArtifact(info.runId, bad, 'x'), 'INVALID_PARAMETER_VALUE', /artifact path/i);
    }
    await expectMlflowError(client.listArtifacts(info.runId, '../'), 'INVALID_PARAMETER_VALUE');
    expect(await ws.store.db.artifacts.count()).toBe(0);
  });

  test('a file cannot shadow a directory or sit inside a file', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.logArtifact(info.runId, 'plots/loss.png', 'png');
    await expectMlflowError(client.logArtifact(info.runId, 'plots', 'x'), 'INVALID_PARAMETER_VALUE', /directory/);
    await expectMlflowError(client.logArtifact(info.runId, 'plots/loss.png/x', 'x'), 'INVALID_PARAMETER_VALUE', /is a file/);
  });

  test('missing artifacts are RESOURCE_DOES_NOT_EXIST; artifacts need an active run', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await expectMlflowError(client.downloadArtifact(info.runId, 'nope.txt'), 'RESOURCE_DOES_NOT_EXIST');
    await client.deleteRun(info.runId);
    await expectMlflowError(client.logArtifact(info.runId, 'a.txt', 'x'), 'INVALID_PARAMETER_VALUE', /active/);
  });
});
