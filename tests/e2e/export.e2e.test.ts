// Issue #7, leaving with your data, in Chromium: the export page writes chosen experiments as an
// MLflow FileStore zip (checked file by file after unzipping in Node) or as one JSON file; runs
// picked in the runs table export alone; Cancel stops an export and nothing downloads.
import { mkdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';

const shots = 'test-results/screenshots';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
/** The cancel test holds the export on reading an artifact of exactly this size. */
const GATED_SIZE = 77_777;
const POINTS = 300;

interface Seeded {
  alpha: string;
  beta: string;
  archived: string;
  slow: string;
  quiet: string;
  runs: { first: string; hostile: string; gone: string; beta: string };
  artifact: number[];
}

let b: BrowserSession;
let page: Page;
let seeded: Seeded;

declare global {
  interface Window {
    __pwned?: number;
    __gate?: { held: number; release: () => void };
  }
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  b = await openBrowser();
  page = await b.open('/');
  await page.waitForFunction(() => !!window.orchard);
  seeded = await page.evaluate(
    async ({ points, gatedSize, hostile }) => {
      const { MlflowClient, openWorkspace } = window.orchard;
      const client = new MlflowClient(await openWorkspace());
      const artifact = Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) % 256);
      const run = async (experimentId: string, name: string, lr: string, n: number, bytes?: Uint8Array) => {
        const r = await client.createRun(experimentId, { runName: name });
        const metrics = Array.from({ length: n }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: 1_700_000_000_000 + step }));
        await client.logBatch(r.info.runId, { params: [{ key: 'lr', value: lr }, { key: 'optimizer', value: 'adam' }], metrics });
        if (bytes) await client.logArtifact(r.info.runId, 'data/weights.bin', bytes);
        await client.setTerminated(r.info.runId);
        return r.info.runId;
      };
      const alpha = await client.createExperiment('export-alpha');
      const beta = await client.createExperiment('export-beta');
      const archived = await client.createExperiment('export-archived');
      await client.deleteExperiment(archived);
      const first = await run(alpha, 'alpha-first', '0.01', points, new Uint8Array(artifact));
      const hostileRun = await run(alpha, hostile, '0.1', 250);
      const gone = await run(alpha, 'alpha-gone', '0.5', 20);
      await client.deleteRun(gone);
      const betaRun = await run(beta, 'beta-only', '0.2', 120, new Uint8Array(artifact.map((x) => 255 - x)));
      // Two runs whose artifacts have the gated size: an export that went on past Cancel would read the second.
      const slow = await client.createExperiment('export-slow');
      for (const fill of [1, 2]) await run(slow, `slow-${fill}`, '0.3', 10, new Uint8Array(gatedSize).fill(fill));
      const quiet = await client.createExperiment('export-quiet');
      const quietRun = await run(quiet, 'quiet-run', '0.4', 5);
      // Metrics `acc` and `acc/train` cannot both be files in a FileStore tree: the zip leaves one out and says so.
      await client.logBatch(quietRun, { metrics: [{ key: 'acc', value: 0.9, step: 0 }, { key: 'acc/train', value: 0.95, step: 0 }] });
      return { alpha, beta, archived, slow, quiet, runs: { first, hostile: hostileRun, gone, beta: betaRun }, artifact };
    },
    { points: POINTS, gatedSize: GATED_SIZE, hostile: HOSTILE },
  );
});

afterAll(async () => {
  await b?.close();
});

