// The registry fold as a pure function: its rules one by one (numbering, stages, deletes, merges,
// aliases, approvals) on hand-built documents.
import { expect, test } from 'vitest';
import { foldRegistry } from '../../src/domain/sync/registry-fold';
import { stableJson } from '../../src/domain/sync/registry-wire';
import { DocBuilder, actor, h } from './registry-fold-fixtures';

const stagesOf = (d: DocBuilder, name = 'm'): Record<number, string> =>
  Object.fromEntries((foldRegistry(d.state()).models.get(name)?.versions ?? []).map((v) => [v.version, v.currentStage]));

test('numbers: proposed when free, else max+1 in (created HLC, uid) order; deleted numbers stay taken', () => {
  const d = new DocBuilder().model('M', 'm', h(1));
  d.version('V1', 'M', 1, h(10)).version('V2a', 'M', 2, h(20, 'a')).version('V2b', 'M', 2, h(21, 'b'), {}, 'b');
  d.version('V3', 'M', 3, h(30), { deleted: [{ at: 5, by: actor('x') }, h(31)] });
  d.version('V4', 'M', 3, h(25, 'c'), {}, 'c'); // proposes 3, taken by V2b by then: 4; V3 (deleted) gets 5
  const f = foldRegistry(d.state()).models.get('m');
  expect(f?.versions.map((v) => [v.version, v.source])).toEqual([
    [1, 'runs:/V1/model'],
    [2, 'runs:/V2a/model'],
    [3, 'runs:/V2b/model'], // 2 was taken: max+1
    [4, 'runs:/V4/model'], // 3 was taken by V2b now
  ]);
  expect(f?.model.nextVersion).toBe(6); // deleted V3 holds 5
  const derived = foldRegistry(d.state()).derived;
  expect(derived.map((e) => [e.id, e.from, e.version, e.kind])).toEqual([
    ['V2b.~n', '2', '3', 'version/create'],
    ['V3.~n', '3', '5', 'version/create'],
    ['V4.~n', '3', '4', 'version/create'],
  ]);
});

test('stages: transitions replay in (hlc, id) order; archive only for Staging/Production; deleted versions skip', () => {
  const base = (): DocBuilder => new DocBuilder().model('M', 'm', h(1)).version('V1', 'M', 1, h(2)).version('V2', 'M', 2, h(3)).version('V3', 'M', 3, h(4));
  const d = base().transition('t1', 'M', 'V1', 'Production', false, h(10)).transition('t2', 'M', 'V2', 'Production', true, h(20, 'a')).transition('t3', 'M', 'V3', 'Production', true, h(20, 'b'));
  expect(stagesOf(d)).toEqual({ 1: 'Archived', 2: 'Archived', 3: 'Production' });
  // Same stamps, other insertion order: same result.
  const e = base().transition('t3', 'M', 'V3', 'Production', true, h(20, 'b')).transition('t2', 'M', 'V2', 'Production', true, h(20, 'a')).transition('t1', 'M', 'V1', 'Production', false, h(10));
  expect(stagesOf(e)).toEqual(stagesOf(d));
  // archiveExisting with None/Archived archives nothing.
  const g = base().transition('t1', 'M', 'V1', 'None', false, h(10)).transition('t2', 'M', 'V2', 'None', true, h(11)).transition('t3', 'M', 'V3', 'Archived', true, h(12));
  expect(stagesOf(g)).toEqual({ 1: 'None', 2: 'None', 3: 'Archived' });
  // A transition of a deleted version does not archive anything.
  const k = base().transition('t1', 'M', 'V1', 'Production', false, h(10)).transition('t2', 'M', 'V2', 'Production', true, h(20));
  k.slot('versions', 'V2', 'b', { deleted: [{ at: 1, by: actor('x') }, h(15, 'b')] });
  expect(stagesOf(k)).toEqual({ 1: 'Production', 3: 'None' });
  // lastUpdatedTimestamp follows the latest change by stamp (here the archiving transition).
  const v1 = foldRegistry(d.state()).models.get('m')?.versions[0];
  expect(v1?.lastUpdatedTimestamp).toBe(3000);
});

