// The run the run-page e2e test looks at, logged from inside the page as a notebook-style script
// would: params, metrics, a parent and a child, a markdown description, hostile names, and one
// artifact of every preview kind (the MLmodel is a real one from the shared fixtures).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const FIXTURES = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const MLMODEL = readFileSync(`${FIXTURES}/mlmodel/sklearn-mlflow3.3__dmatrix-mlflow-misc/MLmodel`, 'utf8');
export const HOSTILE = '<img src=x onerror=window.__pwned=1>';
export const SCRIPT = '<script>window.__pwned=1</script>';

export interface Seeded {
  experimentId: string;
  runId: string;
  parentId: string;
  childId: string;
}

/** Logs the run under test; about 30 MB of artifacts in all. */
export function seedRun(page: Page): Promise<Seeded> {
  return page.evaluate(
    async ({ mlmodel, hostile, script }) => {
      const { MlflowClient, openWorkspace } = window.orchard;
      const client = new MlflowClient(await openWorkspace());
      const experimentId = await client.createExperiment(`run page e2e ${Date.now()}`);
      const parent = await client.createRun(experimentId, { runName: 'sweep-parent' });
      const description = [
        '# Trial notes',
        'Uses **AdamW**; see [the docs](https://mlflow.org/docs/latest/index.html).',
        `Raw HTML stays text: ${hostile} ${script}`,
        '[click me](javascript:window.__pwned=1)',
      ].join('\n\n');
      const run = await client.createRun(experimentId, {
        runName: `trial ${hostile} ${script}`,
        tags: {
          'mlflow.parentRunId': parent.info.runId,
          'mlflow.source.name': 'train.py',
          'mlflow.source.type': 'LOCAL',
          'mlflow.note.content': description,
          team: `vision ${hostile}`,
        },
      });
      const runId = run.info.runId;
      const child = await client.createRun(experimentId, { runName: 'child-fold-1', tags: { 'mlflow.parentRunId': runId } });
      const loss = Array.from({ length: 50 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: Date.now() }));
      await client.logBatch(runId, { params: [{ key: 'lr', value: '0.01' }, { key: 'optimizer', value: 'adamw' }], metrics: loss });
      await client.logMetric(runId, 'accuracy', 0.93, { step: 49 });

      const canvas = new OffscreenCanvas(120, 80);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.fillStyle = '#2f6b3a';
      ctx.fillRect(0, 0, 120, 80);
      ctx.fillStyle = '#f5c542';
      ctx.fillRect(30, 20, 60, 40);
      await client.logArtifact(runId, 'plots/square.png', await canvas.convertToBlob({ type: 'image/png' }));
      await client.logArtifact(runId, 'plots/logo.svg', `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="window.__pwned=1"><script>window.__pwned=1</script><circle cx="20" cy="20" r="18" fill="#2f6b3a"/></svg>`);
      await client.logArtifact(runId, 'logs/train.log', 'epoch 1 loss 0.9\nepoch 2 loss 0.5\n');
      await client.logArtifact(runId, 'metrics.json', JSON.stringify({ accuracy: 0.93, confusion: [[5, 1], [0, 6]] }));
      await client.logArtifact(runId, 'data/sample.csv', 'sepal_length,species\n5.1,setosa\n"6,2",versicolor\n');
      await client.logArtifact(runId, 'data/sample.tsv', 'epoch\tloss\n1\t0.9\n2\t0.5\n');
      await client.logArtifact(runId, 'report.html', `<h1>Report</h1><p>static content</p>${script}<script>window.parent.__pwned=1</script>`);
      await client.logArtifact(runId, 'model/MLmodel', mlmodel);
      await client.logArtifact(runId, 'model/model.bin', new Uint8Array([0, 1, 2, 3, 255, 254, 0, 7]));
      await client.logArtifact(runId, `notes/${hostile}.txt`, `${script}\n${hostile}\n`);
      const rows = Array.from({ length: 40_000 }, (_, i) => ({ step: i, loss: 1 / (i + 1), note: 'a JSON file past the 1 MB pretty-print ceiling' }));
      await client.logArtifact(runId, 'logs/big.json', JSON.stringify(rows));
      const line = `${'step 000000 loss 0.123456 lr 0.001 '.padEnd(79, '.')}\n`;
      await client.logArtifact(runId, 'logs/big.log', line.repeat(Math.ceil((30 * 1024 * 1024) / line.length)));
      return { experimentId, runId, parentId: parent.info.runId, childId: child.info.runId };
    },
    { mlmodel: MLMODEL, hostile: HOSTILE, script: SCRIPT },
  );
}