const openExport = async (path = '/export'): Promise<void> => {
  await page.goto(new URL(path, b.baseUrl).href);
  await page.waitForSelector('.export-page');
};
const choose = (experimentId: string) => page.check(`.export-experiments li[data-experiment-id="${experimentId}"] input[type=checkbox]`);
const exportAndDownload = async (): Promise<Download> => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.export-start')]);
  return download;
};
const unzipDownload = async (d: Download): Promise<Record<string, Uint8Array>> => unzipSync(new Uint8Array(readFileSync(await d.path())));
const text = (files: Record<string, Uint8Array>, name: string): string => {
  const bytes = files[name];
  if (!bytes) throw new Error(`${name} is not in the zip`);
  return Buffer.from(bytes).toString('utf8');
};
const runIdsIn = (files: Record<string, Uint8Array>, experimentId: string): string[] =>
  Object.keys(files)
    .map((name) => new RegExp(`^mlruns/${experimentId}/([0-9a-f]{32})/meta\\.yaml$`).exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();

test('one experiment as an MLflow folder (zip): FileStore layout, every metric point, artifact bytes, nothing else', async () => {
  await openExport();
  await page.waitForSelector(`.export-experiments li[data-experiment-id="${seeded.archived}"]`);
  expect(await page.textContent(`.export-experiments li[data-experiment-id="${seeded.archived}"]`)).toContain('deleted');
  expect(await page.isDisabled('.export-start')).toBe(true);
  expect(await page.textContent('.export-estimate')).toBe('Choose at least one experiment.');
  await choose(seeded.alpha);
  expect(await page.isChecked('input[name="format"][value="zip"]')).toBe(true);
  expect(await page.isChecked('input[name="includeArtifacts"]')).toBe(true);
  expect(await page.isChecked('input[name="includeRegistry"]')).toBe(true);
  expect(await page.textContent('.export-estimate')).toBe('1 experiment, 3 runs (1 deleted)');
  await page.screenshot({ path: `${shots}/export-page.png`, fullPage: true });

  const download = await exportAndDownload();
  expect(download.suggestedFilename()).toMatch(/^mlruns-default-\d{8}-\d{4}\.zip$/);
  await page.waitForSelector('.export-summary');
  expect(await page.textContent('.export-summary')).toContain('Exported 3 runs');
  await page.screenshot({ path: `${shots}/export-summary.png`, fullPage: true });
  const files = await unzipDownload(download);

  const { alpha, runs } = seeded;
  expect(text(files, `mlruns/${alpha}/meta.yaml`)).toMatch(/^name: export-alpha$/m);
  expect(runIdsIn(files, alpha)).toEqual([runs.first, runs.hostile, runs.gone].sort());
  const runMeta = text(files, `mlruns/${alpha}/${runs.first}/meta.yaml`);
  expect(runMeta).toContain(`run_id: ${runs.first}`);
  expect(runMeta).toMatch(/^run_name: alpha-first$/m);
  expect(text(files, `mlruns/${alpha}/${runs.gone}/meta.yaml`)).toMatch(/^lifecycle_stage: deleted$/m);
  expect(text(files, `mlruns/${alpha}/${runs.first}/params/lr`)).toBe('0.01');
  expect(text(files, `mlruns/${alpha}/${runs.first}/params/optimizer`)).toBe('adam');
  const lines = text(files, `mlruns/${alpha}/${runs.first}/metrics/loss`).trimEnd().split('\n');
  expect(lines).toHaveLength(POINTS);
  expect(lines[0]).toBe('1700000000000 1.0 0');
  expect(lines[1]).toBe('1700000000001 0.5 1');
  expect(text(files, `mlruns/${alpha}/${runs.hostile}/metrics/loss`).trimEnd().split('\n')).toHaveLength(250);
  expect([...(files[`mlruns/${alpha}/${runs.first}/artifacts/data/weights.bin`] ?? [])]).toEqual(seeded.artifact);
  // Only the chosen experiment: no other experiment folder, no other run.
  const experimentFolders = new Set(Object.keys(files).map((name) => name.split('/')[1]));
  expect([...experimentFolders].filter((f) => f !== 'models')).toEqual([alpha]);
  expect(Object.keys(files).some((name) => name.includes(seeded.runs.beta) || name.includes(`/${seeded.beta}/`))).toBe(false);
  b.expectNoErrors();
});

test('Orchard JSON: one file that parses and holds the chosen runs with their history and artifact bytes', async () => {
  await openExport();
  await choose(seeded.beta);
  await page.check('input[name="format"][value="json"]');
  expect(await page.textContent('.export-estimate')).toBe('1 experiment, 1 run');
  const download = await exportAndDownload();
  expect(download.suggestedFilename()).toMatch(/^orchard-default-\d{8}-\d{4}\.json$/);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    format: string;
    workspace: string;
    experiments: Array<{ experiment_id: string; name: string }>;
    runs: Array<{ info: { run_id: string }; data: { params: Array<{ key: string; value: string }> } }>;
    metricHistories: Array<{ run_id: string; key: string; steps: number[] }>;
    artifacts: Array<{ run_id: string; path: string; data_base64?: string }>;
  };
  expect(doc.format).toBe('orchard-export');
  expect(doc.workspace).toBe('default');
  expect(doc.experiments.map((e) => e.name)).toEqual(['export-beta']);
  expect(doc.runs.map((r) => r.info.run_id)).toEqual([seeded.runs.beta]);
  expect(doc.runs[0]?.data.params).toContainEqual({ key: 'lr', value: '0.2' });
  expect(doc.metricHistories.find((h) => h.key === 'loss')?.steps).toHaveLength(120);
  const artifact = doc.artifacts.find((a) => a.path === 'data/weights.bin');
  expect([...Buffer.from(artifact?.data_base64 ?? '', 'base64')]).toEqual(seeded.artifact.map((x) => 255 - x));
  await page.waitForSelector('.export-summary');
  expect(await page.textContent('.export-summary')).toContain('Exported 1 run');
  b.expectNoErrors();
});

