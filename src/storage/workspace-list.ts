// The workspaces this browser profile holds: one IndexedDB database per workspace
// (`orchard-<name>`, schema.ts), each with its own sync settings. The workspace switcher lists
// them with a badge saying whether each is shared or was left.
import Dexie from 'dexie';
import { WorkspaceDb, databaseName } from './schema';
import { readSyncSettings, type StoredSyncSettings } from './sync-settings';

export interface LocalWorkspace {
  name: string;
  /** this device's sync configuration for it, if it was ever shared or joined */
  sync?: StoredSyncSettings;
}

const PREFIX = databaseName('');

/** Local workspace names, sorted, from the database names (no database is opened). */
export async function localWorkspaceNames(): Promise<string[]> {
  const names = await Dexie.getDatabaseNames();
  return names
    .filter((n) => n.startsWith(PREFIX) && n.length > PREFIX.length)
    .map((n) => n.slice(PREFIX.length))
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Every local workspace with its sync settings. Each database is opened briefly (with the app's
 * schema, as switching to it would) and closed again; one that cannot be read is still listed.
 */
export async function listLocalWorkspaces(): Promise<LocalWorkspace[]> {
  const names = await localWorkspaceNames();
  return Promise.all(names.map(async (name): Promise<LocalWorkspace> => {
    const db = new WorkspaceDb(databaseName(name));
    try {
      const sync = await readSyncSettings(db);
      return sync ? { name, sync } : { name };
    } catch {
      return { name };
    } finally {
      db.close();
    }
  }));
}
