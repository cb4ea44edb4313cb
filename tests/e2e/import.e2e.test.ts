// Issue #7, import from MLflow in Chromium: a zip picked with the zip picker (preview, cancel at the
// preview, import; the data shows in the app), the same zip again (nothing to import), a folder
// picked with the File System Access API (a real directory handle, from the origin private file
// system), a folder through the folder input (browsers without the picker), a zip dropped on the
// page, and a cancel while the worker reads a big tree. The preview's counts are checked against
// the SDK's own report for the same tree, computed here in Node.
import 'fake-indexeddb/auto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importMlruns, openWorkspace, type ImportReport } from '../../src/sdk/index';
import { FILESTORE, fixtureFiles } from '../sdk/import/fixture-files';
import { openBrowser, type BrowserSession } from './browser';

const shots = 'test-results/screenshots';
const tmp = mkdtempSync(join(tmpdir(), 'orchard-import-e2e-'));
let b: BrowserSession;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  b = await openBrowser();
  page = await b.open('/');
  await page.waitForFunction(() => !!window.orchard);
});

afterAll(async () => {
  await b?.close();
});

/** What the SDK reports for importing `files` into an empty workspace (fake-indexeddb, in Node). */
async function expectedReport(files: Array<{ path: string; data: Uint8Array }>): Promise<ImportReport> {
  const ws = await openWorkspace({ name: `expected-${Math.random()}` });
  return importMlruns(ws, files);
}

function zipFile(name: string, files: Record<string, Uint8Array>): string {
  const path = join(tmp, name);
  writeFileSync(path, zipSync(files, { level: 6 }));
  return path;
}

const asRecord = (files: Array<{ path: string; data: Uint8Array }>): Record<string, Uint8Array> => Object.fromEntries(files.map((f) => [f.path, f.data]));

async function countCell(p: Page, kind: string, column: 'found' | 'fresh' | 'unchanged', scope = '.import-preview'): Promise<string> {
  return (await p.textContent(`${scope} .import-counts tr[data-kind="${kind}"] .${column}`))?.trim() ?? '';
}

async function runsIn(p: Page, experimentId: string): Promise<string[]> {
  return p.evaluate(async (id) => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    const { runs } = await client.searchRuns({ experimentIds: [id], runViewType: 'ALL', maxResults: 1000 });
    return runs.map((r) => r.info.runId).sort();
  }, experimentId);
}

const enc = new TextEncoder();
/** A generated tree: experiment `id` with `runs` runs of `points` points on 4 metric keys. */
function generatedTree(id: string, runs: number, points: number): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {
    [`mlruns/${id}/meta.yaml`]: enc.encode(`artifact_location: file:///tmp/mlruns/${id}\ncreation_time: 1700000000000\nexperiment_id: '${id}'\nlast_update_time: 1700000000000\nlifecycle_stage: active\nname: generated-${id}\n`),
  };
  for (let r = 0; r < runs; r++) {
    const run = `${id}${r.toString(16).padStart(31 - id.length, '0')}`.padEnd(32, '0');
    const dir = `mlruns/${id}/${run}`;
    files[`${dir}/meta.yaml`] = enc.encode(
      `artifact_uri: file:///tmp/mlruns/${id}/${run}/artifacts\nend_time: 1700000100000\nentry_point_name: ''\nexperiment_id: '${id}'\nlifecycle_stage: active\nrun_id: '${run}'\nrun_name: gen-${r}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: ${1700000000000 + r}\nstatus: 3\ntags: []\nuser_id: e2e\n`,
    );
    files[`${dir}/params/lr`] = enc.encode(String(r / 1000));
    for (let k = 0; k < 4; k++) {
      let text = '';
      for (let s = 0; s < points; s++) text += `${1700000000000 + s} ${Math.exp(-s / 100) + k} ${s}\n`;
      files[`${dir}/metrics/m${k}`] = enc.encode(text);
    }
  }
  return files;
}

