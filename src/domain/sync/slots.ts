// An entity on the wire is a set of per-writer slots (see docs/sync-design.md): each peer writes
// only its own slot, so Yjs never has to pick between two peers' writes, and folding the slots
// with hybrid-clock stamps decides. This is the pure fold; src/sync stores slots in Y.Maps.
import { type Hlc, isHlc } from './hlc';

/** A field value on the wire: JSON, `null` meaning unset (a deleted tag, a cleared field). */
export type FieldValue = string | number | boolean | null | FieldValue[] | { [k: string]: FieldValue };

/** One writer's view of an entity: every field it ever set, each with the stamp of that write. */
export interface Slot {
  f: Record<string, [FieldValue, Hlc]>;
  /** who wrote it, for the activity feed and conflict flags */
  by: { peer: string; user: string };
}

/** How concurrent values of one field are decided. */
export type FieldRule = 'latest' | 'first';

export interface FoldedField {
  value: FieldValue;
  hlc: Hlc;
  peer: string;
  /** other values seen for a `first` field (an MLflow param logged differently on two peers) */
  losers?: Array<{ value: FieldValue; hlc: Hlc; peer: string }>;
}

/** Field name -> its rule; params keep the first value logged, everything else the latest. */
export const ruleOf = (field: string): FieldRule => (field.startsWith('param:') ? 'first' : 'latest');

/** True for a well-formed slot; a peer sending garbage gets its slot ignored, never a crash. */
export function isSlot(x: unknown): x is Slot {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<Slot>;
  if (typeof s.f !== 'object' || s.f === null || Array.isArray(s.f)) return false;
  if (typeof s.by !== 'object' || s.by === null || typeof s.by.peer !== 'string' || typeof s.by.user !== 'string') return false;
  for (const v of Object.values(s.f)) if (!Array.isArray(v) || v.length !== 2 || !isHlc(v[1])) return false;
  return true;
}

/**
 * Folds the slots of one entity into one value per field. `latest` fields take the highest stamp,
 * `first` fields the lowest (and list the other distinct values as losers). Stamps end with the
 * writer's peer id, so there are no ties, and the result depends only on the set of (field, value,
 * stamp) writes: every peer computes the same thing however the slots were merged.
 */
export function foldSlots(slots: readonly unknown[]): Map<string, FoldedField> {
  const writes = new Map<string, Map<Hlc, FieldValue>>();
  for (const slot of slots) {
    if (!isSlot(slot)) continue;
    for (const [field, [value, hlc]] of Object.entries(slot.f)) {
      let byStamp = writes.get(field);
      if (!byStamp) writes.set(field, (byStamp = new Map()));
      byStamp.set(hlc, value);
    }
  }
  const out = new Map<string, FoldedField>();
  for (const [field, byStamp] of writes) {
    const stamps = [...byStamp.keys()].sort();
    const first = ruleOf(field) === 'first';
    const hlc = (first ? stamps[0] : stamps[stamps.length - 1]) as Hlc;
    const value = byStamp.get(hlc) as FieldValue;
    const folded: FoldedField = { value, hlc, peer: peerOf(hlc) };
    if (first) {
      const same = JSON.stringify(value);
      const losers = stamps.slice(1).filter((h) => JSON.stringify(byStamp.get(h)) !== same).map((h) => ({ value: byStamp.get(h) as FieldValue, hlc: h, peer: peerOf(h) }));
      if (losers.length > 0) folded.losers = losers;
    }
    out.set(field, folded);
  }
  return out;
}

const peerOf = (hlc: Hlc): string => hlc.slice(hlc.lastIndexOf('-') + 1);

/**
 * The slot a writer stores after writing `changes`: every field of every slot it has seen (with
 * their original stamps, so the fold result is unchanged) plus the new writes. For `first` fields
 * the losing values are kept too (as `<field>#<hlc>` entries) so the conflict flag survives the
 * merge of slots.
 */
export function mergedSlot(seen: readonly unknown[], changes: Record<string, [FieldValue, Hlc]>, by: Slot['by']): Slot {
  const f: Record<string, [FieldValue, Hlc]> = {};
  const keep = (field: string, value: FieldValue, hlc: Hlc): void => {
    const cur = f[field];
    if (!cur) {
      f[field] = [value, hlc];
      return;
    }
    if (cur[1] === hlc) return;
    if (ruleOf(field) === 'first') {
      // keep both: the winner under the field name, the other under a derived name
      const [win, lose] = hlc < cur[1] ? [[value, hlc] as [FieldValue, Hlc], cur] : [cur, [value, hlc] as [FieldValue, Hlc]];
      f[field] = win;
      f[`${field}#${lose[1]}`] = lose;
    } else if (hlc > cur[1]) {
      f[field] = [value, hlc];
    }
  };
  for (const slot of seen) {
    if (!isSlot(slot)) continue;
    for (const [field, [value, hlc]] of Object.entries(slot.f)) keep(field, value, hlc);
  }
  for (const [field, [value, hlc]] of Object.entries(changes)) keep(field, value, hlc);
  return { f, by };
}

/** Folds slots and also folds `<field>#<hlc>` entries (kept losers) back into their field. */
export function foldEntity(slots: readonly unknown[]): Map<string, FoldedField> {
  const expanded: Slot[] = [];
  for (const slot of slots) {
    if (!isSlot(slot)) continue;
    const f: Slot['f'] = {};
    const extra: Slot[] = [];
    for (const [field, v] of Object.entries(slot.f)) {
      const hash = field.indexOf('#');
      if (hash > 0) extra.push({ f: { [field.slice(0, hash)]: v }, by: slot.by });
      else f[field] = v;
    }
    expanded.push({ f, by: slot.by }, ...extra);
  }
  return foldSlots(expanded);
}
