// Sharing a workspace with other people, for the app's views: the one door from features/ to
// src/sync (features may not import it). Share, invite, join, leave, the local workspace list,
// and startSync, which runs the sync session for the open workspace.
import type { TokenRole } from '../domain/sync/token';
import { listLocalWorkspaces } from '../storage/workspace-list';
import * as config from '../sync/sync-config';
import { RelayHttp, RelayHttpError } from '../sync/transport/relay-http';
import { openWorkspace, type Workspace } from './workspace';

export { parseInviteLink, roleOf, type CreatedInvite, type Invite, type SyncConfig } from '../sync/sync-config';
export { normalizeRelayUrl } from '../sync/transport/relay-url';
export type { SyncState, SyncStatus } from '../sync/sync-status';
export type { PeerPresence } from '../sync/transport/presence';
export type { Activity } from '../sync/adapter';
export type { Observable } from '../sync/observable';
export type { TokenRole } from '../domain/sync/token';
export { startSync, type SyncHandle } from './sync-handle';
export { ArtifactFetchError, type ArtifactFetchProblem } from './artifact-fetch';
export type { FetchProgressListener } from './sync-tab-fetch';
export type { Progress as FetchProgress } from '../sync/transport/relay-http';
/** What the session reports once a read-only peer changed something locally (it is not sent). */
export { READ_ONLY_NOTE } from '../sync/sync-status';

/** A local workspace as the switcher lists it. */
export interface WorkspaceSummary {
  name: string;
  /** local: never shared; shared: syncing; detached: left, local copy kept */
  sharing: 'local' | 'shared' | 'detached';
  /** the shared workspace's id, when it was ever shared or joined */
  workspaceId?: string;
  role?: TokenRole;
}

/**
 * The workspaces this browser holds, by name, with whether each is shared.
 * @example const names = (await listWorkspaces()).map((w) => w.name);
 */
export async function listWorkspaces(): Promise<WorkspaceSummary[]> {
  return (await listLocalWorkspaces()).map(({ name, sync }) => {
    if (!sync) return { name, sharing: 'local' };
    return { name, sharing: sync.detached ? 'detached' : 'shared', workspaceId: sync.workspaceId, role: config.roleOf(sync) };
  });
}

/**
 * This device's sync configuration of `ws` (relay, shared workspace id, token), if it has one.
 * @example const cfg = await loadSyncConfig(ws); if (cfg && !cfg.detached) console.log(cfg.relayUrl);
 */
export function loadSyncConfig(ws: Workspace): Promise<config.SyncConfig | undefined> {
  return config.loadSyncConfig(ws.store);
}

/**
 * Shares `ws` through the relay at `relayUrl`: creates a room there and stores its read-write
 * token. The sync session (startSync) picks it up.
 * @example await shareWorkspace(ws, 'ws://127.0.0.1:1234');
 */
export function shareWorkspace(ws: Workspace, relayUrl: string): Promise<config.SyncConfig> {
  return config.shareWorkspace(ws.store, relayUrl);
}

/**
 * An invite link (and its token, role and expiry) for another person to join the shared
 * workspace; needs a read-write configuration.
 * @example const { link } = await createInvite(cfg, 'read-only');
 */
export function createInvite(cfg: config.SyncConfig, role: TokenRole, ttlSeconds?: number): Promise<config.CreatedInvite> {
  return config.createInvite(cfg, role, ttlSeconds === undefined ? {} : { ttlSeconds });
}

/**
 * Stops syncing `ws` on this device; every local row stays, the workspace is marked detached.
 * @example await leaveWorkspace(ws);
 */
export async function leaveWorkspace(ws: Workspace): Promise<void> {
  await config.leaveWorkspace(ws.store);
}

/**
 * Creates (or opens) the local workspace `name`, giving it the profile of `from` when it has none
 * yet: the profile is per workspace, and a person is the same person in all of theirs.
 * @example await createLocalWorkspace('scratch', { profileFrom: ws });
 */
export async function createLocalWorkspace(name: string, options: { profileFrom?: Workspace } = {}): Promise<Workspace> {
  const ws = await openWorkspace({ name });
  const from = options.profileFrom;
  if (from && from !== ws) {
    const [mine, theirs] = await Promise.all([ws.store.userProfile(), from.store.userProfile()]);
    if (!mine.name && !mine.email && (theirs.name || theirs.email)) await ws.store.setUserProfile(theirs);
  }
  return ws;
}

/**
 * Stores the invite's configuration in the local workspace `name` (created when missing, see
 * createLocalWorkspace), which then syncs the shared workspace once the app opens it.
 * @example await joinWorkspace('shared-3f2a9c1e', parseInviteLink(location.href), { profileFrom: ws });
 */
export async function joinWorkspace(name: string, invite: config.Invite, options: { profileFrom?: Workspace } = {}): Promise<config.SyncConfig> {
  const ws = await createLocalWorkspace(name, options);
  return config.joinWorkspace(ws.store, invite);
}

/** What the relay says about an invite before anyone joins with it. */
export type InviteCheck =
  | { ok: true }
  /** refused: the relay turned the token down; unreachable: nobody answered (joining still works offline) */
  | { ok: false; problem: 'refused' | 'unreachable'; message: string };

/**
 * Asks the relay whether it accepts the invite's token (a read of what it has stored for the
 * workspace), so a revoked or forged link is reported before a local workspace is made for it.
 * @example const check = await checkInvite(parseInviteLink(link));
 */
export async function checkInvite(invite: config.Invite): Promise<InviteCheck> {
  try {
    await new RelayHttp(invite.relayUrl, invite.token).storedStateVector(invite.claims.workspace);
    return { ok: true };
  } catch (e) {
    if (e instanceof RelayHttpError && e.isAuth) return { ok: false, problem: 'refused', message: e.message };
    if (e instanceof RelayHttpError && e.status !== 0) return { ok: true }; // the token passed; the room may just be empty
    return { ok: false, problem: 'unreachable', message: e instanceof Error ? e.message : String(e) };
  }
}