test('a zip: the preview counts what the SDK reports, cancelling at the preview writes nothing, then the import shows in the app', async () => {
  const tree = fixtureFiles('shisian512-mlops');
  const expected = await expectedReport(tree);
  // Two entries that try to leave the tree: refused one by one, named in the warnings.
  const zip = zipFile('shisian.zip', { ...asRecord(tree), '../evil.txt': enc.encode('x'), 'mlruns/%2e%2e/evil.txt': enc.encode('y') });
  await page.goto(new URL('/settings', b.baseUrl).href);
  await page.click('.settings-section .import-link');
  await page.waitForURL(/\/import$/);
  const runsBefore = await runsIn(page, '0');

  await page.setInputFiles('.zip-input', zip);
  await page.waitForSelector('.import-preview');
  expect(await page.textContent('.import-source-name')).toBe('shisian.zip');
  // The refused entries are not among the tree's files.
  expect(await page.textContent('.import-tree-size')).toMatch(new RegExp(`^${tree.length} files, [\\d.]+ [KM]B read\\.$`));
  for (const kind of ['experiments', 'runs', 'metricPoints', 'artifacts', 'registeredModels', 'modelVersions'] as const) {
    expect(await countCell(page, kind, 'found'), kind).toBe(expected.found[kind].toLocaleString('en'));
    expect(await countCell(page, kind, 'fresh'), kind).toBe(expected.imported[kind].toLocaleString('en'));
  }
  const warnings = await page.$$eval('.import-preview .import-warnings li', (lis) => lis.map((li) => li.textContent ?? ''));
  expect(warnings.some((w) => w.startsWith('../evil.txt') && w.includes('refused'))).toBe(true);
  expect(warnings.some((w) => w.startsWith('mlruns/%2e%2e/evil.txt') && w.includes('refused'))).toBe(true);
  await page.screenshot({ path: `${shots}/import-preview.png`, fullPage: true });

  await page.click('.import-preview .cancel-import');
  await page.waitForSelector('.import-cancelled');
  expect(await runsIn(page, '0')).toEqual(runsBefore);
  expect(await page.evaluate(async () => {
    const { MlflowClient, openWorkspace } = window.orchard;
    return (await new MlflowClient(await openWorkspace()).searchRegisteredModels()).registeredModels.length;
  })).toBe(0);

  await page.setInputFiles('.zip-input', zip);
  await page.click('.confirm-import');
  await page.waitForSelector('.import-done');
  expect(await countCell(page, 'runs', 'fresh', '.import-done')).toBe(expected.imported.runs.toLocaleString('en'));
  expect((await runsIn(page, '0')).length).toBe(runsBefore.length + expected.imported.runs);
  await page.screenshot({ path: `${shots}/import-done.png`, fullPage: true });

  // The registry came along: the model page lists its four versions; the logged model's MLmodel is a run artifact.
  await page.goto(new URL('/models/sk-learn-random-forest-reg-model', b.baseUrl).href);
  await page.waitForSelector('text=best_model');
  const runId = '7ecc575ce85347ed86db402367028ae4';
  await page.goto(new URL(`/runs/${runId}`, b.baseUrl).href);
  await page.waitForSelector('text=sklearn-model');
});

test('the same zip again: the preview says nothing is new and offers no import', async () => {
  await page.goto(new URL('/import', b.baseUrl).href);
  await page.setInputFiles('.zip-input', join(tmp, 'shisian.zip'));
  await page.waitForSelector('.import-preview');
  expect(await page.textContent('.import-preview-line')).toContain('here already');
  expect(await page.isDisabled('.confirm-import')).toBe(true);
  expect(await countCell(page, 'runs', 'fresh')).toBe('0');
});

test('a folder picked with the File System Access API (a real directory handle)', async () => {
  const tree = fixtureFiles('packt-dl-at-scale-chapter08');
  const expected = await expectedReport(tree);
  await page.goto(new URL('/import', b.baseUrl).href);
  // The native dialog cannot be driven headless: the picker answers with a folder of the origin
  // private file system holding the tree, which is the same kind of handle the dialog returns.
  await page.evaluate(async (files) => {
    const root = await navigator.storage.getDirectory();
    for (const f of files) {
      const segs = f.path.split('/');
      let dir = root;
      for (const s of segs.slice(0, -1)) dir = await dir.getDirectoryHandle(s, { create: true });
      const handle = await dir.getFileHandle(segs.at(-1) as string, { create: true });
      const w = await handle.createWritable();
      await w.write(new Uint8Array(f.data));
      await w.close();
    }
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => root.getDirectoryHandle('mlruns');
  }, tree.map((f) => ({ path: f.path, data: [...f.data] })));
  await page.click('.choose-folder');
  await page.waitForSelector('.import-preview');
  expect(await countCell(page, 'runs', 'fresh')).toBe(String(expected.imported.runs));
  expect(await countCell(page, 'metricPoints', 'found')).toBe(expected.found.metricPoints.toLocaleString('en'));
  await page.click('.confirm-import');
  await page.waitForSelector('.import-done');
  await page.click('.import-done a');
  expect(await runsIn(page, '1')).toEqual(['d01fc81e11e842f5b9556ae04136c0d3', 'dc5f670efa1a4eac95683633ffcfdd79']);
});

