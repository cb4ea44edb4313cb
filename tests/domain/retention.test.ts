// Retention rules (domain/retention.ts): MLflow's gc cut-offs for deleted runs and experiments,
// keep-last-N and started-before, and what they never take.
import { expect, test } from 'vitest';
import { selectForRetention, type RetentionExperimentFacts, type RetentionRunFacts } from '../../src/domain/retention';
import { expectMlflowError } from '../helpers/expect-mlflow-error';

const DAY = 86_400_000;
const NOW = 100 * DAY;

const run = (runId: string, over: Partial<RetentionRunFacts> = {}): RetentionRunFacts => ({
  runId,
  experimentId: '1',
  lifecycleStage: 'active',
  deletedTime: null,
  startTime: 0,
  status: 'FINISHED',
  ...over,
});
const experiment = (experimentId: string, over: Partial<RetentionExperimentFacts> = {}): RetentionExperimentFacts => ({
  experimentId,
  lifecycleStage: 'active',
  lastUpdateTime: 0,
  ...over,
});

test('deleted runs go once deleted for N days (inclusive, like _get_deleted_runs <=); active runs stay', () => {
  const runs = [
    run('old', { lifecycleStage: 'deleted', deletedTime: NOW - 30 * DAY }),
    run('edge', { lifecycleStage: 'deleted', deletedTime: NOW - 7 * DAY }),
    run('recent', { lifecycleStage: 'deleted', deletedTime: NOW - 6 * DAY }),
    run('alive', { startTime: 1 }),
  ];
  const s = selectForRetention({ deletedForDays: 7 }, [experiment('1')], runs, NOW);
  expect(s.runs).toEqual([
    { runId: 'old', reason: 'deleted' },
    { runId: 'edge', reason: 'deleted' },
  ]);
  expect(selectForRetention({ deletedForDays: 0 }, [experiment('1')], runs, NOW).runs.map((r) => r.runId)).toEqual(['old', 'edge', 'recent']);
});

test('a deleted experiment goes after N days (by its last update) with every run in it', () => {
  const experiments = [experiment('1'), experiment('2', { lifecycleStage: 'deleted', lastUpdateTime: NOW - 10 * DAY }), experiment('3', { lifecycleStage: 'deleted', lastUpdateTime: NOW - DAY })];
  const runs = [
    run('a', { experimentId: '2', lifecycleStage: 'deleted', deletedTime: NOW - DAY }),
    // a peer's run created while the experiment was being deleted stays active in it (sync rule)
    run('b', { experimentId: '2', status: 'RUNNING' }),
    run('c', { experimentId: '3', lifecycleStage: 'deleted', deletedTime: NOW - DAY }),
  ];
  const s = selectForRetention({ deletedForDays: 5 }, experiments, runs, NOW);
  expect(s.experimentIds).toEqual(['2']);
  expect(s.runs).toEqual([
    { runId: 'a', reason: 'experiment-deleted' },
    { runId: 'b', reason: 'experiment-deleted' },
  ]);
});

test('keep last N: the newest N active runs of each experiment stay, running runs are never taken', () => {
  const runs = [
    run('e1-old', { startTime: 1 }),
    run('e1-mid', { startTime: 2 }),
    run('e1-new', { startTime: 3 }),
    run('e1-running-old', { startTime: 0, status: 'RUNNING' }),
    run('e1-deleted', { startTime: 9, lifecycleStage: 'deleted', deletedTime: NOW }),
    run('e2-only', { experimentId: '2', startTime: 1 }),
  ];
  const s = selectForRetention({ keepLastRuns: 2 }, [experiment('1'), experiment('2')], runs, NOW);
  // e1-deleted does not take a slot, and is left to the deleted rule
  expect(s.runs).toEqual([{ runId: 'e1-old', reason: 'beyond-last-runs' }]);
});

test('started before a date, limited to chosen experiments', () => {
  const runs = [run('a', { startTime: 5 }), run('b', { startTime: 50 }), run('c', { experimentId: '2', startTime: 5 }), run('d', { startTime: 5, lifecycleStage: 'deleted', deletedTime: 6 })];
  const s = selectForRetention({ startedBefore: 10, experimentIds: ['1'] }, [experiment('1'), experiment('2')], runs, NOW);
  expect(s.runs).toEqual([
    { runId: 'a', reason: 'started-before' },
    { runId: 'd', reason: 'started-before' },
  ]);
});

test('no rules take nothing; nonsense rules are refused', async () => {
  expect(selectForRetention({}, [experiment('1', { lifecycleStage: 'deleted' })], [run('a', { lifecycleStage: 'deleted', deletedTime: 0 })], NOW)).toEqual({ experimentIds: [], runs: [] });
  await expectMlflowError(() => selectForRetention({ deletedForDays: -1 }, [], [], NOW), 'INVALID_PARAMETER_VALUE', /deletedForDays/);
  await expectMlflowError(() => selectForRetention({ keepLastRuns: 0 }, [], [], NOW), 'INVALID_PARAMETER_VALUE', /keepLastRuns/);
  await expectMlflowError(() => selectForRetention({ keepLastRuns: 1.5 }, [], [], NOW), 'INVALID_PARAMETER_VALUE', /keepLastRuns/);
  await expectMlflowError(() => selectForRetention({ startedBefore: Number.NaN }, [], [], NOW), 'INVALID_PARAMETER_VALUE', /startedBefore/);
});
