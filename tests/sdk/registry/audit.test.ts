// The registry audit trail (beyond MLflow): every change recorded with who (the local profile),
// when, and from -> to, in the same transaction as the change; per model across renames; as CSV.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { eventsCsv } from '../../../src/domain/registry';
import type { RegistryEvent } from '../../../src/sdk/index';
import { freshClient } from '../helpers';

const ANA = { name: 'Ana', email: 'ana@example.com' };
const BO = { name: 'Bo', email: 'bo@example.com' };
const line = (e: RegistryEvent): string =>
  [e.actor.name, e.kind, e.version ?? '', e.from ?? '', e.to ?? '', e.comment ?? ''].join('|').replace(/\|+$/, '');

describe('audit trail', () => {
  test('records every kind of change with who, when and from -> to, newest first', async () => {
    const { client, ws } = await freshClient();
    await ws.store.setUserProfile(ANA);
    const t0 = Date.now();
    await client.createRegisteredModel('m', { description: 'first' });
    await client.updateRegisteredModel('m', { description: 'second' });
    await client.setRegisteredModelTag('m', 'team', 'ml');
    await client.setRegisteredModelTag('m', 'team', 'growth');
    await client.deleteRegisteredModelTag('m', 'team');
    await client.deleteRegisteredModelTag('m', 'absent');
    await client.createModelVersion('m', 's3://b/1');
    await client.createModelVersion('m', 's3://b/2');
    await client.updateModelVersion('m', 1, { description: 'v1 notes' });
    await client.setModelVersionTag('m', 1, 'ok', 'yes');
    await client.deleteModelVersionTag('m', 1, 'ok');
    await client.transitionModelVersionStage('m', 1, 'Production');
    await client.setRegisteredModelAlias('m', 'champion', 1);
    await client.setRegisteredModelAlias('m', 'champion', 2);
    await client.deleteRegisteredModelAlias('m', 'champion');
    await client.setApprovalGate('m', { stages: ['Production'], aliases: [] });
    const req = await client.requestTransition('m', 2, { stage: 'Production', archiveExistingVersions: true }, { comment: 'please' });
    await ws.store.setUserProfile(BO);
    await client.approveTransition(req.id, { comment: 'ok' });
    await client.setRegisteredModelAlias('m', 'old', 1);
    await client.deleteModelVersion('m', 1);
    await client.renameRegisteredModel('m', 'm2');

    const events = await client.getRegistryEvents({ name: 'm2' });
    expect(events.map(line)).toEqual([
      'Bo|model/rename||m|m2',
      'Bo|alias/delete|1|old=1||its version was deleted',
      'Bo|version/delete|1|Archived',
      'Bo|alias/set|1||old=1',
      'Bo|version/stage|1|Production|Archived|archive_existing_versions: version 2 moved to Production',
      `Bo|version/stage|2|None|Production|approved request ${req.id}`,
      'Bo|approval/approve|2||Production|ok',
      'Ana|approval/request|2|None|Production|please',
      'Ana|approval/gate||stages=; aliases=|stages=Production; aliases=',
      'Ana|alias/delete|2|champion=2',
      'Ana|alias/set|2|champion=1|champion=2',
      'Ana|alias/set|1||champion=1',
      'Ana|version/stage|1|None|Production',
      'Ana|version/deleteTag|1|ok=yes',
      'Ana|version/tag|1||ok=yes',
      'Ana|version/description|1||v1 notes',
      'Ana|version/create|2||s3://b/2',
      'Ana|version/create|1||s3://b/1',
      'Ana|model/deleteTag||team=growth',
      'Ana|model/tag||team=ml|team=growth',
      'Ana|model/tag|||team=ml',
      'Ana|model/description||first|second',
      'Ana|model/create|||m|first',
    ]);
    for (const e of events) {
      expect(e.at).toBeGreaterThanOrEqual(t0);
      expect(e.actor.email).toBe(e.actor.name === 'Ana' ? ANA.email : BO.email);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // The workspace trail holds the same events.
    expect((await client.getRegistryEvents()).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  test('a failed change records nothing; a re-created name starts a new history; deleted models keep theirs', async () => {
    const { client } = await freshClient();
    await client.createRegisteredModel('m');
    await client.createModelVersion('m', 's3://1');
    await client.setApprovalGate('m', { stages: ['Staging'], aliases: [] });
    await client.transitionModelVersionStage('m', 1, 'Staging').catch(() => undefined);
    await client.createRegisteredModel('m').catch(() => undefined);
    expect((await client.getRegistryEvents({ name: 'm' })).map((e) => e.kind)).toEqual(['approval/gate', 'version/create', 'model/create']);
    await client.deleteRegisteredModel('m');
    expect((await client.getRegistryEvents({ name: 'm' })).map((e) => e.kind)).toEqual(['model/delete', 'approval/gate', 'version/create', 'model/create']);
    await client.createRegisteredModel('m');
    expect((await client.getRegistryEvents({ name: 'm' })).map((e) => e.kind)).toEqual(['model/create']);
    expect((await client.getRegistryEvents()).length).toBe(5);
    expect(await client.getRegistryEvents({ name: 'never' })).toEqual([]);
  });

  test('a rename chain a -> b -> a keeps one history; the freed name does not borrow it', async () => {
    const { client } = await freshClient();
    await client.createRegisteredModel('a');
    await client.renameRegisteredModel('a', 'b');
    await client.createRegisteredModel('a');
    await client.createModelVersion('a', 's3://other');
    await client.deleteRegisteredModel('a');
    await client.renameRegisteredModel('b', 'a');
    const history = (await client.getRegistryEvents({ name: 'a' })).map((e) => `${e.name}:${e.kind}`);
    expect(history).toEqual(['a:model/rename', 'b:model/rename', 'a:model/create']);
  });

  test('CSV: header, one row per event, RFC 4180 quoting, formulas defused', async () => {
    const { client, ws } = await freshClient();
    await ws.store.setUserProfile({ name: 'Ana "A"', email: 'ana@example.com' });
    await client.createRegisteredModel('m', { description: 'line1\nline2, with comma' });
    await client.setRegisteredModelTag('m', 'f', '=HYPERLINK("x")');
    const csv = await client.registryEventsCsv({ name: 'm' });
    const events = await client.getRegistryEvents({ name: 'm' });
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('id,time,model,version,event,user_name,user_email,from,to,comment');
    expect(rows[1]).toBe(`${events[0]?.id},${new Date(events[0]?.at ?? 0).toISOString()},m,,model/tag,"Ana ""A""",ana@example.com,,"f==HYPERLINK(""x"")",`);
    expect(csv).toContain(',model/create,"Ana ""A""",ana@example.com,,m,"line1\nline2, with comma"\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
    await client.setRegisteredModelTag('m', 'g', 'v');
    // header + 3 events + the empty string after the last CRLF (the newline in the description is quoted LF)
    expect((await client.registryEventsCsv({ name: 'm' })).split('\r\n')).toHaveLength(5);
    expect(eventsCsv([{ id: '1', name: '=cmd', kind: 'model/create', actor: { name: '+x', email: '@y' }, at: 0, to: '-1' }]).split('\r\n')[1]).toBe(
      "1,1970-01-01T00:00:00.000Z,'=cmd,,model/create,'+x,'@y,,'-1,",
    );
  });
});
