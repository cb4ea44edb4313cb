// The status line's rules, without sockets: which state wins, when "offline since" starts and
// ends, when the workspace counts as synced; and the state-vector coverage test behind it.
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { ActivityFeed } from '../../src/sync/activity-feed';
import { INITIAL_STATUS, connectionState, nextStatus, type StatusInputs } from '../../src/sync/sync-status';
import { covers } from '../../src/sync/transport/stored-coverage';
import { colorFor } from '../../src/sync/transport/presence';

const base: StatusInputs = { detached: false, links: ['connected', 'connected'], pendingItems: 0, received: true, allStored: true, role: 'read-write' };

test('detached beats unauthorized beats offline beats connecting', () => {
  expect(connectionState({ ...base, detached: true, refusal: 'x' })).toBe('detached');
  expect(connectionState({ ...base, links: ['connected', 'refused'] })).toBe('unauthorized');
  expect(connectionState({ ...base, refusal: 'token expired' })).toBe('unauthorized');
  expect(connectionState({ ...base, links: ['offline', 'offline'] })).toBe('offline');
  expect(connectionState({ ...base, links: ['offline', 'connecting'] })).toBe('offline');
  expect(connectionState({ ...base, links: ['connected', 'offline'] })).toBe('connecting');
  expect(connectionState({ ...base, links: ['connecting'] })).toBe('connecting');
  expect(connectionState({ ...base, links: [] })).toBe('connecting');
  expect(connectionState(base)).toBe('connected');
});

test('offline since starts at the first loss, survives reconnect attempts and ends when connected', () => {
  let s = nextStatus(INITIAL_STATUS, base, 100);
  expect(s).toMatchObject({ state: 'connected', offlineSince: null, synced: true, lastSyncedAt: 100 });
  s = nextStatus(s, base, 150);
  expect(s.lastSyncedAt).toBe(100); // still synced since 100
  s = nextStatus(s, { ...base, links: ['offline', 'offline'], pendingItems: 3, allStored: false }, 200);
  expect(s).toMatchObject({ state: 'offline', offlineSince: 200, synced: false, lastSyncedAt: 200, pendingItems: 3 });
  s = nextStatus(s, { ...base, links: ['offline', 'offline'], pendingItems: 4, allStored: false }, 300);
  expect(s).toMatchObject({ offlineSince: 200, lastSyncedAt: 200 });
  s = nextStatus(s, { ...base, links: ['connected', 'connecting'], pendingItems: 4, allStored: false }, 400);
  expect(s).toMatchObject({ state: 'connecting', offlineSince: 200 });
  s = nextStatus(s, { ...base, pendingItems: 1, allStored: false }, 500);
  expect(s).toMatchObject({ state: 'connected', offlineSince: null, synced: false, lastSyncedAt: 200 });
  s = nextStatus(s, { ...base, allStored: false }, 550);
  expect(s.synced).toBe(false); // nothing pending, but the relay has not confirmed every document
  s = nextStatus(s, base, 600);
  expect(s).toMatchObject({ synced: true, lastSyncedAt: 600 });
});

test('synced needs everything received too: first syncs done, changes folded, wanted blobs here', () => {
  let s = nextStatus(INITIAL_STATUS, { ...base, received: false }, 100);
  expect(s).toMatchObject({ state: 'connected', synced: false, received: false, lastSyncedAt: null });
  s = nextStatus(s, base, 200);
  expect(s).toMatchObject({ synced: true, received: true, lastSyncedAt: 200 });
  // a new document that has not synced yet (or a fold running) takes "synced" away again
  s = nextStatus(s, { ...base, received: false }, 300);
  expect(s).toMatchObject({ synced: false, received: false, lastSyncedAt: 300 });
});

test("a read-only peer's unsendable changes are not pending: synced, with the count apart", () => {
  const s = nextStatus(INITIAL_STATUS, { ...base, role: 'read-only', unshared: 4 }, 1);
  expect(s).toMatchObject({ synced: true, pendingItems: 0, unshared: 4, role: 'read-only' });
  expect(nextStatus(INITIAL_STATUS, base, 1).unshared).toBe(0);
});

test('a refusal shows its reason; a read-only role is reported', () => {
  const s = nextStatus(INITIAL_STATUS, { ...base, refusal: 'token expired', role: 'read-only' }, 1);
  expect(s).toMatchObject({ state: 'unauthorized', error: 'token expired', role: 'read-only', lastSyncedAt: null });
  expect(nextStatus(INITIAL_STATUS, { ...base, problem: 'blob x failed verification' }, 1).error).toBe('blob x failed verification');
});

test('a stored state vector covers ours only when every client clock is reached', () => {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getMap('m').set('x', 1);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  expect(covers(Y.encodeStateVector(b), Y.encodeStateVector(a))).toBe(true);
  a.getMap('m').set('y', 2);
  expect(covers(Y.encodeStateVector(b), Y.encodeStateVector(a))).toBe(false);
  b.getMap('m').set('z', 3); // the relay knowing more than we do still covers us
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  expect(covers(Y.encodeStateVector(b), Y.encodeStateVector(a))).toBe(true);
  expect(covers(Y.encodeStateVector(new Y.Doc()), Y.encodeStateVector(new Y.Doc()))).toBe(true);
});

test('the activity feed keeps the newest 200 lines, newest first', () => {
  const feed = new ActivityFeed();
  let heard = 0;
  feed.subscribe(() => heard++);
  for (let i = 0; i < 250; i++) feed.add([{ at: i, peer: 'p', user: 'u', text: `t${i}` }]);
  expect(feed.get()).toHaveLength(200);
  expect(feed.get()[0]?.text).toBe('t249');
  expect(feed.get()[199]?.text).toBe('t50');
  expect(heard).toBe(250);
  expect(colorFor('abc')).toBe(colorFor('abc'));
});
