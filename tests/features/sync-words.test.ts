// The sharing UI's pure rules: the status line, what a peer's view says and where it may link,
// a joined workspace's local name, the workspace choice, reading an invite fragment, the QR
// code's runs and the default relay.
import { describe, expect, test } from 'vitest';
import { decode } from 'node:querystring';
import { signToken } from '../../src/domain/sync/token';
import type { SyncStatus } from '../../src/sdk/sync';
import { answersAsRelay, defaultRelayUrl, LOCAL_RELAY } from '../../src/features/sync/default-relay';
import { readInvite } from '../../src/features/sync/invite-reading';
import { initials, safeAppPath, viewLabel } from '../../src/features/sync/peer-view';
import { darkRuns, qrPicture } from '../../src/features/sync/qr-runs';
import { clockTime, statusLine, statusProblem, unsharedText } from '../../src/features/sync/status-line';
import { nameForJoinedWorkspace } from '../../src/features/workspaces/joined-name';
import { chosenWorkspaceName, isWorkspaceName } from '../../src/features/workspaces/workspace-choice';

const W = '3f2a9c1e'.padEnd(32, '0');
const status = (s: Partial<SyncStatus>): SyncStatus => ({ state: 'connected', pendingItems: 0, unshared: 0, received: true, offlineSince: null, synced: false, lastSyncedAt: null, role: 'read-write', ...s });
const at = (h: number, m: number, sec: number): number => new Date(2025, 2, 1, h, m, sec).getTime();

describe('the status line', () => {
  test('says each state in words', () => {
    expect(statusLine(undefined).text).toBe('Not shared');
    expect(statusLine(status({ state: 'detached' })).text).toBe('Detached');
    expect(statusLine(status({ state: 'connected' })).text).toBe('Connected');
    expect(statusLine(status({ synced: true, lastSyncedAt: at(9, 5, 7) })).text).toBe('Synced');
    expect(statusLine(status({ synced: true, lastSyncedAt: at(9, 5, 7) })).detail).toContain('since 09:05:07');
    expect(statusLine(status({ pendingItems: 1 })).text).toBe('Syncing 1 item');
    expect(statusLine(status({ pendingItems: 12, lastSyncedAt: at(9, 0, 0) })).text).toBe('Syncing 12 items');
    expect(statusLine(status({ state: 'connecting' })).text).toBe('Connecting…');
    expect(statusLine(status({ state: 'offline', offlineSince: at(14, 3, 9) })).text).toBe('Offline since 14:03:09');
  });

  test('reconnecting after a loss still reads "offline since", with what waits to be sent', () => {
    const line = statusLine(status({ state: 'connecting', offlineSince: at(14, 3, 9), pendingItems: 3 }));
    expect(line.text).toBe('Offline since 14:03:09');
    expect(line.tone).toBe('warn');
    expect(line.detail).toContain('3 items will sync when the relay is back');
    expect(statusLine(status({ state: 'offline', offlineSince: at(14, 3, 9), lastSyncedAt: at(14, 2, 0) })).detail).toContain('Last synced 14:02:00.');
  });

  test('a copy still receiving says so; a read-only copy counts its own changes apart', () => {
    expect(statusLine(status({ received: false })).text).toBe('Receiving…');
    expect(statusLine(status({ received: false })).tone).toBe('busy');
    // what is pending still comes first
    expect(statusLine(status({ received: false, pendingItems: 2 })).text).toBe('Syncing 2 items');
    const line = statusLine(status({ synced: true, role: 'read-only', unshared: 3, lastSyncedAt: at(9, 5, 7) }));
    expect(line.text).toBe('3 local changes not shared (read-only)');
    expect(line.tone).toBe('ok');
    expect(line.detail).toContain('the 3 changes made here stay on this device');
    expect(unsharedText(1)).toBe('1 local change not shared (read-only)');
    // receiving from the others still shows as syncing, never the unshared changes
    expect(statusLine(status({ role: 'read-only', unshared: 3, pendingItems: 1 })).text).toBe('Syncing 1 item');
  });

  test('a problem that does not stop syncing is told apart from a refusal', () => {
    expect(statusProblem(status({ error: 'Joined read-only: changes made on this device stay here' }))).toMatch(/read-only/);
    expect(statusProblem(status({ state: 'unauthorized', error: 'token expired' }))).toBeUndefined();
    expect(statusProblem(undefined)).toBeUndefined();
  });

  test('unauthorized carries the relay\'s reason', () => {
    const line = statusLine(status({ state: 'unauthorized', error: 'token expired' }));
    expect(line.text).toBe('Unauthorized: token expired');
    expect(line.tone).toBe('error');
    expect(statusLine(status({ state: 'unauthorized' })).text).toBe('Unauthorized');
  });

  test('clock times are zero-padded 24-hour', () => {
    expect(clockTime(at(0, 0, 5))).toBe('00:00:05');
    expect(clockTime(at(23, 59, 59))).toBe('23:59:59');
  });
});

