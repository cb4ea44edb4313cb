// Who wrote an entity last (the field with the highest stamp), for activity lines and the clock.
import type { FoldedField, Slot } from '../../domain/sync/slots';

export function latestWrite(fields: ReadonlyMap<string, FoldedField>, slots: readonly Slot[]): { peer: string; user: string; hlc: string } | undefined {
  let best: FoldedField | undefined;
  for (const f of fields.values()) {
    if (!best || f.hlc > best.hlc) best = f;
    for (const l of f.losers ?? []) if (l.hlc > (best?.hlc ?? '')) best = { value: l.value, hlc: l.hlc, peer: l.peer };
  }
  if (!best) return undefined;
  const peer = best.peer;
  const user = slots.find((s) => s.by.peer === peer)?.by.user ?? '';
  return { peer, user, hlc: best.hlc };
}
