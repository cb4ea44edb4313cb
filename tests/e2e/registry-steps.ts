// Steps the registry e2e test repeats: set the local profile in Settings, log the real ONNX wine
// regressor from the page (window.orchard, as a notebook would), and drive the transition dialog.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', 'pH', 'sulphates', 'alcohol'];
const ROW = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];

/** The open confirm dialog (native <dialog>, modal). */
export const DIALOG = 'dialog.confirm-dialog[open]';

/** Saves `name` and `email` as this browser's profile; resolves when the header shows the name. */
export async function setProfile(page: Page, baseUrl: string, name: string, email: string): Promise<void> {
  await page.goto(new URL('/settings', baseUrl).href);
  await page.waitForSelector('.profile-form');
  await page.fill('.profile-form input[name="name"]', name);
  await page.fill('.profile-form input[name="email"]', email);
  await page.click('.profile-form button[type="submit"]');
  await page.waitForSelector('.profile-saved');
  await page.waitForFunction((n) => document.querySelector('.settings-user')?.textContent === n, name);
}

/** Logs the wine regressor (11 named columns, an input example) into a new run; returns its id. */
export async function logWineRun(page: Page, experiment: string, runName: string): Promise<string> {
  const wine = readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`).toString('base64');
  return page.evaluate(
    async ({ wine, columns, row, experiment, runName }) => {
      const { MlflowClient, openWorkspace } = window.orchard;
      const client = new MlflowClient(await openWorkspace());
      const existing = await client.getExperimentByName(experiment);
      const experimentId = existing?.experimentId ?? (await client.createExperiment(experiment));
      const run = await client.createRun(experimentId, { runName });
      const bytes = Uint8Array.from(atob(wine), (c) => c.charCodeAt(0));
      const inputExample = Object.fromEntries(columns.map((c, i) => [c, [row[i]]]));
      await client.logModel(run.info.runId, bytes.buffer, { artifactPath: 'model', inputExample });
      return run.info.runId;
    },
    { wine, columns: COLUMNS, row: ROW, experiment, runName },
  );
}

/** Picks `stage` in version `v`'s "Move to…" menu; resolves once the confirm dialog is open. */
export async function moveTo(page: Page, v: string, stage: string): Promise<void> {
  await page.selectOption(`.versions-table tr[data-version="${v}"] .stage-move`, stage);
  await page.waitForSelector(DIALOG);
}

/** Presses the dialog's confirm button (the last one: Cancel comes first). */
export const confirmDialog = (page: Page): Promise<void> => page.click(`${DIALOG} .confirm-actions button:last-child`);

/** The stage a version's row shows. */
export const stageOf = (page: Page, v: string): Promise<string | null> => page.getAttribute(`.versions-table tr[data-version="${v}"]`, 'data-stage');
