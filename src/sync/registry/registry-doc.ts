// The registry's part of the root document: six top-level Y.Maps holding plain JSON values
// (slots and log entries, never nested Yjs types), read as plain maps for the pure fold.
import type * as Y from 'yjs';
import { type RegistryDocState, type RegistryFold, foldRegistry } from '../../domain/sync/registry-fold';
import { REGISTRY_MAPS, type RegistryMapName } from '../../domain/sync/registry-wire';

export type RegistryMaps = Record<RegistryMapName, Y.Map<unknown>>;

export function registryMaps(doc: Y.Doc): RegistryMaps {
  const maps = {} as RegistryMaps;
  for (const name of REGISTRY_MAPS) maps[name] = doc.getMap<unknown>(name);
  return maps;
}

export function readRegistryState(doc: Y.Doc): RegistryDocState {
  const maps = registryMaps(doc);
  const read = (name: RegistryMapName): Map<string, unknown> => new Map(maps[name].entries());
  return {
    models: read('models'),
    versions: read('versions'),
    gates: read('gates'),
    requests: read('requests'),
    transitions: read('transitions'),
    audit: read('audit'),
  };
}

export const foldDoc = (doc: Y.Doc): RegistryFold => foldRegistry(readRegistryState(doc));

/** True when `type` is one of the registry maps of `doc`. */
export function isRegistryMap(doc: Y.Doc, type: unknown): boolean {
  const maps = registryMaps(doc);
  return REGISTRY_MAPS.some((name) => maps[name] === type);
}
