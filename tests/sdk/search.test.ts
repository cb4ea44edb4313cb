import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { expectMlflowError, freshClient } from './helpers';

async function sweep() {
  const fresh = await freshClient();
  const { client } = fresh;
  const expId = await client.createExperiment('dl_model_chapter08');
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) {
    const run = await client.createRun(expId, { runName: `trial-${i}`, startTime: 1_000 + i, tags: { pipeline_step: i % 2 ? 'fine_tuning' : 'inference' } });
    await client.logBatch(run.info.runId, {
      params: [{ key: 'learning_rate', value: String(10 ** -(i % 3 + 2)) }, { key: 'batch_size', value: String(16 * (i + 1)) }],
      metrics: i === 6 ? [] : [{ key: 'val_f1', value: i / 10, step: 1 }],
    });
    ids.push(run.info.runId);
  }
  return { ...fresh, expId, ids };
}

describe('searchRuns', () => {
  test('default order is start_time DESC; runs without the filtered metric never match', async () => {
    const { client, expId, ids } = await sweep();
    const all = await client.searchRuns({ experimentIds: [expId] });
    expect(all.runs.map((r) => r.info.runId)).toEqual([...ids].reverse());
    const some = await client.searchRuns({ experimentIds: [expId], filterString: 'metrics.val_f1 != 0.3' });
    expect(some.runs.map((r) => r.info.runName).sort()).toEqual(['trial-0', 'trial-1', 'trial-2', 'trial-4', 'trial-5']);
  });

  test('order_by metric DESC puts runs lacking the key last; several keys', async () => {
    const { client, expId } = await sweep();
    const { runs } = await client.searchRuns({ experimentIds: [expId], orderBy: ['metrics.val_f1 DESC'] });
    expect(runs.map((r) => r.info.runName)).toEqual(['trial-5', 'trial-4', 'trial-3', 'trial-2', 'trial-1', 'trial-0', 'trial-6']);
    const two = await client.searchRuns({ experimentIds: [expId], orderBy: ['tags.pipeline_step ASC', 'params.batch_size DESC'] });
    // Params sort as strings, as in MLflow: '112' < '16'.
    expect(two.runs.map((r) => r.info.runName)).toEqual(['trial-5', 'trial-3', 'trial-1', 'trial-4', 'trial-2', 'trial-0', 'trial-6']);
  });

  test('pagination with opaque tokens covers every run exactly once', async () => {
    const { client, expId, ids } = await sweep();
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.searchRuns({ experimentIds: [expId], maxResults: 3, pageToken });
      seen.push(...page.runs.map((r) => r.info.runId));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen.sort()).toEqual([...ids].sort());
    await expectMlflowError(client.searchRuns({ experimentIds: [expId], pageToken: 'garbage!' }), 'INVALID_PARAMETER_VALUE', /Invalid page token/);
    await expectMlflowError(client.searchRuns({ experimentIds: [expId], maxResults: 50_001 }), 'INVALID_PARAMETER_VALUE', /max_results/);
  });

  test('view types, OR/NOT extensions, and errors naming the token', async () => {
    const { client, expId, ids } = await sweep();
    await client.deleteRun(ids[0] as string);
    expect((await client.searchRuns({ experimentIds: [expId], runViewType: 'DELETED_ONLY' })).runs.map((r) => r.info.runId)).toEqual([ids[0]]);
    expect((await client.searchRuns({ experimentIds: [expId], runViewType: 'ALL' })).runs).toHaveLength(7);
    const or = await client.searchRuns({ experimentIds: [expId], filterString: "params.batch_size = '32' OR (tags.pipeline_step = 'inference' AND NOT metrics.val_f1 > 0.3)" });
    expect(or.runs.map((r) => r.info.runName).sort()).toEqual(['trial-1', 'trial-2', 'trial-6']);
    const inList = await client.searchRuns({ experimentIds: [expId], filterString: "params.batch_size IN ('16', '48', '64')" });
    expect(inList.runs.map((r) => r.info.runName).sort()).toEqual(['trial-2', 'trial-3']);
    const err = await expectMlflowError(client.searchRuns({ experimentIds: [expId], filterString: 'foo.bar = 1' }), 'INVALID_PARAMETER_VALUE', /Invalid entity type 'foo'/);
    expect(err.location?.token).toContain('foo');
  });
});

describe('searchExperiments', () => {
  test('filter by name and tags, order, view types and pages', async () => {
    const { client } = await freshClient();
    const a = await client.createExperiment('vision-a', { tags: { team: 'vision' } });
    const b = await client.createExperiment('vision-b', { tags: { team: 'vision' } });
    const c = await client.createExperiment('nlp', { tags: { team: 'text' } });
    await client.deleteExperiment(c);
    const byName = await client.searchExperiments({ filterString: "name LIKE 'vision%'", orderBy: ['name DESC'] });
    expect(byName.experiments.map((e) => e.experimentId)).toEqual([b, a]);
    expect((await client.searchExperiments({ filterString: "tags.team = 'text'" })).experiments).toEqual([]);
    expect((await client.searchExperiments({ viewType: 'DELETED_ONLY' })).experiments.map((e) => e.name)).toEqual(['nlp']);
    const all = await client.searchExperiments({ viewType: 'ALL', maxResults: 2 });
    expect(all.experiments).toHaveLength(2);
    const rest = await client.searchExperiments({ viewType: 'ALL', maxResults: 2, pageToken: all.nextPageToken });
    expect(rest.experiments).toHaveLength(2);
    expect(rest.nextPageToken).toBeUndefined();
    await expectMlflowError(client.searchExperiments({ filterString: 'params.x = 1' }), 'INVALID_PARAMETER_VALUE');
  });
});

describe('searchRunsWithSummaries', () => {
  test('returns min/max per metric and sorts by min(...) / max(...)', async () => {
    const { client } = await freshClient();
    const early = await client.createRun('0', { runName: 'early-stopped' });
    const steady = await client.createRun('0', { runName: 'steady' });
    await client.logBatch(early.info.runId, { metrics: [0.9, 0.1, 0.8].map((value, step) => ({ key: 'loss', value, step, timestamp: 1 })) });
    await client.logBatch(steady.info.runId, { metrics: [0.6, 0.4, 0.3].map((value, step) => ({ key: 'loss', value, step, timestamp: 1 })) });
    const byLatest = await client.searchRunsWithSummaries({ experimentIds: ['0'], orderBy: ['metrics.loss ASC'] });
    expect(byLatest.runs.map((r) => r.info.runName)).toEqual(['steady', 'early-stopped']);
    const byMin = await client.searchRunsWithSummaries({ experimentIds: ['0'], orderBy: ['min(metrics.loss) ASC'] });
    expect(byMin.runs.map((r) => r.info.runName)).toEqual(['early-stopped', 'steady']);
    expect(byMin.runs[0]?.metricSummaries.loss).toMatchObject({ min: 0.1, max: 0.9, latest: 0.8, count: 3 });
    const plain = await client.searchRuns({ experimentIds: ['0'], orderBy: ['max(metrics.loss) DESC'] });
    expect(plain.runs.map((r) => r.info.runName)).toEqual(['early-stopped', 'steady']);
    expect('metricSummaries' in (plain.runs[0] as object)).toBe(false);
  });
});
