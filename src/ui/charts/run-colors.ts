// One colour per run, the same in every chart of a view and across reloads: a run's colour comes
// from a hash of its id (as MLflow's getStableColorForRun does), and when two chosen runs hash to
// the same palette slot the later one takes the next free slot, so up to 10 runs get 10 distinct
// hues and up to 20 never share a colour. Beyond 20, runs get a hue from their hash, in comma
// syntax: Plot reads a string as a colour constant only if d3-color parses it (else as a field).

// Observable 10 (its grey swapped for cyan: grey reads as "disabled") followed by a darker
// companion of each: distinct on light and dark backgrounds.
export const RUN_PALETTE = [
  '#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#17becf',
  '#1f3f8f', '#a67a00', '#c2412d', '#2f8a77', '#1d6b2f', '#c2497f', '#6a2fb8', '#4f78c4', '#6b4329', '#0f7c8a',
] as const;

const HUES = 10;

/** FNV-1a: small, fast and well spread for short ids. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Colours for `ids`, in the order given (earlier ids win a contested slot). */
export function runColors(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<number>();
  for (const id of ids) {
    if (out.has(id)) continue;
    const h = hashOf(id);
    if (taken.size >= RUN_PALETTE.length) {
      out.set(id, `hsl(${h % 360}, 65%, 45%)`);
      continue;
    }
    // The ten distinct hues first; their darker companions only once all ten are in use.
    const tier = taken.size < HUES ? 0 : HUES;
    let slot = tier + (h % HUES);
    while (taken.has(slot)) slot = tier + ((slot - tier + 1) % HUES);
    taken.add(slot);
    out.set(id, RUN_PALETTE[slot] as string);
  }
  return out;
}