test('a folder through the folder input, where the browser has no directory picker', async () => {
  const fixture = 'manuelgilm-mlflow-for-ml-dev';
  const expected = await expectedReport(fixtureFiles(fixture));
  const fallback = await b.context.newPage();
  await fallback.addInitScript(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);
  await fallback.goto(new URL('/import', b.baseUrl).href);
  expect(await fallback.textContent('.import-drop-note')).toContain('picks folders with its file dialog');
  const [chooser] = await Promise.all([fallback.waitForEvent('filechooser'), fallback.click('.choose-folder')]);
  await chooser.setFiles(join(FILESTORE, fixture));
  await fallback.waitForSelector('.import-preview');
  expect(await countCell(fallback, 'runs', 'found')).toBe(expected.found.runs.toLocaleString('en'));
  expect(await countCell(fallback, 'artifacts', 'found')).toBe(expected.found.artifacts.toLocaleString('en'));
  await fallback.click('.confirm-import');
  await fallback.waitForSelector('.import-done');
  expect((await runsIn(fallback, '896296360431059581')).length).toBeGreaterThan(0);
  await fallback.close();
});

test('a zip dropped on the page', async () => {
  const files = generatedTree('77', 3, 50);
  await page.goto(new URL('/import', b.baseUrl).href);
  const bytes = [...zipSync(files)];
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped.zip', { type: 'application/zip' }));
    const zone = document.querySelector('.import-drop') as HTMLElement;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.waitForSelector('.import-preview');
  expect(await page.textContent('.import-source-name')).toBe('dropped.zip');
  expect(await countCell(page, 'metricPoints', 'found')).toBe('600');
  await page.click('.confirm-import');
  await page.waitForSelector('.import-done');
  expect(await runsIn(page, '77')).toHaveLength(3);
});

test('a folder dropped on the page (a real drag of a directory, through the DevTools protocol)', async () => {
  const fixture = 'packt-dl-at-scale-chapter02';
  const expected = await expectedReport(fixtureFiles(fixture));
  const fresh = await b.context.newPage();
  await fresh.goto(new URL('/import', b.baseUrl).href);
  // A drag from the file manager: Chromium hands the page a directory entry for a dropped folder.
  const box = (await fresh.locator('.import-drop').boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await b.context.newCDPSession(fresh);
  const data = { items: [], files: [join(FILESTORE, fixture, 'mlruns')], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await fresh.waitForSelector('.import-preview');
  expect(await fresh.textContent('.import-source-name')).toBe('mlruns');
  expect(await countCell(fresh, 'runs', 'found')).toBe(String(expected.found.runs));
  expect(await countCell(fresh, 'metricPoints', 'found')).toBe(expected.found.metricPoints.toLocaleString('en'));
  expect(await countCell(fresh, 'artifacts', 'found')).toBe(String(expected.found.artifacts));
  await fresh.close();
});

test('cancelled while the worker reads a big tree: nothing is written', async () => {
  const zip = zipFile('big.zip', generatedTree('99', 1500, 500));
  await page.goto(new URL('/import', b.baseUrl).href);
  await page.setInputFiles('.zip-input', zip);
  await page.waitForSelector('.import-progress');
  await page.click('.import-progress .cancel-import');
  await page.waitForSelector('.import-cancelled');
  expect(await page.evaluate(async () => {
    const { MlflowClient, openWorkspace } = window.orchard;
    return (await new MlflowClient(await openWorkspace()).searchExperiments({ viewType: 'ALL' })).experiments.map((e) => e.experimentId);
  })).not.toContain('99');
  // The page is usable again: the same zip can be chosen and read to a preview.
  await page.setInputFiles('.zip-input', zip);
  await page.waitForSelector('.import-preview', { timeout: 120_000 });
  expect(await countCell(page, 'runs', 'found')).toBe('1,500');
  b.expectNoErrors();
});
