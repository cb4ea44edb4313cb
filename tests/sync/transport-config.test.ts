// Invite links and relay URLs: the token travels only in the fragment, links round-trip, and
// damaged or foreign links fail with a message a user can act on. Plus the local sync settings.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { signToken } from '../../src/domain/sync/token';
import { formatInviteLink, parseInviteLink } from '../../src/sync/invite-link';
import { joinWorkspace, leaveWorkspace, loadSyncConfig, newPeerId, roleOf, tokenProblem } from '../../src/sync/sync-config';
import { normalizeRelayUrl, relayEndpoint, syncSocketUrl } from '../../src/sync/transport/relay-url';
import { WorkspaceStore } from '../../src/storage/workspace-store';

const W = 'ab'.repeat(16);
const SECRET = 'test-secret-0123456789';

test('relay URLs are normalised and the socket URL derives from them', () => {
  expect(normalizeRelayUrl(' https://relay.example.org:8443/ ')).toBe('https://relay.example.org:8443');
  expect(normalizeRelayUrl('ws://127.0.0.1:1234')).toBe('http://127.0.0.1:1234');
  expect(normalizeRelayUrl('wss://r.example/base//')).toBe('https://r.example/base');
  expect(syncSocketUrl('https://r.example/base')).toBe('wss://r.example/base/sync');
  expect(syncSocketUrl('http://127.0.0.1:1234/')).toBe('ws://127.0.0.1:1234/sync');
  expect(relayEndpoint('http://h:1', 'api', 'stored', 'w', 'exp', '12')).toBe('http://h:1/api/stored/w/exp/12');
  expect(() => normalizeRelayUrl('relay.example.org')).toThrow(/not a relay URL/);
  expect(() => normalizeRelayUrl('ftp://relay')).toThrow(/http\(s\)/);
  expect(() => normalizeRelayUrl('https://relay/?token=x')).toThrow(/no query/);
});

test('an invite link keeps relay and token in the fragment and parses back', async () => {
  const token = await signToken(SECRET, { workspace: W, role: 'read-only', ttlSeconds: 3600 });
  const link = formatInviteLink('https://orchard.example/', 'https://relay.example:9000/', token);
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe('https://orchard.example/join');
  expect(url.search).toBe('');
  expect(link.indexOf(token)).toBeGreaterThan(link.indexOf('#'));
  const invite = parseInviteLink(link);
  expect(invite).toMatchObject({ relayUrl: 'https://relay.example:9000', token, claims: { workspace: W, role: 'read-only' } });
  expect(parseInviteLink(url.hash.slice(1)).token).toBe(token); // the bare fragment also works
});

test('damaged invite links say what is wrong', async () => {
  const token = await signToken(SECRET, { workspace: W, role: 'read-write', ttlSeconds: 60 });
  expect(() => parseInviteLink('https://orchard.example/join')).toThrow(/not an Orchard invite link/);
  expect(() => parseInviteLink(`https://o/join#relay=http%3A%2F%2Fr&token=${token.slice(0, 20)}`)).toThrow(/damaged/);
  expect(() => parseInviteLink(`https://o/join#relay=nonsense&token=${token}`)).toThrow(/not a relay URL/);
});

test('joining stores the config; leaving keeps the data and marks it detached; rejoining keeps the peer id', async () => {
  const store = await WorkspaceStore.open(`config-${Date.now()}`);
  const token = await signToken(SECRET, { workspace: W, role: 'read-write', ttlSeconds: 3600 });
  const link = formatInviteLink('https://o', 'http://127.0.0.1:1234', token);
  const joined = await joinWorkspace(store, link, { now: 1000 });
  expect(joined).toEqual({ relayUrl: 'http://127.0.0.1:1234', workspaceId: W, token, peerId: expect.stringMatching(/^[0-9a-f]{16}$/), joinedAt: 1000, detached: false });
  expect(roleOf(joined)).toBe('read-write');
  expect(await loadSyncConfig(store)).toEqual(joined);
  expect(await leaveWorkspace(store)).toEqual({ ...joined, detached: true });
  const again = await joinWorkspace(store, link, { now: 2000 });
  expect(again.peerId).toBe(joined.peerId);
  expect(again.detached).toBe(false);
  const other = await signToken(SECRET, { workspace: 'cd'.repeat(16), role: 'read-write', ttlSeconds: 3600 });
  await expect(joinWorkspace(store, formatInviteLink('https://o', 'http://r', other))).rejects.toThrow(/already syncs workspace/);
  store.close();
});

test('an expired invite is refused before anything is stored', async () => {
  const store = await WorkspaceStore.open(`config-exp-${Date.now()}`);
  const token = await signToken(SECRET, { workspace: W, role: 'read-write', ttlSeconds: 1, now: 0 });
  await expect(joinWorkspace(store, formatInviteLink('https://o', 'http://r', token))).rejects.toThrow(/expired/);
  expect(await loadSyncConfig(store)).toBeUndefined();
  expect(roleOf({ token: 'garbage' })).toBe('read-only');
  expect(newPeerId()).not.toBe(newPeerId());
  store.close();
});

test('a token is checked for what can be told without the relay: readable, this workspace, not expired', async () => {
  const now = Date.now();
  const ok = await signToken(SECRET, { workspace: W, role: 'read-write', ttlSeconds: 60, now });
  expect(tokenProblem(ok, W, now)).toBeUndefined();
  expect(tokenProblem(ok, 'cd'.repeat(16), now)).toMatch(/for workspace ab.*not cd/);
  expect(tokenProblem(ok, W, now + 61_000)).toMatch(/expired on/);
  expect(tokenProblem('orc1.garbage', W, now)).toMatch(/unreadable/);
});
