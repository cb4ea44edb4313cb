// Words for a param that peers logged with different values. Every peer shows the first value
// logged; the others are listed with who logged them. Peer ids come from other devices: they are
// only ever shown as text. Pure.
import type { ParamConflict } from '../../sdk/index';

export interface PeerNames {
  /** this device's peer id in the shared workspace, when it has one */
  self?: string;
  /** peer id -> display name of the peers online now */
  online: ReadonlyMap<string, string>;
}

/** "you (this device)", the name of an online peer, else "peer 3f2a9c1e". */
export function peerLabel(peer: string, names: PeerNames): string {
  if (names.self !== undefined && peer === names.self) return 'you (this device)';
  return names.online.get(peer) ?? `peer ${peer.slice(0, 8)}`;
}

/** One line per losing value: `also logged as "0.2" by Grace Hopper`. */
export function conflictLines(conflicts: readonly ParamConflict[], names: PeerNames): string[] {
  return conflicts.map((c) => `also logged as "${c.value}" by ${peerLabel(c.peer, names)}`);
}

/** The section's warning, or undefined when no param is in conflict. */
export function conflictSummary(conflicts: Readonly<Record<string, readonly ParamConflict[]>>): string | undefined {
  const n = Object.keys(conflicts).length;
  if (n === 0) return undefined;
  const which = n === 1 ? 'One param was' : `${n} params were`;
  return `${which} logged with different values on different devices. Every copy shows the value logged first; the others are listed under it.`;
}