test('model delete: lower-HLC edits are gone, a higher-HLC write or version brings the model back with only those', () => {
  const deleted: [unknown, string] = [{ at: 50, by: actor('d') }, h(50, 'a')];
  const d = new DocBuilder()
    .model('M', 'm', h(1), { 'tag:early': ['x', h(40, 'b')], description: ['old', h(2)] })
    .version('V1', 'M', 1, h(3))
    .slot('models', 'M', 'a', { deleted: deleted as [never, string] });
  let f = foldRegistry(d.state());
  expect(f.models.has('m')).toBe(false);
  expect(f.dead.get('M')?.name).toBe('m');

  d.slot('models', 'M', 'c', { 'tag:late': ['y', h(60, 'c')] });
  f = foldRegistry(d.state());
  expect(f.models.get('m')?.model).toMatchObject({ tags: { late: 'y' }, description: '', nextVersion: 2 });
  expect(f.models.get('m')?.versions).toEqual([]); // version 1 was created before the delete

  const e = new DocBuilder().model('M', 'm', h(1)).version('V1', 'M', 1, h(3)).slot('models', 'M', 'a', { deleted: deleted as [never, string] }).version('V2', 'M', 2, h(70, 'c'), {}, 'c');
  f = foldRegistry(e.state());
  expect(f.models.get('m')?.versions.map((v) => v.version)).toEqual([2]);

  // Created again after the delete: a new uid, a new model (numbers start again).
  const r = new DocBuilder().model('M', 'm', h(1)).version('V1', 'M', 1, h(3)).slot('models', 'M', 'a', { deleted: deleted as [never, string] });
  r.model('N', 'm', h(80)).version('W1', 'N', 1, h(81));
  f = foldRegistry(r.state());
  expect(f.models.get('m')?.uids).toEqual(['N']);
  expect(f.models.get('m')?.versions.map((v) => [v.version, v.source])).toEqual([[1, 'runs:/W1/model']]);
});

test('two creations of one name are one model: versions of both, canonical creation, latest fields', () => {
  const d = new DocBuilder()
    .model('A', 'churn', h(10, 'a'), { description: ['from a', h(10, 'a')], user: ['alice', h(10, 'a')] }, 'a')
    .model('B', 'churn', h(12, 'b'), { description: ['from b', h(12, 'b')], user: ['bob', h(12, 'b')], 'tag:t': ['b', h(12, 'b')] }, 'b')
    .version('VA', 'A', 1, h(11, 'a'))
    .version('VB', 'B', 1, h(13, 'b'), {}, 'b');
  const f = foldRegistry(d.state()).models.get('churn');
  expect(f?.uids).toEqual(['A', 'B']);
  expect(f?.model).toMatchObject({ userId: 'alice', description: 'from b', tags: { t: 'b' }, nextVersion: 3 });
  expect(f?.versions.map((v) => [v.version, v.source])).toEqual([
    [1, 'runs:/VA/model'],
    [2, 'runs:/VB/model'],
  ]);
});

test('aliases: ordered by first set, moves keep their place, an alias of a deleted version drops', () => {
  const d = new DocBuilder().model('M', 'm', h(1)).version('V1', 'M', 1, h(2)).version('V2', 'M', 2, h(3));
  d.slot('models', 'M', 'a', { 'alias:champion': [{ v: 'V2', since: h(5) }, h(9)], 'alias:old': [{ v: 'V1', since: h(6) }, h(6)], 'alias:gone': [{ v: 'V2', since: h(4) }, h(4)] });
  d.slot('versions', 'V2', 'b', { deleted: [{ at: 1, by: actor('x') }, h(8, 'b')] });
  // champion moved to V2 at 9 (after V2's delete at 8): a live version is required, so it drops too.
  expect(foldRegistry(d.state()).models.get('m')?.model.aliases).toEqual([{ alias: 'old', version: '1' }]);
  d.slot('models', 'M', 'c', { 'alias:champion': [{ v: 'V1', since: h(5) }, h(10, 'c')] });
  expect(foldRegistry(d.state()).models.get('m')?.model.aliases).toEqual([
    { alias: 'champion', version: '1' },
    { alias: 'old', version: '1' },
  ]);
});

