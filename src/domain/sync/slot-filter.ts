// Drops field writes that fail their entity's checks before the slots are folded, so a garbage
// value from one peer neither wins a field nor hides a valid value written by someone else: it
// counts as never written. Every peer filters the same slots the same way, so they still agree.
import type { FieldValue, Slot } from './slots';
import { isSlot } from './slots';

/** Accepts or refuses one field write (`field` is the plain name, without a `#<hlc>` suffix). */
export type FieldCheck = (field: string, value: FieldValue) => boolean;

export interface FilteredSlots {
  slots: Slot[];
  /** how many field writes were refused (for the problems list) */
  refused: number;
}

export function filterSlots(raw: readonly unknown[], check: FieldCheck): FilteredSlots {
  const slots: Slot[] = [];
  let refused = 0;
  for (const slot of raw) {
    if (slot === undefined) continue; // a key deleted since the caller listed it
    if (!isSlot(slot)) {
      refused++;
      continue;
    }
    const f: Slot['f'] = {};
    for (const [field, write] of Object.entries(slot.f)) {
      const hash = field.indexOf('#');
      if (check(hash > 0 ? field.slice(0, hash) : field, write[0])) f[field] = write;
      else refused++;
    }
    slots.push({ f, by: slot.by });
  }
  return { slots, refused };
}
