// Per-device preferences (columns, saved views, chart settings): small JSON values in the
// workspace's settings table. They are not workspace data: they never go through the mutation
// layer and will not sync to peers.
import type { Workspace } from './workspace';

/** @example const cols = await getPreference<string[]>(ws, `runs.columns:${experimentId}`) */
export async function getPreference<T>(ws: Workspace, key: string): Promise<T | undefined> {
  const row = await ws.store.db.settings.get(`pref:${key}`);
  return row?.value as T | undefined;
}

/** @example await setPreference(ws, `runs.columns:${experimentId}`, ['metrics.loss']) */
export async function setPreference(ws: Workspace, key: string, value: unknown): Promise<void> {
  await ws.store.db.settings.put({ key: `pref:${key}`, value: structuredClone(value) });
}
