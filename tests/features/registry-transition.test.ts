import { describe, expect, test } from 'vitest';
import type { ModelVersion, Stage } from '../../src/domain/registry/entities';
import { canArchiveExisting, latestByStage, versionList, versionsToArchive } from '../../src/features/registry/transition-plan';

const version = (v: string, stage: Stage): ModelVersion => ({
  name: 'wine', version: v, creationTimestamp: 0, lastUpdatedTimestamp: 0, userId: '', currentStage: stage, description: '',
  source: `runs:/r${v}/model`, runId: `r${v}`, runLink: '', status: 'READY', statusMessage: '', tags: {}, aliases: [],
});
const versions = [version('1', 'Production'), version('2', 'Staging'), version('3', 'Production'), version('4', 'None')];

describe('what a transition will archive (MLflow: other versions in the target stage, Staging/Production only)', () => {
  test('archiving names every other version in the target stage, lowest first', () => {
    expect(versionsToArchive(versions, '2', 'Production', true).map((v) => v.version)).toEqual(['1', '3']);
    expect(versionsToArchive(versions, '3', 'Production', true).map((v) => v.version)).toEqual(['1']);
    expect(versionsToArchive(versions, '4', 'Staging', true).map((v) => v.version)).toEqual(['2']);
  });

  test('nothing without the flag, and never for None or Archived', () => {
    expect(versionsToArchive(versions, '2', 'Production', false)).toEqual([]);
    expect(versionsToArchive(versions, '1', 'None', true)).toEqual([]);
    expect(versionsToArchive(versions, '1', 'Archived', true)).toEqual([]);
    expect(canArchiveExisting('Staging')).toBe(true);
    expect(canArchiveExisting('None')).toBe(false);
  });

  test('the dialog reads the list as a sentence', () => {
    expect(versionList([version('1', 'Production')])).toBe('version 1');
    expect(versionList([version('1', 'Production'), version('3', 'Production')])).toBe('versions 1 and 3');
    expect(versionList([version('1', 'None'), version('3', 'None'), version('7', 'None')])).toBe('versions 1, 3 and 7');
  });
});

describe('stage order', () => {
  test('latest versions read Production, Staging, None, Archived', () => {
    const latest = [version('4', 'None'), version('9', 'Archived'), version('2', 'Staging'), version('3', 'Production')];
    expect(latestByStage(latest).map((v) => v.currentStage)).toEqual(['Production', 'Staging', 'None', 'Archived']);
  });
});
