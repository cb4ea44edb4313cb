// Pure registry rules: argument checks with MLflow's messages (mlflow/utils/validation.py,
// model_version_stages.py), latest versions per stage and models:/ resolution, approval rules
// and the audit trail's history and CSV.
import { describe, expect, test } from 'vitest';
import {
  auditEvent,
  canonicalStage,
  checkArchiveExisting,
  checkDecision,
  eventsCsv,
  gateCovers,
  latestInStages,
  latestVersions,
  modelHistory,
  normaliseGate,
  sameActor,
  validateAlias,
  validateModelVersionTag,
  validateRegisteredModelTag,
  validateRegistryMaxResults,
  versionForUri,
  versionNumber,
  type ApprovalRequest,
  type RegistryEvent,
  type Stage,
} from '../../../src/domain/registry';
import { parseModelUri } from '../../../src/domain/models';
import { newSortableId } from '../../../src/domain/ids';
import { errorOf } from '../search/fixtures';

describe('argument rules', () => {
  test('stages: any case in, canonical out', () => {
    expect(['none', 'STAGING', 'Production', 'archived'].map(canonicalStage)).toEqual(['None', 'Staging', 'Production', 'Archived']);
    expect(errorOf(() => canonicalStage('Deleted_Internal')).message).toBe('Invalid Model Version stage: Deleted_Internal. Value must be one of None, Staging, Production, Archived.');
    expect(() => checkArchiveExisting('staging', 'Staging', true)).not.toThrow();
    expect(() => checkArchiveExisting('None', 'None', false)).not.toThrow();
    const err = errorOf(() => checkArchiveExisting('archived', 'Archived', true));
    expect([err.errorCode, err.message]).toEqual(['INTERNAL_ERROR', "Model version transition cannot archive existing model versions because 'archived' is not an Active stage. Valid stages are ['Staging', 'Production']"]);
  });

  test("versions: Python int()'s reading", () => {
    expect([versionNumber(3), versionNumber('3'), versionNumber(' 12 '), versionNumber('+4'), versionNumber('1_0')]).toEqual([3, 3, 12, 4, 10]);
    for (const bad of ['abc', '1.5', '', '1__0', 2.5]) {
      expect(errorOf(() => versionNumber(bad)).message).toBe(`Parameter 'version' must be an integer, got '${String(bad)}'.`);
    }
  });

  test('aliases', () => {
    expect(validateAlias('champion_2-b')).toBe('champion_2-b');
    expect(validateAlias('v1beta')).toBe('v1beta');
    expect(validateAlias('vé')).toBe('vé');
    expect(errorOf(() => validateAlias('v٣')).message).toBe("Version alias name 'v٣' is reserved.");
    expect(errorOf(() => validateAlias('LATEST')).message).toBe("'latest' alias name (case insensitive) is reserved.");
    expect(errorOf(() => validateAlias('a@b')).message).toBe("Invalid alias name: 'a@b'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
    expect(errorOf(() => validateAlias(undefined)).message).toBe('Registered model alias name cannot be empty.');
  });

  test('tags and max_results', () => {
    expect(validateRegisteredModelTag('k', undefined)).toEqual({ key: 'k', value: '' });
    expect(errorOf(() => validateModelVersionTag('k', undefined)).message).toBe('Tag value cannot be None');
    expect(errorOf(() => validateModelVersionTag('../k', 'v')).message).toMatch(/^Invalid tag name: '\.\.\/k'/);
    expect(validateRegistryMaxResults(undefined, 100, 1000)).toBe(100);
    expect(errorOf(() => validateRegistryMaxResults(-1, 100, 1000)).message).toBe('Invalid value for max_results. It must be a positive integer, but got -1');
  });
});

describe('latest versions and models:/ resolution', () => {
  const vs = (spec: Array<[number, Stage]>) => spec.map(([version, currentStage]) => ({ version: String(version), currentStage }));
  const versions = vs([[1, 'Production'], [2, 'None'], [3, 'Production'], [4, 'Archived'], [5, 'None']]);

  test('one per stage, the highest, stages in order of first appearance', () => {
    expect(latestVersions(versions)).toEqual(vs([[3, 'Production'], [5, 'None'], [4, 'Archived']]));
    expect(latestVersions([...versions].reverse())).toEqual(vs([[3, 'Production'], [5, 'None'], [4, 'Archived']]));
    expect(latestInStages(versions, ['Staging', 'Archived'])).toEqual(vs([[4, 'Archived']]));
    expect(latestInStages(versions, [])).toHaveLength(3);
  });

  test('versions, stages, latest and aliases', () => {
    const aliases = [{ alias: 'champion', version: '1' }];
    const at = (uri: string) => {
      const parsed = parseModelUri(uri);
      if (parsed.kind !== 'models') throw new Error('not models');
      return versionForUri(parsed, versions, aliases);
    };
    expect(['models:/m/3', 'models:/m/003', 'models:/m/production', 'models:/m/latest', 'models:/m@champion', 'models:/m/None'].map(at)).toEqual(['3', '3', '3', '5', '1', '5']);
    expect(errorOf(() => at('models:/m/Staging')).message).toBe("No versions of model with name 'm' and stage 'Staging' found");
    expect(errorOf(() => at('models:/m/9')).message).toBe('Model Version (name=m, version=9) not found');
    expect(errorOf(() => at('models:/m@x')).message).toBe('Registered model alias x not found.');
  });
});

describe('approval rules', () => {
  const ana = { name: 'Ana', email: 'ana@example.com' };
  const request = (over: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
    id: 'r1', name: 'm', version: '1', target: { kind: 'stage', stage: 'Production' }, archiveExistingVersions: false,
    requestedBy: ana, requestedAt: 1, comment: '', status: 'PENDING', ...over,
  });

  test('same person by email (any case), else by name', () => {
    expect(sameActor(ana, { name: 'Someone', email: 'ANA@example.com ' })).toBe(true);
    expect(sameActor(ana, { name: 'Ana', email: 'other@example.com' })).toBe(false);
    expect(sameActor({ name: 'Ana', email: '' }, { name: 'ana', email: 'x@y' })).toBe(true);
  });

  test('who may decide', () => {
    const bo = { name: 'Bo', email: 'bo@example.com' };
    expect(() => checkDecision(request(), 'APPROVED', bo)).not.toThrow();
    expect(() => checkDecision(request(), 'CANCELLED', ana)).not.toThrow();
    expect(errorOf(() => checkDecision(request(), 'APPROVED', ana)).errorCode).toBe('PERMISSION_DENIED');
    expect(errorOf(() => checkDecision(request(), 'REJECTED', ana)).errorCode).toBe('PERMISSION_DENIED');
    expect(errorOf(() => checkDecision(request(), 'CANCELLED', bo)).errorCode).toBe('PERMISSION_DENIED');
    expect(errorOf(() => checkDecision(request(), 'APPROVED', { name: ' ', email: '' })).errorCode).toBe('UNAUTHENTICATED');
    expect(errorOf(() => checkDecision(request({ status: 'REJECTED' }), 'APPROVED', bo)).errorCode).toBe('RESOURCE_CONFLICT');
  });

  test('gates', () => {
    const gate = normaliseGate('m', { stages: ['production', 'Production'], aliases: ['champion'] });
    expect(gate).toEqual({ name: 'm', stages: ['Production'], aliases: ['champion'] });
    expect(gateCovers(gate, { kind: 'stage', stage: 'Production' })).toBe(true);
    expect(gateCovers(gate, { kind: 'stage', stage: 'Staging' })).toBe(false);
    expect(gateCovers(gate, { kind: 'alias', alias: 'champion' })).toBe(true);
    expect(gateCovers(undefined, { kind: 'alias', alias: 'champion' })).toBe(false);
  });
});

