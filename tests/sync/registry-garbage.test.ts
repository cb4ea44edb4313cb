// A peer sending garbage into the registry maps: malformed slots, values of the wrong type, unknown
// fields, Yjs types where JSON belongs, log entries with bad stamps or ids, reserved alias names,
// prototype keys. Nothing crashes, nothing of it is stored, and valid values it tried to
// overwrite with garbage stay as they were.
import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { encodeHlc } from '../../src/domain/sync/hlc';
import { foldDoc } from '../../src/sync/registry/registry-doc';
import { type Peer, closeAll, deliver, openPeer, registryTables, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

/** A stamp far in the future, so any garbage write would win if it were taken. */
const LATE = encodeHlc({ wall: Date.now() + 3_600_000, counter: 0, peer: 'h' });
const by = { peer: 'h', user: 'hostile' };
const slot = (f: Record<string, unknown>): unknown => ({ f, by });

function writeGarbage(doc: Y.Doc, modelUid: string, versionUid: string): void {
  const models = doc.getMap('models');
  const versions = doc.getMap('versions');
  const gates = doc.getMap('gates');
  const requests = doc.getMap('requests');
  const transitions = doc.getMap('transitions');
  const audit = doc.getMap('audit');
  doc.transact(() => {
    // Models: no separator, not a slot, bad stamp, no name, nested Yjs type, prototype keys.
    models.set('no-separator', slot({ name: ['x', LATE], created: [1, LATE] }));
    models.set('n1|h', 42);
    models.set('n2|h', slot({ name: ['x', 'not-a-stamp'], created: [1, LATE] }));
    models.set('n3|h', slot({ created: [1, LATE] }));
    models.set('n4|h', slot({ name: ['', LATE], created: [1, LATE] }));
    models.set('n5|h', new Y.Map());
    models.set('__proto__|h', slot({ name: [{ toString: 1 }, LATE], created: ['yesterday', LATE] }));
    // Garbage writes onto the real model: every one would win by stamp if it were valid.
    models.set(`${modelUid}|h`, slot({
      description: [123, LATE],
      name: [['m'], LATE],
      'tag:env': [{ nested: true }, LATE],
      'tag:../../etc': ['x', LATE],
      'alias:latest': [{ v: versionUid, since: LATE }, LATE],
      'alias:champion': ['1', LATE],
      deleted: ['yes', LATE],
      constructor: ['x', LATE],
      __proto__: ['x', LATE],
      updated: [-5, LATE],
    }));
    // Versions: unknown model, missing creation, absurd numbers.
    versions.set('v1|h', slot({ model: ['nope', LATE], number: [1, LATE], created: [1, LATE] }));
    versions.set('v2|h', slot({ model: [modelUid, LATE], number: [1e300, LATE] }));
    versions.set('v3|h', slot({ model: [modelUid, LATE], number: ['2', LATE], created: [Number.NaN, LATE] }));
    versions.set(`${versionUid}|h`, slot({ source: [7, LATE], 'tag:q': [null, 'bad'], deleted: [{ at: 'now' }, LATE], number: [-1.5, LATE] }));
    // Gates and requests.
    gates.set(`${modelUid}|h`, slot({ stages: ['Prod', 'Production ', 5], aliases: 'champion' }));
    requests.set('r1|h', slot({ model: [modelUid, LATE], version: [versionUid, LATE], target: [{ kind: 'stage', stage: 'Live' }, LATE] }));
    requests.set('r2|h', slot({ 'decision:x': [{ status: 'MAYBE' }, LATE] }));
    // Log entries.
    transitions.set('t1', { model: modelUid, version: versionUid, stage: 'Prod', archiveExisting: true, hlc: LATE, actor: { name: 'h', email: '' }, at: 1 });
    transitions.set('t2', { model: modelUid, version: versionUid, stage: 'Production', archiveExisting: 'yes', hlc: LATE, actor: { name: 'h', email: '' }, at: 1 });
    transitions.set('t3', { model: modelUid, version: versionUid, stage: 'Production', archiveExisting: true, hlc: 'late', actor: { name: 'h', email: '' }, at: 1 });
    transitions.set('t4', { model: modelUid, version: versionUid, stage: 'Production', archiveExisting: true, hlc: LATE, actor: null, at: 1 });
    transitions.set('t5', { model: modelUid, version: versionUid, stage: 'Production', archiveExisting: true, hlc: LATE, actor: { name: 'h', email: '' }, at: 1, request: 'r1' });
    transitions.set('t6', new Uint8Array([1, 2, 3]));
    audit.set('e1', { id: 'other', name: 'm', kind: 'model/tag', actor: { name: 'h', email: '' }, at: 1 });
    audit.set('e2', { id: 'e2', name: 'm', kind: 'model/hack', actor: { name: 'h', email: '' }, at: 1 });
    audit.set('e3', { id: 'e3', name: '', kind: 'model/tag', actor: { name: 'h', email: '' }, at: 1 });
    audit.set('e4', { id: 'e4', name: 'm', kind: 'model/tag', actor: { name: 'h' }, at: 1 });
    audit.set('e5', { id: 'e5', name: 'm', kind: 'model/tag', actor: { name: 'h', email: '' }, at: -1 });
    audit.set('e6', { id: 'e6', name: 'm', kind: 'model/tag', actor: { name: 'h', email: '' }, at: 1, to: { x: 1 } });
    audit.set('e|7', { id: 'e|7', name: 'm', kind: 'model/tag', actor: { name: 'h', email: '' }, at: 1 });
  });
}

test('garbage in every registry map is ignored: no crash, nothing stored, valid values kept', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  await a.client.createRegisteredModel('m', { description: 'real', tags: { env: 'prod' } });
  await a.client.createModelVersion('m', 'runs:/1/model', { tags: { q: '1' } });
  await a.client.transitionModelVersionStage('m', 1, 'Staging');
  await a.client.setRegisteredModelAlias('m', 'champion', 1);
  await a.client.setApprovalGate('m', { stages: ['Production'], aliases: [] });
  await a.client.requestTransition('m', 1, { stage: 'Production' });
  await syncAll(peers);
  const clean = await registryTables(b);
  const fold = foldDoc(a.doc).models.get('m');
  const modelUid = fold?.uids[0] as string;
  const versionUid = fold?.live.get(1) as string;

  const heard = a.activity.length;
  const hostile = new Y.Doc();
  Y.applyUpdate(hostile, Y.encodeStateAsUpdate(a.doc));
  writeGarbage(hostile, modelUid, versionUid);
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(a.doc)), 'hostile');
  await a.idle();
  await deliver(a, b);

  for (const p of peers) expect(await registryTables(p), p.id).toEqual(clean);
  expect((await a.client.getRegisteredModel('m')).description).toBe('real');
  expect(a.activity.slice(heard)).toEqual([]);
  // The peers still work together afterwards.
  await b.client.setRegisteredModelTag('m', 'after', 'garbage');
  await syncAll(peers);
  expect((await a.client.getRegisteredModel('m')).tags).toEqual({ env: 'prod', after: 'garbage' });
});