describe('what peers look at', () => {
  test('only plain app paths become links', () => {
    expect(safeAppPath('/runs/abc?tab=metrics')).toBe('/runs/abc?tab=metrics');
    for (const bad of ['javascript:alert(1)', '//evil.example/x', '/\\evil.example', 'https://evil.example', 'runs/abc', '/a b', '', null, undefined, `/${'x'.repeat(2001)}`]) {
      expect(safeAppPath(bad)).toBeUndefined();
    }
  });

  test('views read as words', () => {
    expect(viewLabel('/runs/0123456789abcdef')).toBe('run 01234567');
    expect(viewLabel('/experiments/12')).toBe('experiment 12');
    expect(viewLabel('/models/wine%20quality/versions/2')).toBe('model wine quality');
    expect(viewLabel('/compare?runs=a,b')).toBe('a run comparison');
    expect(viewLabel('/sync')).toBe('the sync page');
    expect(viewLabel('/models/%E0%A4%A')).toBe('model %E0%A4%A');
    expect(viewLabel('javascript:alert(1)')).toBe('somewhere in Orchard');
    expect(viewLabel(null)).toBe('somewhere in Orchard');
  });

  test('initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  grace   brewster murray hopper ')).toBe('GH');
    expect(initials('ada')).toBe('A');
    expect(initials('')).toBe('?');
    expect(initials('😀 Smile')).toBe('😀S');
  });
});

describe('workspaces', () => {
  test('a joined workspace is named after its id, joined again in place, never clashing', () => {
    expect(nameForJoinedWorkspace(W, [{ name: 'default' }])).toBe('shared-3f2a9c1e');
    expect(nameForJoinedWorkspace(W, [{ name: 'shared-3f2a9c1e', workspaceId: 'f'.repeat(32) }, { name: 'shared-3f2a9c1e-2' }])).toBe('shared-3f2a9c1e-3');
    expect(nameForJoinedWorkspace(W, [{ name: 'team', workspaceId: W }])).toBe('team');
  });

  test('the chosen workspace falls back to "default" for a missing or odd choice', () => {
    const storage = (v: string | null) => ({ getItem: () => v });
    expect(chosenWorkspaceName(storage(null))).toBe('default');
    expect(chosenWorkspaceName(storage('shared-3f2a9c1e'))).toBe('shared-3f2a9c1e');
    expect(chosenWorkspaceName(storage('../x'))).toBe('default');
    expect(chosenWorkspaceName(undefined)).toBe('default');
    expect(isWorkspaceName('a'.repeat(64))).toBe(true);
    expect(isWorkspaceName('a'.repeat(65))).toBe(false);
    expect(isWorkspaceName('-x')).toBe(false);
  });
});

describe('invite fragments', () => {
  const fragment = (relay: string, token: string) => `#${new URLSearchParams({ relay, token }).toString()}`;

  test('a good invite, read back with its claims', async () => {
    const token = await signToken('s'.repeat(32), { workspace: W, role: 'read-only', ttlSeconds: 3600 });
    const read = readInvite(fragment('ws://127.0.0.1:1234', token), Date.now());
    expect('invite' in read && read.invite.claims).toMatchObject({ workspace: W, role: 'read-only' });
    expect('invite' in read && read.invite.relayUrl).toBe('http://127.0.0.1:1234');
  });

  test('empty, damaged, cut short and expired links say what is wrong', async () => {
    const token = await signToken('s'.repeat(32), { workspace: W, role: 'read-write', ttlSeconds: 60, now: at(10, 0, 0) });
    const problem = (f: string, now = at(10, 0, 30)) => {
      const r = readInvite(f, now);
      return 'problem' in r ? r.problem : 'no problem';
    };
    expect(problem('')).toMatch(/opens invite links/);
    expect(problem('#relay=ws://x')).toMatch(/not an Orchard invite link/);
    expect(problem(fragment('ws://127.0.0.1:1234', token.slice(0, 20)))).toMatch(/damaged/);
    expect(problem(fragment('ftp://relay', token))).toMatch(/must start with http/);
    expect(problem(fragment('ws://127.0.0.1:1234', token), at(10, 1, 0))).toMatch(/expired on 2025-03-01 10:01\. Ask for a new one/);
    expect(decode(fragment('ws://127.0.0.1:1234', token).slice(1)).relay).toBe('ws://127.0.0.1:1234');
  });
});

describe('QR codes', () => {
  test('dark modules become one run per stretch of a row', () => {
    const t = true;
    const f = false;
    expect(darkRuns([[t, t, f, t], [f, f, f, f], [t, t, t, t]])).toEqual([
      { x: 0, y: 0, width: 2 },
      { x: 3, y: 0, width: 1 },
      { x: 0, y: 2, width: 4 },
    ]);
  });

  test('an invite link fits with a quiet zone, and its finder pattern is where scanners look', () => {
    const link = `http://127.0.0.1:4173/join#relay=http%3A%2F%2F127.0.0.1%3A1234&token=orc1.${'a'.repeat(120)}.${'b'.repeat(43)}`;
    const qr = qrPicture(link);
    expect(qr.size).toBeGreaterThan(21 + 8);
    // The top-left finder: a 7-module dark row right after the 4-module quiet zone.
    expect(qr.runs).toContainEqual({ x: 4, y: 4, width: 7 });
    expect(qr.runs.every((r) => r.x >= 4 && r.y >= 4 && r.x + r.width <= qr.size - 4 && r.y < qr.size - 4)).toBe(true);
  });
});

describe('the default relay', () => {
  const json = (body: unknown, type = 'application/json') => (async () => new Response(JSON.stringify(body), { headers: { 'content-type': type } })) as unknown as typeof fetch;

  test('configured, else the app origin when a relay answers there, else the local default', async () => {
    expect(await defaultRelayUrl({ configured: 'wss://relay.example' })).toBe('wss://relay.example');
    expect(await defaultRelayUrl({ configured: '', origin: 'http://app.example', fetch: json({ status: 'ok' }) })).toBe('http://app.example');
    // A static server answers every path with index.html: that is not a relay.
    expect(await defaultRelayUrl({ configured: '', origin: 'http://app.example', fetch: json('<html>', 'text/html') })).toBe(LOCAL_RELAY);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await answersAsRelay('http://app.example', down)).toBe(false);
  });
});
