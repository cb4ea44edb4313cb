// Local workspaces and the sync facade without a relay (fake-indexeddb): the list with sharing
// badges, a new workspace taking the profile along, joining into a named workspace, and what
// startSync reports for a workspace that is not shared or was left.
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, test } from 'vitest';
import { signToken } from '../../src/domain/sync/token';
import { openWorkspace, type Workspace } from '../../src/sdk/index';
import { createLocalWorkspace, joinWorkspace, leaveWorkspace, listWorkspaces, loadSyncConfig, parseInviteLink, startSync, type SyncHandle } from '../../src/sdk/sync';

const W = 'ab'.repeat(16);
const opened: Workspace[] = [];
const handles: SyncHandle[] = [];
afterAll(async () => {
  for (const h of handles) await h.stop();
  for (const ws of opened) await ws.close();
});

async function invite(role: 'read-write' | 'read-only') {
  const token = await signToken('a-test-secret-of-32-characters!!', { workspace: W, role, ttlSeconds: 3600 });
  return parseInviteLink(`http://app.example/join#${new URLSearchParams({ relay: 'ws://127.0.0.1:1', token })}`);
}

/** Resolves with the first value of `source` for which `ok` holds (fails after 5 s). */
function until<T>(source: { get(): T; subscribe(l: (v: T) => void): () => void }, ok: (v: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    if (ok(source.get())) return resolve(source.get());
    const timer = setTimeout(() => reject(new Error(`still ${JSON.stringify(source.get())}`)), 5000);
    const stop = source.subscribe((v) => {
      if (!ok(v)) return;
      clearTimeout(timer);
      stop();
      resolve(v);
    });
  });
}

describe('local workspaces', () => {
  test('a new workspace takes the profile of the one it was made from, never overwriting its own', async () => {
    const home = await openWorkspace({ name: 'home' });
    opened.push(home);
    await home.store.setUserProfile({ name: 'Ada Lovelace', email: 'ada@example.com' });
    const scratch = await createLocalWorkspace('scratch', { profileFrom: home });
    opened.push(scratch);
    expect(await scratch.store.userProfile()).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    await scratch.store.setUserProfile({ name: 'Ada at play', email: '' });
    await createLocalWorkspace('scratch', { profileFrom: home });
    expect((await scratch.store.userProfile()).name).toBe('Ada at play');
  });

  test('the list names every local workspace with how it is shared', async () => {
    await joinWorkspace('team', await invite('read-only'));
    await joinWorkspace('team-left', await invite('read-write'));
    const left = await openWorkspace({ name: 'team-left' });
    opened.push(left, await openWorkspace({ name: 'team' }));
    await leaveWorkspace(left);
    const list = await listWorkspaces();
    expect(list.map((w) => w.name)).toEqual(['home', 'scratch', 'team', 'team-left']);
    expect(list.find((w) => w.name === 'home')).toEqual({ name: 'home', sharing: 'local' });
    expect(list.find((w) => w.name === 'team')).toEqual({ name: 'team', sharing: 'shared', workspaceId: W, role: 'read-only' });
    expect(list.find((w) => w.name === 'team-left')).toMatchObject({ sharing: 'detached', workspaceId: W, role: 'read-write' });
  });

  test('joining keeps what the invite says; a workspace syncing another id is refused', async () => {
    const team = await openWorkspace({ name: 'team' });
    expect(await loadSyncConfig(team)).toMatchObject({ workspaceId: W, relayUrl: 'http://127.0.0.1:1', detached: false });
    const other = await openWorkspace({ name: 'other' });
    opened.push(other);
    const token = await signToken('a-test-secret-of-32-characters!!', { workspace: 'cd'.repeat(16), role: 'read-write', ttlSeconds: 3600 });
    await joinWorkspace('other', parseInviteLink(`#relay=ws%3A%2F%2F127.0.0.1%3A1&token=${token}`));
    await expect(joinWorkspace('other', await invite('read-write'))).rejects.toThrow(/already syncs workspace cdcd/);
  });
});

describe('startSync without a session to run', () => {
  test('a workspace never shared reports no status and no configuration', async () => {
    const handle = startSync(await openWorkspace({ name: 'home' }));
    handles.push(handle);
    await new Promise((r) => setTimeout(r, 50));
    expect(handle.status.get()).toBeUndefined();
    expect(handle.config.get()).toBeUndefined();
    expect(handle.peers.get()).toEqual([]);
  });

  test('a workspace that was left says "detached" with its role, and runs nothing', async () => {
    const handle = startSync(await openWorkspace({ name: 'team-left' }));
    handles.push(handle);
    const status = await until(handle.status, (s) => s !== undefined);
    expect(status).toMatchObject({ state: 'detached', role: 'read-write', pendingItems: 0 });
    expect(handle.config.get()).toMatchObject({ workspaceId: W, detached: true });
  });
});
