// Reads a slot map (`<entityId>|<peerId>` -> slot) into one field map per entity. Unlike the
// generic foldSlots, two writes of one field with the SAME stamp but different values (only a
// broken or hostile peer makes those) are decided by their content, so the result never depends
// on the order the map hands out its entries. Writes that break their field's rule are skipped
// (registry-field-rules.ts).
import type { Hlc } from './hlc';
import { type EntityMapName, fieldValid } from './registry-field-rules';
import { type FieldValue, isSlot } from './slots';
import { stableJson } from './registry-wire';

export interface Stamped {
  value: FieldValue;
  hlc: Hlc;
}

export type EntityFields = Map<string, Stamped>;

/** `a` beats `b` when its stamp is higher, or on equal stamps when its content sorts higher. */
export function beats(a: Stamped, b: Stamped): boolean {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc;
  return stableJson(a.value) > stableJson(b.value);
}

/** Keeps the winning write per field (the highest stamp). */
export function mergeField(into: EntityFields, field: string, write: Stamped): void {
  const cur = into.get(field);
  if (!cur || beats(write, cur)) into.set(field, write);
}

/** entity id -> its folded fields, over every well-formed slot and valid write in `slots`. */
export function foldSlotMap(slots: ReadonlyMap<string, unknown>, map: EntityMapName): Map<string, EntityFields> {
  const out = new Map<string, EntityFields>();
  for (const [key, slot] of slots) {
    const bar = key.lastIndexOf('|');
    if (bar <= 0 || !isSlot(slot)) continue;
    const id = key.slice(0, bar);
    let fields = out.get(id);
    if (!fields) out.set(id, (fields = new Map()));
    for (const [field, [value, hlc]] of Object.entries(slot.f)) {
      // `<field>#<hlc>` entries keep losing values of first-wins fields; the registry has none.
      if (field.includes('#') || !fieldValid(map, field, value)) continue;
      mergeField(fields, field, { value, hlc });
    }
  }
  return out;
}

/** Field names under a prefix (`tag:`, `alias:`, `decision:`) with the rest of the name. */
export function* prefixed(fields: EntityFields, prefix: string): Generator<[string, Stamped]> {
  for (const [field, stamped] of fields) if (field.startsWith(prefix) && field.length > prefix.length) yield [field.slice(prefix.length), stamped];
}
