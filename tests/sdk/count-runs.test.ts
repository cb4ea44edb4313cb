import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { expectMlflowError, freshClient } from './helpers';

test('countRuns counts per experiment and view, and follows deletes, restores and moves', async () => {
  const { client } = await freshClient();
  const a = await client.createExperiment('a');
  const b = await client.createExperiment('b');
  const empty = await client.createExperiment('empty');
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await client.createRun(a));
  await client.createRun(b);
  expect(await client.countRuns({ experimentIds: [a, b, empty] })).toEqual({ [a]: 3, [b]: 1, [empty]: 0 });

  await client.deleteRun(runs[0]!.info.runId);
  expect(await client.countRuns({ experimentIds: [a] })).toEqual({ [a]: 2 });
  expect(await client.countRuns({ experimentIds: [a], runViewType: 'DELETED_ONLY' })).toEqual({ [a]: 1 });
  expect(await client.countRuns({ experimentIds: [a], runViewType: 'ALL' })).toEqual({ [a]: 3 });

  await client.moveRuns([runs[1]!.info.runId], b);
  expect(await client.countRuns({ experimentIds: [a, b] })).toEqual({ [a]: 1, [b]: 2 });

  await client.deleteExperiment(b);
  expect(await client.countRuns({ experimentIds: [b] })).toEqual({ [b]: 0 });
  await client.restoreExperiment(b);
  expect(await client.countRuns({ experimentIds: [b] })).toEqual({ [b]: 2 });

  // Agrees with searchRuns, which is what it replaces in the sidebar.
  const searched = await client.searchRuns({ experimentIds: [a], runViewType: 'ALL', maxResults: 50_000 });
  expect(searched.runs.length).toBe((await client.countRuns({ experimentIds: [a], runViewType: 'ALL' }))[a]);
  await expectMlflowError(client.countRuns({ experimentIds: [a], runViewType: 'SOME' as 'ALL' }), 'INVALID_PARAMETER_VALUE', /view type/);
});
