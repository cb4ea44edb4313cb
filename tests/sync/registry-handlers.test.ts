// The 'sync/registry*' handlers on their own: they write only what differs (applying a fold twice
// touches nothing), never overwrite an audit event, keep a local model the document has not seen,
// and keep the derived events exactly as folded.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import type { RegistryEvent } from '../../src/domain/registry';
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

async function open(): Promise<{ ws: Workspace; client: MlflowClient }> {
  ws = await openWorkspace({ name: `sync-registry-handlers-${process.pid}-${Date.now()}` });
  return { ws, client: new MlflowClient(ws) };
}

const event = (id: string, name: string, extra: Partial<RegistryEvent> = {}): RegistryEvent => ({ id, name, kind: 'model/tag', actor: { name: 'x', email: '' }, at: 1, ...extra });

test('a model replaced with its own rows changes nothing and reports no model', async () => {
  const { ws, client } = await open();
  await client.createRegisteredModel('m', { tags: { a: '1' } });
  await client.createModelVersion('m', 'runs:/1/model');
  const { db } = ws.store;
  const model = await db.registeredModels.get('m');
  const versions = await db.modelVersions.where('name').equals('m').toArray();
  const same = { type: 'sync/registryModel' as const, model: model as NonNullable<typeof model>, versions, gate: null };
  expect((await ws.store.mutations.apply(same, 'remote')).registeredModels).toBeUndefined();
  const changed = { ...same, model: { ...same.model, description: 'new' }, versions: [] };
  expect((await ws.store.mutations.apply(changed, 'remote')).registeredModels).toEqual(['m']);
  expect(await db.modelVersions.count()).toBe(0);
  expect((await db.registeredModels.get('m'))?.description).toBe('new');
});

test('drop removes a model the document renamed or deleted, but not one the document has not seen', async () => {
  const { ws, client } = await open();
  await client.createRegisteredModel('gone');
  await client.createModelVersion('gone', 'runs:/1/model');
  await client.createRegisteredModel('unpublished');
  const { db } = ws.store;
  const created = async (name: string): Promise<string> => ((await db.registryEvents.where('name').equals(name).toArray()).find((e) => e.kind === 'model/create') as RegistryEvent).id;
  const introducedBy: Array<[string, string[]]> = [
    ['gone', [await created('gone')]],
    ['unpublished', ['some-other-models-create']], // the name existed in the document, for another model
  ];
  const effect = await ws.store.mutations.apply({ type: 'sync/registryDrop', live: [], introducedBy }, 'remote');
  expect(effect.registeredModels).toEqual(['gone']);
  expect((await db.registeredModels.toArray()).map((m) => m.name)).toEqual(['unpublished']);
  expect(await db.modelVersions.count()).toBe(0);
});

test('events are added once and never overwritten; derived events are kept exactly as folded', async () => {
  const { ws } = await open();
  const { db } = ws.store;
  await ws.store.mutations.apply({ type: 'sync/registryEvents', events: [event('e1', 'm', { to: 'a=1' })] }, 'remote');
  await ws.store.mutations.apply({ type: 'sync/registryEvents', events: [event('e1', 'm', { to: 'forged' }), event('e2', 'm'), event('v.~n', 'm')] }, 'remote');
  expect((await db.registryEvents.toArray()).map((e) => [e.id, e.to])).toEqual([
    ['e1', 'a=1'],
    ['e2', undefined],
  ]);
  await ws.store.mutations.apply({ type: 'sync/registryDerived', events: [event('v1.~n', 'm', { version: '3' }), event('v2.~n', 'm')] }, 'remote');
  await ws.store.mutations.apply({ type: 'sync/registryDerived', events: [event('v1.~n', 'm', { version: '4' })] }, 'remote');
  expect((await db.registryEvents.toArray()).map((e) => [e.id, e.version])).toEqual([
    ['e1', undefined],
    ['e2', undefined],
    ['v1.~n', '4'],
  ]);
});
