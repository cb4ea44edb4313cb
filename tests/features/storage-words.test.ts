// The storage page's words and its retention form (features/storage): percentages, the 80%
// warning, persistence, plan summaries, and form values into SDK rules.
import { expect, test } from 'vitest';
import { DEFAULT_RETENTION_FORM, rulesFromForm } from '../../src/features/storage/retention-form';
import { isNearlyFull, nearlyFullText, percentText, persistenceText, planSummary, usageText } from '../../src/features/storage/storage-words';
import type { RetentionPlan } from '../../src/sdk/index';

const GB = 1024 ** 3;

test('usage reads as bytes of quota with a percentage; the warning starts at 80%', () => {
  expect(usageText({ usage: 1.5 * GB, quota: 10 * GB })).toBe('1.5 GB of 10 GB (15%)');
  expect(percentText(0.004)).toBe('0.4%');
  expect(isNearlyFull({ usage: 7.9, quota: 10 })).toBe(false);
  expect(isNearlyFull({ usage: 8, quota: 10 })).toBe(true);
  expect(isNearlyFull({ usage: 1, quota: 0 })).toBe(false);
  expect(isNearlyFull(undefined)).toBe(false);
  expect(nearlyFullText({ usage: 8.5 * GB, quota: 10 * GB })).toMatch(/^Storage is 85% full: 8.5 GB of the 10 GB this browser allows\./);
});

test('persistence says what it means for the data', () => {
  expect(persistenceText(true)).toMatch(/^Persistent/);
  expect(persistenceText(false)).toMatch(/may delete/);
  expect(persistenceText(undefined)).toMatch(/does not say/);
});

test('a plan summary counts with singulars and plurals', () => {
  const run: RetentionPlan['runs'][number] = {
    runId: 'r', runName: 'r', experimentId: '0', experimentName: 'Default', lifecycleStage: 'deleted', status: 'FINISHED', startTime: 0, deletedTime: 1,
    artifactFiles: 0, artifactBytes: 0, metricPoints: 0, metricBytes: 0, recordBytes: 48, totalBytes: 48, reason: 'deleted',
  };
  const plan: RetentionPlan = {
    rules: {}, madeAt: 0, experiments: [], runs: [run], modelVersions: [],
    files: [{ sha256: 'a', size: 1000, unreferenced: true }, { sha256: 'b', size: 1000, unreferenced: false }],
    bytes: { records: 48, metrics: 0, artifacts: 2000, total: 2048 },
  };
  expect(planSummary(plan)).toBe('1 run, 0 experiments and 2 files: 2.0 KB');
});

test('form values become rules; switched-off rules are left out; the scope applies to the optional rules', () => {
  expect(rulesFromForm(DEFAULT_RETENTION_FORM)).toEqual({ deletedForDays: 30 });
  expect(rulesFromForm({ ...DEFAULT_RETENTION_FORM, deleted: false, keepLast: true, keepLastRuns: '5', experimentId: '7' })).toEqual({ keepLastRuns: 5, experimentIds: ['7'] });
  expect(rulesFromForm({ ...DEFAULT_RETENTION_FORM, deleted: false, startedBefore: true, startedBeforeDate: '2024-03-01' })).toEqual({ startedBefore: new Date(2024, 2, 1).getTime() });
  expect(rulesFromForm({ ...DEFAULT_RETENTION_FORM, deletedForDays: '' }).deletedForDays).toBeNaN();
  expect(rulesFromForm({ ...DEFAULT_RETENTION_FORM, deleted: false, startedBefore: true, startedBeforeDate: '' }).startedBefore).toBeNaN();
});