describe('audit trail', () => {
  const actor = { name: 'Ana', email: 'a@x' };
  let clock = 1000;
  const ev = (kind: RegistryEvent['kind'], name: string, details: { from?: string; to?: string } = {}): RegistryEvent =>
    auditEvent({ id: newSortableId(clock++), actor, at: clock }, kind, name, details);

  test('sortable ids keep the order of events made in the same millisecond', () => {
    const ids = Array.from({ length: 50 }, () => newSortableId(5));
    expect([...ids].sort()).toEqual(ids);
    const main = newSortableId(6);
    expect([newSortableId(7), `${main}.a1`, main].sort()).toEqual([main, `${main}.a1`, expect.any(String)]);
  });

  test("a model's history follows renames and stops at its creation", () => {
    const events = [
      ev('model/create', 'a'),
      ev('model/delete', 'a'),
      ev('model/create', 'a'),
      ev('model/tag', 'a', { to: 'k=v' }),
      ev('model/rename', 'b', { from: 'a', to: 'b' }),
      ev('model/create', 'a'),
      ev('model/tag', 'b', { to: 'k=w' }),
    ];
    expect(modelHistory(events, 'b').map((e) => `${e.name}:${e.kind}`)).toEqual(['b:model/tag', 'b:model/rename', 'a:model/tag', 'a:model/create']);
    expect(modelHistory(events, 'a').map((e) => e.kind)).toEqual(['model/create']);
  });

  test('CSV of no events is the header', () => {
    expect(eventsCsv([])).toBe('id,time,model,version,event,user_name,user_email,from,to,comment\r\n');
  });
});
