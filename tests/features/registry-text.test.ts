import { describe, expect, test } from 'vitest';
import type { ApprovalRequest, RegistryEvent, RegistryEventKind } from '../../src/domain/registry/entities';
import { actorLabel, eventComment, eventSummary, gateText, isSameActor, requestSummary } from '../../src/features/registry/registry-text';
import { actorText } from '../../src/features/settings/profile-text';

const ada = { name: 'Ada', email: 'ada@example.com' };
const event = (kind: RegistryEventKind, details: Partial<RegistryEvent> = {}): RegistryEvent => ({ id: '1', name: 'wine', kind, actor: ada, at: 0, ...details });

describe('audit events read as sentences', () => {
  test('stages, versions and tags', () => {
    expect(eventSummary(event('version/stage', { version: '2', from: 'Staging', to: 'Production' }))).toBe('moved version 2: Staging → Production');
    expect(eventSummary(event('version/create', { version: '1', to: 'runs:/abc/model' }))).toBe('registered version 1 from runs:/abc/model');
    expect(eventSummary(event('model/tag', { to: 'team=vision' }))).toBe('set tag team=vision');
    expect(eventSummary(event('model/tag', { from: 'team=a', to: 'team=b' }))).toBe('changed tag team=a → team=b');
    expect(eventSummary(event('version/deleteTag', { version: '3', from: 'k=v' }))).toBe('deleted tag k=v from version 3');
    expect(eventSummary(event('version/delete', { version: '3', from: 'Archived' }))).toBe('deleted version 3 (was Archived)');
  });

  test('aliases (written alias=version) and approvals', () => {
    expect(eventSummary(event('alias/set', { version: '2', to: 'champion=2' }))).toBe('set @champion → version 2');
    expect(eventSummary(event('alias/set', { version: '3', from: 'champion=2', to: 'champion=3' }))).toBe('moved @champion from version 2 to version 3');
    expect(eventSummary(event('alias/delete', { version: '3', from: 'champion=3' }))).toBe('deleted @champion (was version 3)');
    expect(eventSummary(event('approval/request', { version: '1', from: 'Archived', to: 'Production' }))).toBe('requested version 1 → Production');
    expect(eventSummary(event('approval/approve', { version: '1', to: 'champion=1' }))).toBe('approved version 1 → @champion');
    expect(eventSummary(event('approval/gate', { from: 'stages=; aliases=', to: 'stages=Production; aliases=' }))).toBe('set what needs approval: Production (was nothing)');
    expect(gateText('stages=Staging,Production; aliases=champion,prod')).toBe('Staging, Production, @champion, @prod');
    expect(gateText('stages=; aliases=champion')).toBe('@champion');
  });

  test("a created model's comment (its description) is not repeated in the trail", () => {
    expect(eventComment(event('model/create', { comment: '# long markdown' }))).toBeUndefined();
    expect(eventComment(event('approval/request', { comment: 'please' }))).toBe('please');
  });
});

describe('people and requests', () => {
  test('a person reads as name, else email; the same person is matched by email, else name', () => {
    expect(actorLabel(ada)).toBe('Ada');
    expect(actorLabel({ name: '', email: 'g@x' })).toBe('g@x');
    expect(actorLabel({ name: '', email: '' })).toBe('someone');
    expect(isSameActor(ada, { name: 'Ada L.', email: 'ADA@example.com' })).toBe(true);
    expect(isSameActor(ada, { name: 'Ada', email: 'other@example.com' })).toBe(false);
    expect(isSameActor(ada, undefined)).toBe(false);
    expect(actorText({ name: '', email: '' })).toBe('Set your name');
    expect(actorText({ name: '', email: 'g@x' })).toBe('g@x');
  });

  test('a request says what it asks for', () => {
    const request: ApprovalRequest = {
      id: 'r1', name: 'wine', version: '4', target: { kind: 'stage', stage: 'Production' }, archiveExistingVersions: true,
      requestedBy: ada, requestedAt: 0, comment: '', status: 'PENDING',
    };
    expect(requestSummary(request)).toBe('version 4 to stage Production, archiving the others there');
    expect(requestSummary({ ...request, target: { kind: 'alias', alias: 'champion' } })).toBe('version 4 to alias @champion');
  });
});
