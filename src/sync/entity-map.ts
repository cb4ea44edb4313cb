// Entities in a Y.Map as per-writer slots (docs/sync-design.md): key `<entityId>|<peerId>`.
// Writing copies every slot we can see into ours and deletes the others, so an entity settles at
// one slot; a concurrent write into a slot we deleted survives (Yjs keeps the newer item), so
// nothing is ever lost by the merge.
import type * as Y from 'yjs';
import type { Hlc } from '../domain/sync/hlc';
import { type FieldValue, type FoldedField, type Slot, foldEntity, mergedSlot } from '../domain/sync/slots';

export const SLOT_SEPARATOR = '|';

export const slotKey = (entityId: string, peer: string): string => `${entityId}${SLOT_SEPARATOR}${peer}`;

/** The entity id of a slot key (ids never contain `|`; a key without one is ignored as garbage). */
export function entityOfKey(key: string): string | undefined {
  const i = key.lastIndexOf(SLOT_SEPARATOR);
  return i > 0 ? key.slice(0, i) : undefined;
}

/** All slot keys of an entity currently in the map. Linear in the map; callers that touch many
 * entities at once use `slotIndex` instead. */
export function slotsOf(map: Y.Map<unknown>, entityId: string): string[] {
  const prefix = `${entityId}${SLOT_SEPARATOR}`;
  const keys: string[] = [];
  for (const key of map.keys()) if (key.startsWith(prefix) && !key.slice(prefix.length).includes(SLOT_SEPARATOR)) keys.push(key);
  return keys;
}

/** entity id -> its slot keys, for a whole map in one pass. */
export function slotIndex(map: Y.Map<unknown>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const key of map.keys()) {
    const id = entityOfKey(key);
    if (id === undefined) continue;
    const list = index.get(id);
    if (list) list.push(key);
    else index.set(id, [key]);
  }
  return index;
}

/** The folded fields of one entity (empty map when it has no slots). */
export function readEntity(map: Y.Map<unknown>, entityId: string, keys: string[] = slotsOf(map, entityId)): Map<string, FoldedField> {
  return foldEntity(keys.map((k) => map.get(k)));
}

/**
 * Writes `changes` (field -> value, all stamped `hlc`) into our slot of the entity, merging the
 * other slots we see into it. Call inside `doc.transact(..., origin)`.
 */
export function writeEntity(
  map: Y.Map<unknown>,
  entityId: string,
  changes: Record<string, FieldValue>,
  hlc: Hlc,
  by: Slot['by'],
  keys: string[] = slotsOf(map, entityId),
): void {
  const stamped: Record<string, [FieldValue, Hlc]> = {};
  for (const [field, value] of Object.entries(changes)) stamped[field] = [value, hlc];
  const mine = slotKey(entityId, by.peer);
  const slot = mergedSlot(keys.map((k) => map.get(k)), stamped, by);
  for (const k of keys) if (k !== mine) map.delete(k);
  map.set(mine, slot);
}

/** Plain values of a folded entity (field -> value), for code that does not care about stamps. */
export function valuesOf(folded: Map<string, FoldedField>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [field, f] of folded) out[field] = f.value;
  return out;
}
