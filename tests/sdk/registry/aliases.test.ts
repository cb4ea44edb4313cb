// Aliases and models:/ URIs with MLflow's rules (mlflow/utils/validation.py
// _validate_model_alias_name; SqlAlchemyStore alias methods; mlflow/store/artifact/utils/models.py).
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { expectMlflowError, freshClient } from '../helpers';

async function withVersions(n: number) {
  const fresh = await freshClient();
  await fresh.client.createRegisteredModel('m');
  for (let i = 1; i <= n; i++) await fresh.client.createModelVersion('m', `s3://b/${i}`);
  return fresh;
}

describe('aliases', () => {
  test('set, move (one version per alias), list on versions and models, get by alias, delete', async () => {
    const { client } = await withVersions(3);
    const before = await client.getRegisteredModel('m');
    await client.setRegisteredModelAlias('m', 'champion', 1);
    await client.setRegisteredModelAlias('m', 'challenger', '2');
    await client.setRegisteredModelAlias('m', 'Champion_2-b', 2);
    expect((await client.getModelVersion('m', 2)).aliases).toEqual(['challenger', 'Champion_2-b']);
    await client.setRegisteredModelAlias('m', 'champion', 3);
    const model = await client.getRegisteredModel('m');
    expect(model.aliases).toEqual([{ alias: 'champion', version: '3' }, { alias: 'challenger', version: '2' }, { alias: 'Champion_2-b', version: '2' }]);
    expect(model.lastUpdatedTimestamp).toBe(before.lastUpdatedTimestamp);
    expect((await client.getModelVersion('m', 1)).aliases).toEqual([]);
    expect(await client.getModelVersionByAlias('m', 'champion')).toMatchObject({ version: '3', aliases: ['champion'] });
    expect(model.latestVersions.find((v) => v.version === '3')?.aliases).toEqual(['champion']);
    expect((await client.searchModelVersions({ filterString: "name = 'm'", orderBy: ['version_number'] })).modelVersions.map((v) => v.aliases)).toEqual([[], ['challenger', 'Champion_2-b'], ['champion']]);
    await client.deleteRegisteredModelAlias('m', 'challenger');
    await client.deleteRegisteredModelAlias('m', 'never-set');
    await expectMlflowError(client.getModelVersionByAlias('m', 'challenger'), 'INVALID_PARAMETER_VALUE', /^Registered model alias challenger not found\.$/);
  });

  test("MLflow's alias rules and errors", async () => {
    const { client } = await withVersions(1);
    const bad: Array<[string, RegExp]> = [
      ['', /^Registered model alias name cannot be empty\.$/],
      ['has space', /^Invalid alias name: 'has space'\. Names may only contain alphanumerics, underscores \(_\), and dashes \(-\)\.$/],
      ['a.b', /^Invalid alias name: 'a\.b'\./],
      ['latest', /^'latest' alias name \(case insensitive\) is reserved\.$/],
      ['LaTeSt', /reserved/],
      ['v1', /^Version alias name 'v1' is reserved\.$/],
      ['V42', /^Version alias name 'V42' is reserved\.$/],
      ['x'.repeat(256), /^'Registered model alias name' exceeds the maximum length of 255 characters$/],
    ];
    for (const [alias, message] of bad) {
      await expectMlflowError(client.setRegisteredModelAlias('m', alias, 1), 'INVALID_PARAMETER_VALUE', message);
    }
    await client.setRegisteredModelAlias('m', 'v1a', 1);
    await client.setRegisteredModelAlias('m', 'x'.repeat(255), 1);
    await client.setRegisteredModelAlias('m', 'ünïcode_ok', 1);
    await expectMlflowError(client.setRegisteredModelAlias('m', 'a', 7), 'RESOURCE_DOES_NOT_EXIST', /^Model Version \(name=m, version=7\) not found$/);
    await expectMlflowError(client.setRegisteredModelAlias('nope', 'a', 1), 'RESOURCE_DOES_NOT_EXIST', /^Model Version \(name=nope, version=1\) not found$/);
    await expectMlflowError(client.setRegisteredModelAlias('m', 'a', 'one'), 'INVALID_PARAMETER_VALUE', /must be an integer/);
    await expectMlflowError(client.deleteRegisteredModelAlias('nope', 'a'), 'RESOURCE_DOES_NOT_EXIST', /^Registered Model with name=nope not found$/);
    await expectMlflowError(client.deleteRegisteredModelAlias('m', 'latest'), 'INVALID_PARAMETER_VALUE', /reserved/);
    await expectMlflowError(client.getModelVersionByAlias('nope', 'a'), 'INVALID_PARAMETER_VALUE', /^Registered model alias a not found\.$/);
  });

  test('deleting a version drops its aliases; the other aliases stay', async () => {
    const { client } = await withVersions(2);
    await client.setRegisteredModelAlias('m', 'a', 1);
    await client.setRegisteredModelAlias('m', 'b', 1);
    await client.setRegisteredModelAlias('m', 'c', 2);
    await client.deleteModelVersion('m', 1);
    expect((await client.getRegisteredModel('m')).aliases).toEqual([{ alias: 'c', version: '2' }]);
    await expectMlflowError(client.getModelVersionByAlias('m', 'a'), 'INVALID_PARAMETER_VALUE', /alias a not found/);
    await expectMlflowError(client.loadModel('models:/m@b'), 'INVALID_PARAMETER_VALUE', /alias b not found/);
  });
});

