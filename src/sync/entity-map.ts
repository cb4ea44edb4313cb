// Entities in a Y.Map as per-writer slots (docs/sync-design.md): key `<entityId>|<peerId>`.
// Writing copies every slot we can see into ours and deletes the others, so an entity settles at
// one slot; a concurrent write into a slot we deleted survives (Yjs keeps the newer item), so
// nothing is ever lost by the merge.
import type * as Y from 'yjs';
import type { Hlc } from '../domain/sync/hlc';
import { type FieldCheck, filterSlots } from '../domain/sync/slot-filter';
import { type FieldValue, type Slot, mergedSlot } from '../domain/sync/slots';

const SLOT_SEPARATOR = '|';

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

/**
 * Writes `changes` into our slot of an entity: the VALID writes of every slot we see (with their
 * original stamps, so the fold is unchanged) plus the new ones; the other slots go. Filtering
 * first matters: merged unfiltered, a garbage write with a higher stamp would replace a valid value
 * inside our slot, and deleting the others would then lose the valid value for good. Call inside
 * `doc.transact(..., origin)`.
 */
export function writeMergedSlot(
  map: Y.Map<unknown>,
  entityId: string,
  keys: readonly string[],
  changes: Record<string, [FieldValue, Hlc]>,
  by: Slot['by'],
  check: FieldCheck,
): void {
  const mine = slotKey(entityId, by.peer);
  const slot = mergedSlot(filterSlots(keys.map((k) => map.get(k)), check).slots, changes, by);
  for (const k of keys) if (k !== mine) map.delete(k);
  map.set(mine, slot);
}
