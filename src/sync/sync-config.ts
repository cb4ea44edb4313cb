// Sharing, joining and leaving a workspace: this device's sync configuration (relay, workspace
// id, token, peer id) in the workspace's settings table, and the relay calls that create a room
// or an invite. Leaving keeps every local row and only marks the configuration detached.
import { readTokenClaims, type TokenRole } from '../domain/sync/token';
import { readSyncSettings, writeSyncSettings, type StoredSyncSettings } from '../storage/sync-settings';
import type { WorkspaceStore } from '../storage/workspace-store';
import { formatInviteLink, parseInviteLink, type Invite } from './invite-link';
import { RelayHttp } from './transport/relay-http';
import { normalizeRelayUrl } from './transport/relay-url';

export { formatInviteLink, parseInviteLink, type Invite } from './invite-link';

export type SyncConfig = StoredSyncSettings;

type FetchFn = typeof fetch;

/** 16 random hex chars: this device's id in one workspace (docs/sync-design.md). */
export function newPeerId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function loadSyncConfig(store: WorkspaceStore): Promise<SyncConfig | undefined> {
  return readSyncSettings(store.db);
}

/**
 * Shares this workspace: creates a room on the relay (POST /api/rooms) and stores the returned
 * workspace id and read-write token. A workspace already shared (and not left) is refused.
 */
export async function shareWorkspace(store: WorkspaceStore, relayUrl: string, options: { fetch?: FetchFn; now?: number } = {}): Promise<SyncConfig> {
  const existing = await readSyncSettings(store.db);
  if (existing && !existing.detached) {
    throw new Error(`This workspace is already shared through ${existing.relayUrl}; create an invite link instead.`);
  }
  const relay = normalizeRelayUrl(relayUrl);
  const room = await new RelayHttp(relay, undefined, options.fetch).createRoom();
  const config: SyncConfig = {
    relayUrl: relay,
    workspaceId: room.workspace,
    token: room.token,
    peerId: newPeerId(),
    joinedAt: options.now ?? Date.now(),
    detached: false,
  };
  await writeSyncSettings(store.db, config);
  return config;
}

/**
 * Joins the workspace an invite names, into `store` (normally a new, empty local workspace).
 * Rejoining a workspace this store left keeps its peer id; another workspace is refused.
 */
export async function joinWorkspace(store: WorkspaceStore, invite: Invite | string, options: { now?: number } = {}): Promise<SyncConfig> {
  const { relayUrl, token, claims } = typeof invite === 'string' ? parseInviteLink(invite) : invite;
  const now = options.now ?? Date.now();
  if (claims.expiresAt <= now) throw new Error(`This invite expired on ${new Date(claims.expiresAt).toISOString()}; ask for a new one.`);
  const existing = await readSyncSettings(store.db);
  if (existing && existing.workspaceId !== claims.workspace) {
    throw new Error(`This local workspace already syncs workspace ${existing.workspaceId}; join ${claims.workspace} into a new local workspace.`);
  }
  const config: SyncConfig = {
    relayUrl: normalizeRelayUrl(relayUrl),
    workspaceId: claims.workspace,
    token,
    peerId: existing?.peerId ?? newPeerId(),
    joinedAt: existing?.joinedAt ?? now,
    detached: false,
  };
  await writeSyncSettings(store.db, config);
  return config;
}

export interface CreatedInvite {
  link: string;
  token: string;
  role: TokenRole;
  /** ms since epoch */
  expiresAt: number;
}

/** Asks the relay for an invite token (POST /api/invites, needs a read-write token) and builds
 * the link to send. */
export async function createInvite(config: SyncConfig, role: TokenRole, options: { ttlSeconds?: number; appOrigin?: string; fetch?: FetchFn } = {}): Promise<CreatedInvite> {
  const appOrigin = options.appOrigin ?? globalThis.location?.origin;
  if (!appOrigin) throw new Error('createInvite needs the app origin to build the link (pass appOrigin outside a browser).');
  const created = await new RelayHttp(config.relayUrl, config.token, options.fetch).createInvite(role, options.ttlSeconds);
  const expiresAt = readTokenClaims(created.token)?.expiresAt ?? Number(created.expiresAt);
  return { link: formatInviteLink(appOrigin, config.relayUrl, created.token), token: created.token, role, expiresAt };
}

/** Stops syncing this workspace on this device; all local data stays (marked detached). */
export async function leaveWorkspace(store: WorkspaceStore): Promise<SyncConfig | undefined> {
  const existing = await readSyncSettings(store.db);
  if (!existing) return undefined;
  const left = { ...existing, detached: true };
  await writeSyncSettings(store.db, left);
  return left;
}

/**
 * Why `token` cannot be used for `workspaceId` right now (unreadable, another workspace's,
 * expired), in words for the status line; undefined when it looks usable. Only the relay can
 * check the signature: this is what can be told without asking it.
 */
export function tokenProblem(token: string, workspaceId: string, now = Date.now()): string | undefined {
  const claims = readTokenClaims(token);
  if (!claims) return 'The sync token is unreadable; join again from an invite link.';
  if (claims.workspace !== workspaceId) return `The sync token is for workspace ${claims.workspace}, not ${workspaceId}.`;
  if (claims.expiresAt <= now) return `The sync token expired on ${new Date(claims.expiresAt).toISOString()}; ask for a new invite.`;
  return undefined;
}

/** The role a configuration's token grants (read-only when unreadable: never assume more). */
export function roleOf(config: Pick<SyncConfig, 'token'>): TokenRole {
  return readTokenClaims(config.token)?.role ?? 'read-only';
}
