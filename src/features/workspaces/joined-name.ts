// The local name a joined workspace gets. Pure.

export interface NamedWorkspace {
  name: string;
  workspaceId?: string;
}

/**
 * `shared-<first 8 of the id>`: recognisable next to the id the sharer sees. A local copy of the
 * same shared workspace (left earlier, or joined twice) is joined again in place, keeping its data
 * and its peer id; a name already taken by another workspace gets `-2`, `-3`, ...
 */
export function nameForJoinedWorkspace(workspaceId: string, existing: readonly NamedWorkspace[]): string {
  const same = existing.find((w) => w.workspaceId === workspaceId);
  if (same) return same.name;
  const base = `shared-${workspaceId.slice(0, 8)}`;
  const taken = new Set(existing.map((w) => w.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