describe('resolveModelUri', () => {
  test('versions, stages (any case, highest version in the stage), latest and aliases', async () => {
    const { client } = await withVersions(4);
    await client.transitionModelVersionStage('m', 1, 'Production');
    await client.transitionModelVersionStage('m', 2, 'Production');
    await client.transitionModelVersionStage('m', 3, 'Staging');
    await client.setRegisteredModelAlias('m', 'champion', 1);
    const r = (uri: string) => client.resolveModelUri(uri).then((x) => x.version);
    expect(await client.resolveModelUri('models:/m/3')).toEqual({ name: 'm', version: '3' });
    expect(await r('models:/m/Production')).toBe('2');
    expect(await r('models:/m/production')).toBe('2');
    expect(await r('models:/m/STAGING')).toBe('3');
    expect(await r('models:/m/None')).toBe('4');
    expect(await r('models:/m/latest')).toBe('4');
    expect(await r('models:/m/LATEST')).toBe('4');
    expect(await r('models:/m@champion')).toBe('1');
    await client.deleteModelVersion('m', 4);
    expect(await r('models:/m/latest')).toBe('3');
  });

  test("MLflow's messages for bad and unresolvable URIs", async () => {
    const { client } = await withVersions(1);
    await expectMlflowError(client.resolveModelUri('models:/m/Archived'), 'INTERNAL_ERROR', /^No versions of model with name 'm' and stage 'Archived' found$/);
    await expectMlflowError(client.resolveModelUri('models:/m/Prod'), 'INVALID_PARAMETER_VALUE', /^Invalid Model Version stage: Prod\. Value must be one of None, Staging, Production, Archived\.$/);
    await expectMlflowError(client.resolveModelUri('models:/m/9'), 'RESOURCE_DOES_NOT_EXIST', /^Model Version \(name=m, version=9\) not found$/);
    await expectMlflowError(client.resolveModelUri('models:/m@nope'), 'INVALID_PARAMETER_VALUE', /^Registered model alias nope not found\.$/);
    await expectMlflowError(client.resolveModelUri('models:/m@latest'), 'INVALID_PARAMETER_VALUE', /reserved/);
    await expectMlflowError(client.resolveModelUri('models:/nope/Production'), 'RESOURCE_DOES_NOT_EXIST', /^Registered Model with name=nope not found$/);
    await expectMlflowError(client.resolveModelUri('models:/nope/latest'), 'RESOURCE_DOES_NOT_EXIST', /name=nope not found/);
    await expectMlflowError(client.resolveModelUri('models:/m/1/2'), 'INVALID_PARAMETER_VALUE', /^Not a proper models:\/ URI: models:\/m\/1\/2\./);
    await expectMlflowError(client.resolveModelUri('runs:/abc/model'), 'INVALID_PARAMETER_VALUE', /^Not a proper models:\/ URI: runs:\/abc\/model\./);
    await expectMlflowError(client.resolveModelUri('models:/m'), 'INVALID_PARAMETER_VALUE', /Not a proper models:\/ URI/);
    await client.deleteModelVersion('m', 1);
    await expectMlflowError(client.resolveModelUri('models:/m/latest'), 'INTERNAL_ERROR', /^No versions of model with name 'm' found$/);
  });
});