test('runs picked in the runs table: Export opens the page with exactly those runs, and the zip holds only them', async () => {
  const { alpha, runs } = seeded;
  await page.goto(new URL(`/experiments/${alpha}`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${runs.first}"]`);
  await page.click(`tr[data-run-id="${runs.first}"] input[type=checkbox]`);
  await page.click(`tr[data-run-id="${runs.hostile}"] input[type=checkbox]`);
  await page.waitForSelector('.selection-actions');
  expect(await page.textContent('.selection-actions strong')).toBe('2 selected');
  await page.click('.selection-actions .export-button');
  await page.waitForURL(/\/export\?runs=/);
  expect(new URL(page.url()).searchParams.get('runs')?.split(',').sort()).toEqual([runs.first, runs.hostile].sort());

  await page.waitForSelector('.export-chosen-runs li[data-run-id]');
  expect(await page.textContent('.export-chosen-runs legend')).toContain('2 runs chosen');
  expect(await page.textContent(`.export-chosen-runs li[data-run-id="${runs.first}"] .export-run-name`)).toBe('alpha-first');
  // A run name is text, never markup.
  expect(await page.textContent(`.export-chosen-runs li[data-run-id="${runs.hostile}"] .export-run-name`)).toBe(HOSTILE);
  expect(await page.locator('.export-page img').count()).toBe(0);
  expect(await page.textContent('.export-estimate')).toBe('1 experiment, 2 runs');
  await page.screenshot({ path: `${shots}/export-chosen-runs.png`, fullPage: true });

  const download = await exportAndDownload();
  const files = await unzipDownload(download);
  expect(runIdsIn(files, alpha)).toEqual([runs.first, runs.hostile].sort());
  expect(text(files, `mlruns/${alpha}/meta.yaml`)).toMatch(/^name: export-alpha$/m);
  expect(Object.keys(files).some((name) => name.includes(runs.gone) || name.includes(`/${seeded.beta}/`))).toBe(false);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  b.expectNoErrors();
});

test('Cancel stops the export: the page says so, nothing downloads, the export reads no further; the next one works and lists what it left out', async () => {
  await openExport();
  await choose(seeded.slow);
  expect(await page.textContent('.export-estimate')).toBe('1 experiment, 2 runs');
  // Hold the export on its first gated artifact, so Cancel is pressed while it is certainly running.
  await page.evaluate((size) => {
    const read = Blob.prototype.arrayBuffer;
    let release!: () => void;
    const open = new Promise<void>((resolve) => (release = resolve));
    window.__gate = { held: 0, release };
    Blob.prototype.arrayBuffer = async function (this: Blob): Promise<ArrayBuffer> {
      if (this.size === size && window.__gate) {
        window.__gate.held++;
        await open;
      }
      return read.call(this);
    };
  }, GATED_SIZE);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));

  await page.click('.export-start');
  await page.waitForFunction(() => window.__gate?.held === 1);
  expect(await page.isVisible('.export-progress progress')).toBe(true);
  await page.screenshot({ path: `${shots}/export-progress.png`, fullPage: true });
  await page.click('.export-cancel');
  await page.waitForSelector('.export-cancelled');
  expect(await page.textContent('.export-cancelled')).toContain('Export cancelled');
  expect(await page.locator('.export-progress').count()).toBe(0);
  expect(await page.isEnabled('.export-start')).toBe(true);
  await page.screenshot({ path: `${shots}/export-cancelled.png`, fullPage: true });
  await page.evaluate(() => window.__gate?.release());

  // A second export runs to the end; by the time it has downloaded, the cancelled one had its
  // chance to go on: it never read the second gated artifact and never downloaded.
  await page.uncheck(`.export-experiments li[data-experiment-id="${seeded.slow}"] input[type=checkbox]`);
  await choose(seeded.quiet);
  const second = await exportAndDownload();
  expect(second.suggestedFilename()).toMatch(/^mlruns-default-.*\.zip$/);
  expect(runIdsIn(await unzipDownload(second), seeded.quiet)).toHaveLength(1);
  await page.waitForSelector('.export-summary');
  expect(await page.textContent('.export-warnings summary')).toBe('Left out or incomplete: 1');
  expect(await page.textContent('.export-warnings li')).toContain("Left out 'mlruns/");
  expect(await page.evaluate(() => window.__gate?.held)).toBe(1);
  expect(downloads).toEqual([second.suggestedFilename()]);
  b.expectNoErrors();
});
