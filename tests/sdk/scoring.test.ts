// MLflow's scoring protocol answered by createScoringHandler, called directly in Node.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createScoringHandler } from '../../src/sdk/index';
import { freshClient } from './helpers';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const WINE_COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', 'pH', 'sulphates', 'alcohol'];
const ROW = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];

let score: (r: Request) => Promise<Response>;
let runId: string;
const post = (path: string, body: string, type = 'application/json') =>
  score(new Request(`http://orchard.local${path}`, { method: 'POST', headers: { 'Content-Type': type }, body }));

beforeAll(async () => {
  const { client, ws } = await freshClient();
  runId = (await client.createRun('0')).info.runId;
  const b = readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`);
  await client.logModel(runId, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, {
    artifactPath: 'wine/model',
    inputExample: [Object.fromEntries(WINE_COLUMNS.map((c, i) => [c, ROW[i]]))],
  });
  score = createScoringHandler(ws);
});

describe('scoring server protocol', () => {
  test('ping, health and version', async () => {
    for (const p of ['/ping', '/health']) {
      const r = await score(new Request(`http://x${p}`));
      expect(r.status).toBe(200);
      expect(await r.text()).toBe('\n');
    }
    expect(await (await score(new Request('http://x/version'))).text()).toBe('3.6.0');
  });

  test('dataframe_split, dataframe_records, inputs and CSV give the same predictions', async () => {
    const path = `/run/${runId}/wine/model/invocations`;
    const bodies: Array<[string, string]> = [
      [JSON.stringify({ dataframe_split: { columns: WINE_COLUMNS, data: [ROW] } }), 'application/json'],
      [JSON.stringify({ dataframe_records: [Object.fromEntries(WINE_COLUMNS.map((c, i) => [c, ROW[i]]))] }), 'application/json; charset=utf-8'],
      [JSON.stringify({ inputs: Object.fromEntries(WINE_COLUMNS.map((c, i) => [c, [ROW[i]]])) }), 'application/json'],
      [`${WINE_COLUMNS.join(',')}\n${ROW.join(',')}\n`, 'text/csv'],
    ];
    const answers: unknown[] = [];
    for (const [body, type] of bodies) {
      const r = await post(path, body, type);
      expect(r.status, body).toBe(200);
      const json = (await r.json()) as { predictions: Array<{ variable: number }> };
      expect(json.predictions).toHaveLength(1);
      answers.push(json.predictions);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  test('bad input gets MLflow\'s status codes and messages', async () => {
    const path = `/run/${runId}/wine/model/invocations`;
    const r415 = await post(path, '{}', 'text/plain');
    expect(r415.status).toBe(415);
    const bad = await post(path, '{"dataframe_split": {"columns": ["pH"], "data": [[3.1]]}}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error_code: string; message: string }).message).toMatch(/Failed to predict data/);
    const garbage = await post(path, 'nonsense');
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error_code: string }).error_code).toBe('BAD_REQUEST');
    const ragged = await post(path, 'a,b\n1\n', 'text/csv');
    expect(ragged.status).toBe(400);
    const huge = await post(path, JSON.stringify({ inputs: 'x'.repeat(17 * 1024 * 1024) }));
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { message: string }).message).toMatch(/exceeds the 16 MB limit/);
    const missing = await post(`/run/${runId}/nope/invocations`, '{"inputs": [1]}');
    expect(missing.status).toBe(404);
    const registry = await post('/model/wine/Production/invocations', '{"inputs": [1]}');
    expect(registry.status).toBe(404);
  });
});