test('approvals: the first decision wins; an approval that lost does not apply its transition', () => {
  const d = new DocBuilder().model('M', 'm', h(1)).version('V1', 'M', 1, h(2));
  d.slot('requests', 'R', 'a', {
    model: ['M', h(3)],
    version: ['V1', h(3)],
    target: [{ kind: 'stage', stage: 'Production' }, h(3)],
    archive: [false, h(3)],
    requestedBy: [actor('req'), h(3)],
    requestedAt: [3, h(3)],
    comment: ['please', h(3)],
  });
  d.slot('requests', 'R', 'b', { 'decision:D1': [{ status: 'REJECTED', by: actor('rev1'), at: 4, comment: 'no' }, h(4, 'b')] });
  d.slot('requests', 'R', 'c', { 'decision:D2': [{ status: 'APPROVED', by: actor('rev2'), at: 5, comment: 'yes' }, h(5, 'c')] });
  d.transition('D2.x', 'M', 'V1', 'Production', false, h(5, 'c'), { request: 'R', approval: 'D2' });
  let f = foldRegistry(d.state());
  expect(f.requests[0]).toMatchObject({ id: 'R', name: 'm', version: '1', status: 'REJECTED', decidedBy: actor('rev1'), decisionComment: 'no' });
  expect(f.models.get('m')?.versions[0]?.currentStage).toBe('None');
  // Had the approval come first, its transition counts.
  d.slot('requests', 'R', 'c', { 'decision:D2': [{ status: 'APPROVED', by: actor('rev2'), at: 5, comment: 'yes' }, h(3, 'c', 1)] });
  f = foldRegistry(d.state());
  expect(f.requests[0]?.status).toBe('APPROVED');
  expect(f.models.get('m')?.versions[0]?.currentStage).toBe('Production');
});

test('a pending request whose version was deleted ends CANCELLED, as the local handler words it', () => {
  const d = new DocBuilder().model('M', 'm', h(1)).version('V1', 'M', 1, h(2), { deleted: [{ at: 77, by: actor('del') }, h(9)] });
  d.slot('requests', 'R', 'a', {
    model: ['M', h(3)],
    version: ['V1', h(3)],
    target: [{ kind: 'alias', alias: 'champion' }, h(3)],
    archive: [false, h(3)],
    requestedBy: [actor('req'), h(3)],
    requestedAt: [3, h(3)],
    comment: ['', h(3)],
  });
  expect(foldRegistry(d.state()).requests).toEqual([
    expect.objectContaining({ status: 'CANCELLED', decidedBy: actor('del'), decidedAt: 77, decisionComment: 'version 1 was deleted', target: { kind: 'alias', alias: 'champion' } }),
  ]);
});

test('the audit log is validated and names who gave each name', () => {
  const d = new DocBuilder().event('E1', 'churn', 'model/create').event('E2', 'c2', 'model/rename', { from: 'churn', to: 'c2' }).event('E3', 'c2', 'model/tag', { to: 'a=b' });
  d.audit.set('E4', { id: 'other', name: 'x', kind: 'model/create', actor: actor('e'), at: 1 }); // id is not its key
  d.audit.set('E5', { id: 'E5', name: 'x', kind: 'model/explode', actor: actor('e'), at: 1 });
  d.audit.set('E6', { id: 'E6', name: 'x', kind: 'model/tag', actor: actor('e'), at: 1, to: 5 });
  const f = foldRegistry(d.state());
  expect(f.events.map((e) => e.id).sort()).toEqual(['E1', 'E2', 'E3']);
  expect([...f.introducedBy]).toEqual(expect.arrayContaining([['churn', ['E1']], ['c2', ['E2']]]));
});

test('a value nested far too deep decides a stamp tie without overflowing the stack', () => {
  let deep: Record<string, unknown> = {};
  for (let i = 0; i < 200_000; i++) deep = { d: deep };
  const tie = h(5, 'x');
  const d = new DocBuilder().model('M', 'm', h(1));
  d.slot('requests', 'R', 'p', { target: [{ kind: 'stage', stage: 'Production', junk: deep } as never, tie] });
  d.slot('requests', 'R', 'q', { target: [{ kind: 'stage', stage: 'Staging', junk: [deep] } as never, tie] });
  expect(() => foldRegistry(d.state())).not.toThrow();
  expect(stableJson(deep)).toMatch(/^\{"d":/);
});
