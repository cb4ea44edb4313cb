// exportMlruns options: choosing runs or experiments, leaving artifacts or the registry out,
// missing artifact bytes, unnameable registry models, cancelling, and writing to a sink.
import 'fake-indexeddb/auto';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportMlruns, writeMlrunsZip } from '../../../src/sdk/index';
import { expectMlflowError, freshClient } from '../helpers';
import { sampleWorkspace, type SampleWorkspace } from './sample-workspace';

let s: SampleWorkspace;
const names = async (zip: Blob): Promise<string[]> => Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer()))).sort();

beforeAll(async () => {
  s = await sampleWorkspace();
}, 60_000);

describe('selection', () => {
  test('runIds: those runs in their experiment folders, the experiment without its other runs, the versions they produced', async () => {
    const files = await names(await exportMlruns(s.ws, { runIds: [s.child, s.inDeletedExp] }));
    const runFolders = new Set(files.map((f) => f.split('/').slice(0, -1).join('/')).filter((d) => /[0-9a-f]{32}$/.test(d)));
    expect(runFolders).toEqual(new Set([`mlruns/${s.expA}/${s.child}`, `mlruns/.trash/${s.expDeleted}/${s.inDeletedExp}`]));
    expect(files).toContain(`mlruns/${s.expA}/meta.yaml`);
    expect(files).toContain(`mlruns/${s.expA}/tags/team`);
    expect(files).not.toContain('mlruns/0/meta.yaml');
    // the child's version 2 was deleted, so no registered model comes along
    expect(files.some((f) => f.startsWith('mlruns/models/'))).toBe(false);
  });

  test('experimentIds: every run, active and deleted; registry versions from those runs only', async () => {
    const files = await names(await exportMlruns(s.ws, { experimentIds: [s.expA] }));
    for (const r of [s.parent, s.child, s.grandChild, s.deletedRun, s.running]) expect(files).toContain(`mlruns/${s.expA}/${r}/meta.yaml`);
    expect(files.filter((f) => f.startsWith('mlruns/models/churn/version-'))).toEqual([
      'mlruns/models/churn/version-1/meta.yaml', 'mlruns/models/churn/version-1/tags/validated', 'mlruns/models/churn/version-2/meta.yaml', 'mlruns/models/churn/version-3/meta.yaml',
    ]); // version 2 is the deleted one's Deleted_Internal folder
    expect(files).not.toContain('mlruns/models/no-versions-yet/meta.yaml');
  });

  test('unknown ids are RESOURCE_DOES_NOT_EXIST', async () => {
    await expectMlflowError(exportMlruns(s.ws, { experimentIds: ['123'] }), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(exportMlruns(s.ws, { runIds: ['0'.repeat(32)] }), 'RESOURCE_DOES_NOT_EXIST');
  });
});

test('includeArtifacts / includeRegistry false leave those out', async () => {
  const files = await names(await exportMlruns(s.ws, { includeArtifacts: false, includeRegistry: false }));
  expect(files.some((f) => f.includes('/artifacts/'))).toBe(false);
  expect(files.some((f) => f.startsWith('mlruns/models/'))).toBe(false);
  expect(files).toContain(`mlruns/${s.expA}/${s.parent}/metrics/long`);
});

test('artifact bytes not in the workspace: an error naming the file, or left out with a warning', async () => {
  const { client, ws } = await freshClient();
  const run = (await client.createRun('0', { runName: 'peer' })).info.runId;
  await client.logArtifact(run, 'from-peer.bin', 'only the row is here');
  const row = await ws.store.db.artifacts.get([run, 'from-peer.bin']);
  await ws.store.db.blobs.delete(row?.sha256 ?? '');
  const err = await expectMlflowError(exportMlruns(ws, { runIds: [run] }), 'RESOURCE_DOES_NOT_EXIST');
  expect(err.message).toMatch(/from-peer\.bin/);
  const warnings: string[] = [];
  const files = await names(await exportMlruns(ws, { runIds: [run], skipMissingArtifacts: true, onWarning: (w) => warnings.push(w) }));
  expect(files).toContain(`mlruns/0/${run}/meta.yaml`);
  expect(files.some((f) => f.endsWith('from-peer.bin'))).toBe(false);
  expect(warnings).toEqual([expect.stringMatching(/from-peer\.bin/)]);
});

test('a registered model whose name MLflow\'s file registry refuses is left out with a warning', async () => {
  await s.client.createRegisteredModel('team/churn');
  const warnings: string[] = [];
  const files = await names(await exportMlruns(s.ws, { includeArtifacts: false, onWarning: (w) => warnings.push(w) }));
  expect(files.some((f) => f.startsWith('mlruns/models/team'))).toBe(false);
  expect(warnings).toEqual([expect.stringMatching(/team\/churn.*path separator/)]);
  await s.client.deleteRegisteredModel('team/churn');
});

test('an aborted signal stops the export with an AbortError', async () => {
  const controller = new AbortController();
  const done = exportMlruns(s.ws, { onProgress: (p) => p.runsDone === 2 && controller.abort(), signal: controller.signal });
  await expect(done).rejects.toMatchObject({ name: 'AbortError' });
});

test('writeMlrunsZip streams into any sink, write by write, and returns the size', async () => {
  const chunks: Uint8Array[] = [];
  // level 0 stores everything: ~2 MB, so more than one ~1 MiB write
  const size = await writeMlrunsZip(s.ws, { write: async (c) => void chunks.push(c) }, { level: 0 });
  expect(chunks.length).toBeGreaterThan(1);
  expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(size);
  const zip = new Blob(chunks as BlobPart[]);
  expect(await names(zip)).toEqual(await names(await exportMlruns(s.ws)));
});

test('keys a file system cannot hold together (metrics "val" and "val/acc"): the later is left out, with a warning', async () => {
  const { client, ws } = await freshClient();
  const run = (await client.createRun('0')).info.runId;
  await client.logBatch(run, { metrics: [{ key: 'val', value: 1 }, { key: 'val/acc', value: 0.5 }], params: [{ key: 'p/q', value: '1' }, { key: 'p', value: '2' }] });
  const warnings: string[] = [];
  const files = await names(await exportMlruns(ws, { onWarning: (w) => warnings.push(w) }));
  expect(files).toContain(`mlruns/0/${run}/metrics/val`);
  expect(files).not.toContain(`mlruns/0/${run}/metrics/val/acc`);
  expect(files).toContain(`mlruns/0/${run}/params/p`); // 'p' sorts first, so 'p/q' is the one left out
  expect(files).not.toContain(`mlruns/0/${run}/params/p/q`);
  expect(warnings).toEqual([expect.stringMatching(/params\/p\/q/), expect.stringMatching(/metrics\/val\/acc/)]);
});

test('a large artifact streams through in slices and comes out byte for byte', async () => {
  const { client, ws } = await freshClient();
  const run = (await client.createRun('0')).info.runId;
  const big = new Uint8Array(5_500_000);
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
  await client.logArtifact(run, 'data/big.bin', big);
  await client.logArtifact(run, 'data/photo.png', big.subarray(0, 5_000_000)); // stored, not deflated
  const files = unzipSync(new Uint8Array(await (await exportMlruns(ws)).arrayBuffer()));
  expect(Buffer.compare(files[`mlruns/0/${run}/artifacts/data/big.bin`] as Uint8Array, big)).toBe(0);
  expect(Buffer.compare(files[`mlruns/0/${run}/artifacts/data/photo.png`] as Uint8Array, big.subarray(0, 5_000_000))).toBe(0);
});
