// This device's sync configuration for one workspace, in the settings table (never replicated:
// the token and peer id belong to this device).
import type { WorkspaceDb } from './schema';

export interface StoredSyncSettings {
  relayUrl: string;
  workspaceId: string;
  token: string;
  peerId: string;
  /** ms since epoch this device shared or joined the workspace */
  joinedAt: number;
  /** the user left: local data stays, nothing syncs */
  detached: boolean;
}

const KEY = 'sync';

export async function readSyncSettings(db: WorkspaceDb): Promise<StoredSyncSettings | undefined> {
  const row = await db.settings.get(KEY);
  return (row?.value as StoredSyncSettings | undefined) ?? undefined;
}

export async function writeSyncSettings(db: WorkspaceDb, settings: StoredSyncSettings): Promise<void> {
  await db.settings.put({ key: KEY, value: { ...settings } });
}
