// Registered models through MlflowClient, with MLflow's SQL-store behaviour and messages
// (tests/store/model_registry/test_sqlalchemy_store.py: create, get, rename, update, delete,
// tags, search_registered_models with order_by and paging).
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { expectMlflowError, freshClient } from '../helpers';

describe('registered models', () => {
  test('create and get: name, description, tags, timestamps, user from the profile', async () => {
    const { client, ws } = await freshClient();
    await ws.store.setUserProfile({ name: 'ana', email: 'ana@example.com' });
    const before = Date.now();
    const m = await client.createRegisteredModel('churn', { tags: { team: 'ml', 'mlflow.x': 'y' }, description: 'weekly' });
    expect(m).toMatchObject({ name: 'churn', description: 'weekly', tags: { team: 'ml', 'mlflow.x': 'y' }, latestVersions: [], aliases: [], userId: 'ana' });
    expect(m.creationTimestamp).toBeGreaterThanOrEqual(before);
    expect(m.lastUpdatedTimestamp).toBe(m.creationTimestamp);
    expect(await client.getRegisteredModel('churn')).toEqual(m);
    const plain = await client.createRegisteredModel('plain');
    expect(plain).toMatchObject({ description: '', tags: {} });
  });

  test("MLflow's errors: duplicate, missing, empty names, bad tags", async () => {
    const { client } = await freshClient();
    await client.createRegisteredModel('churn');
    await expectMlflowError(client.createRegisteredModel('churn'), 'RESOURCE_ALREADY_EXISTS', /^Registered Model \(name=churn\) already exists\.$/);
    await expectMlflowError(client.getRegisteredModel('nope'), 'RESOURCE_DOES_NOT_EXIST', /^Registered Model with name=nope not found$/);
    await expectMlflowError(client.createRegisteredModel(''), 'INVALID_PARAMETER_VALUE', /^Missing value for required parameter 'name'\.$/);
    await expectMlflowError(client.getRegisteredModel(''), 'INVALID_PARAMETER_VALUE', /'name'/);
    await expectMlflowError(client.renameRegisteredModel('churn', ''), 'INVALID_PARAMETER_VALUE', /^Missing value for required parameter 'new_name'\.$/);
    await expectMlflowError(client.createRegisteredModel('t', { tags: { 'bad!key': 'v' } }), 'INVALID_PARAMETER_VALUE', /Invalid tag name: 'bad!key'/);
    await expectMlflowError(client.setRegisteredModelTag('churn', 'k', 'x'.repeat(5001)), 'INVALID_PARAMETER_VALUE', /^'value' exceeds the maximum length of 5000 characters$/);
    await expectMlflowError(client.setRegisteredModelTag('churn', 'k'.repeat(251), 'v'), 'INVALID_PARAMETER_VALUE', /^'key' exceeds the maximum length of 250 characters$/);
    await expectMlflowError(client.setRegisteredModelTag('nope', 'k', 'v'), 'RESOURCE_DOES_NOT_EXIST', /name=nope/);
    await expectMlflowError(client.updateRegisteredModel('nope', { description: 'x' }), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.deleteRegisteredModel('nope'), 'RESOURCE_DOES_NOT_EXIST');
    // Nothing half-done: the failed create left no model.
    expect((await client.searchRegisteredModels()).registeredModels.map((m) => m.name)).toEqual(['churn']);
  });

  test('update description bumps last_updated; tags set, overwrite and delete (missing tag is a no-op) without bumping', async () => {
    const { client } = await freshClient();
    const m = await client.createRegisteredModel('churn', { tags: { a: '1' } });
    await new Promise((r) => setTimeout(r, 3));
    const updated = await client.updateRegisteredModel('churn', { description: 'new' });
    expect(updated.description).toBe('new');
    expect(updated.lastUpdatedTimestamp).toBeGreaterThan(m.lastUpdatedTimestamp);
    await client.setRegisteredModelTag('churn', 'a', '2');
    await client.setRegisteredModelTag('churn', '__proto__', 'safe');
    await client.deleteRegisteredModelTag('churn', 'never-set');
    const tagged = await client.getRegisteredModel('churn');
    expect(tagged.tags).toEqual({ a: '2', ['__proto__']: 'safe' });
    expect(Object.getPrototypeOf(tagged.tags)).toBe(Object.prototype);
    expect(tagged.lastUpdatedTimestamp).toBe(updated.lastUpdatedTimestamp);
    await client.deleteRegisteredModelTag('churn', 'a');
    expect(Object.keys((await client.getRegisteredModel('churn')).tags)).toEqual(['__proto__']);
    expect((await client.updateRegisteredModel('churn', {})).description).toBe('');
  });

  test('rename keeps versions, stages, aliases and tags; the old name is free; duplicates refused', async () => {
    const { client } = await freshClient();
    await client.createRegisteredModel('a', { tags: { t: '1' } });
    await client.createRegisteredModel('taken');
    await client.createModelVersion('a', 's3://bucket/m1');
    await client.createModelVersion('a', 's3://bucket/m2');
    await client.transitionModelVersionStage('a', 2, 'Staging');
    await client.setRegisteredModelAlias('a', 'champion', 1);
    await expectMlflowError(client.renameRegisteredModel('a', 'taken'), 'RESOURCE_ALREADY_EXISTS', /^Registered Model \(name=taken\) already exists\.$/);
    await expectMlflowError(client.renameRegisteredModel('nope', 'b'), 'RESOURCE_DOES_NOT_EXIST');
    const renamed = await client.renameRegisteredModel('a', 'b');
    expect(renamed).toMatchObject({ name: 'b', tags: { t: '1' }, aliases: [{ alias: 'champion', version: '1' }] });
    expect(renamed.latestVersions.map((v) => [v.name, v.version, v.currentStage])).toEqual([['b', '1', 'None'], ['b', '2', 'Staging']]);
    expect(await client.getModelVersionByAlias('b', 'champion')).toMatchObject({ name: 'b', version: '1', aliases: ['champion'] });
    await expectMlflowError(client.getRegisteredModel('a'), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.getModelVersion('a', 1), 'RESOURCE_DOES_NOT_EXIST', /^Model Version \(name=a, version=1\) not found$/);
    // The counter moved too: the next version of b is 3.
    expect((await client.createModelVersion('b', 's3://bucket/m3')).version).toBe('3');
    // And a new model may take the old name, starting at version 1.
    await client.createRegisteredModel('a');
    expect((await client.createModelVersion('a', 's3://x')).version).toBe('1');
    // Renaming to its own name is allowed (MLflow bumps the timestamps).
    expect((await client.renameRegisteredModel('b', 'b')).name).toBe('b');
  });

  test('delete removes versions and aliases; a re-created model starts at version 1', async () => {
    const { client } = await freshClient();
    await client.createRegisteredModel('m');
    await client.createModelVersion('m', 's3://1');
    await client.createModelVersion('m', 's3://2');
    await client.setRegisteredModelAlias('m', 'a', 2);
    await client.deleteRegisteredModel('m');
    await expectMlflowError(client.getModelVersion('m', 1), 'RESOURCE_DOES_NOT_EXIST');
    expect((await client.searchModelVersions()).modelVersions).toEqual([]);
    await client.createRegisteredModel('m');
    expect(await client.getRegisteredModel('m')).toMatchObject({ aliases: [], latestVersions: [] });
    expect((await client.createModelVersion('m', 's3://again')).version).toBe('1');
  });

  test('listeners hear which registered models changed (this tab and, through the channel, others)', async () => {
    const { client, ws } = await freshClient();
    const heard: Array<string[] | undefined> = [];
    const stop = ws.onChange((change) => heard.push(change.registeredModels));
    await client.createRegisteredModel('a');
    await client.renameRegisteredModel('a', 'b');
    await client.deleteRegisteredModelTag('b', 'absent');
    stop();
    expect(heard).toEqual([['a'], ['a', 'b'], undefined]);
  });

  test('latest versions per stage and getLatestVersions', async () => {
    const { client } = await freshClient();
    await client.createRegisteredModel('m');
    for (let i = 0; i < 5; i++) await client.createModelVersion('m', `s3://${i}`);
    await client.transitionModelVersionStage('m', 2, 'Production');
    await client.transitionModelVersionStage('m', 3, 'Staging');
    await client.transitionModelVersionStage('m', 4, 'Production');
    const stages = (vs: Array<{ version: string; currentStage: string }>) => vs.map((v) => `${v.currentStage}:${v.version}`);
    expect(stages((await client.getRegisteredModel('m')).latestVersions)).toEqual(['None:5', 'Production:4', 'Staging:3']);
    expect(stages(await client.getLatestVersions('m'))).toEqual(['None:5', 'Production:4', 'Staging:3']);
    expect(stages(await client.getLatestVersions('m', []))).toEqual(['None:5', 'Production:4', 'Staging:3']);
    expect(stages(await client.getLatestVersions('m', ['production', 'ARCHIVED']))).toEqual(['Production:4']);
    await expectMlflowError(client.getLatestVersions('m', ['Prod']), 'INVALID_PARAMETER_VALUE', /^Invalid Model Version stage: Prod\. Value must be one of None, Staging, Production, Archived\.$/);
    await expectMlflowError(client.getLatestVersions('nope'), 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('searchRegisteredModels', () => {
  async function seeded() {
    const { client } = await freshClient();
    for (const [name, tags] of [
      ['alpha', { team: 'vision' }],
      ['Beta', { team: 'nlp', tier: 'gold' }],
      ['gamma', {}],
      ['prompt-1', { 'mlflow.prompt.is_prompt': 'true' }],
    ] as const) {
      await client.createRegisteredModel(name, { tags });
      await new Promise((r) => setTimeout(r, 2));
    }
    return client;
  }
  const names = (p: { registeredModels: Array<{ name: string }> }) => p.registeredModels.map((m) => m.name);

  test('filters (MLflow grammar plus OR / NOT / IN), prompts excluded unless asked for', async () => {
    const client = await seeded();
    const q = async (filterString?: string) => names(await client.searchRegisteredModels(filterString === undefined ? {} : { filterString }));
    expect(await q()).toEqual(['Beta', 'alpha', 'gamma']);
    expect(await q("name = 'alpha'")).toEqual(['alpha']);
    expect(await q("name LIKE '%a'")).toEqual(['Beta', 'alpha', 'gamma']);
    expect(await q("name LIKE 'b%'")).toEqual([]);
    expect(await q("name ILIKE 'b%'")).toEqual(['Beta']);
    expect(await q("name != 'alpha'")).toEqual(['Beta', 'gamma']);
    expect(await q("tags.team = 'nlp'")).toEqual(['Beta']);
    expect(await q("tags.team != 'nlp'")).toEqual(['alpha']);
    expect(await q("tag.team LIKE '%i%' AND tags.tier = 'gold'")).toEqual([]);
    expect(await q("tags.team = 'vision' OR tags.tier = 'gold'")).toEqual(['Beta', 'alpha']);
    expect(await q("NOT tags.team = 'vision'")).toEqual(['Beta', 'gamma']);
    expect(await q("name IN ('alpha', 'gamma')")).toEqual(['alpha', 'gamma']);
    expect(await q('tags.tier IS NULL')).toEqual(['alpha', 'gamma']);
    expect(await q("tags.`mlflow.prompt.is_prompt` = 'true'")).toEqual(['prompt-1']);
    expect(await q("tags.`mlflow.prompt.is_prompt` = 'false'")).toEqual(['Beta', 'alpha', 'gamma']);
    await expectMlflowError(client.searchRegisteredModels({ filterString: "description = 'x'" }), 'INVALID_PARAMETER_VALUE', /Invalid attribute key 'description' specified/);
    await expectMlflowError(client.searchRegisteredModels({ filterString: "name > 'x'" }), 'INVALID_PARAMETER_VALUE', /^Invalid comparator for attribute: >$/);
  });

  test("order_by: name, timestamp / last_updated_timestamp, MLflow's errors; paging", async () => {
    const client = await seeded();
    expect(names(await client.searchRegisteredModels({ orderBy: ['name DESC'] }))).toEqual(['gamma', 'alpha', 'Beta']);
    expect(names(await client.searchRegisteredModels({ orderBy: ['timestamp DESC'] }))).toEqual(['gamma', 'Beta', 'alpha']);
    expect(names(await client.searchRegisteredModels({ orderBy: ['last_updated_timestamp'] }))).toEqual(['alpha', 'Beta', 'gamma']);
    await client.updateRegisteredModel('alpha', { description: 'touched' });
    expect(names(await client.searchRegisteredModels({ orderBy: ['last_updated_timestamp DESC'] }))[0]).toBe('alpha');
    await expectMlflowError(client.searchRegisteredModels({ orderBy: ['version'] }), 'INVALID_PARAMETER_VALUE', /^Invalid order by key 'version' specified\. Valid keys are '\{'name', 'timestamp'\}'$/);
    await expectMlflowError(client.searchRegisteredModels({ orderBy: ['timestamp', 'last_updated_timestamp DESC'] }), 'INTERNAL_ERROR', /^`order_by` contains duplicate fields: \['timestamp', 'last_updated_timestamp DESC'\]$/);

    const first = await client.searchRegisteredModels({ maxResults: 2 });
    expect(names(first)).toEqual(['Beta', 'alpha']);
    expect(first.nextPageToken).toBeDefined();
    const second = await client.searchRegisteredModels({ maxResults: 2, pageToken: first.nextPageToken });
    expect(names(second)).toEqual(['gamma']);
    expect(second.nextPageToken).toBeUndefined();
    await expectMlflowError(client.searchRegisteredModels({ maxResults: 1001 }), 'INVALID_PARAMETER_VALUE', /^Invalid value for request parameter max_results\. It must be at most 1000, but got value 1001$/);
    await expectMlflowError(client.searchRegisteredModels({ maxResults: 0 }), 'INVALID_PARAMETER_VALUE', /positive integer/);
    await expectMlflowError(client.searchRegisteredModels({ pageToken: 'garbage!' }), 'INVALID_PARAMETER_VALUE', /Invalid page token/);
  });
});
