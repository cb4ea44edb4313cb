// The registry audit trail behind MlflowClient (beyond MLflow): every registry change with who
// (the local user profile), when and from -> to, newest first, for one model (following its
// renames) or the whole workspace, and as CSV.
import { eventsCsv, modelHistory, newestFirst, type RegistryEvent } from '../../domain/registry';
import type { Workspace } from '../workspace';

export interface RegistryEventFilter {
  /** a registered model's current name: its history back to its creation, across renames */
  name?: string;
}

export async function getRegistryEvents(ws: Workspace, filter: RegistryEventFilter = {}): Promise<RegistryEvent[]> {
  const all = await ws.store.db.registryEvents.toArray();
  return filter.name === undefined ? all.sort(newestFirst) : modelHistory(all, filter.name);
}

export async function registryEventsCsv(ws: Workspace, filter: RegistryEventFilter = {}): Promise<string> {
  return eventsCsv(await getRegistryEvents(ws, filter));
}
