// The sync status line as a pure reduction of what the session observes, so its rules
// (unauthorized beats offline beats connecting; when "offline since" starts and ends; when the
// workspace counts as synced, and as received) are tested without sockets.
import type { LinkState } from './transport/doc-connection';

/** What a read-only session says about this device's own changes. */
export const READ_ONLY_NOTE = 'Joined read-only: changes made on this device stay here and are not sent to the relay.';

export type SyncState = 'connected' | 'connecting' | 'offline' | 'unauthorized' | 'detached';

export interface SyncStatus {
  state: SyncState;
  /** work that will finish: journal entries + queued uploads + wanted blobs + documents whose
   * latest state the relay has not confirmed as stored. A read-only session's own changes are
   * never sent, so they are not here but in `unshared`. */
  pendingItems: number;
  /** read-only sessions: changes made on this device that will never be sent (0 otherwise) */
  unshared: number;
  /** every document finished its first sync with the relay, what arrived is folded into the
   * tables (the replicator is idle) and every wanted blob is here: this copy has received what
   * the relay had */
  received: boolean;
  /** ms since epoch the connection was lost (set while offline or reconnecting after a loss) */
  offlineSince: number | null;
  /** everything this peer can send is stored on the relay, everything it had to receive is
   * here (`received`) and nothing is pending, right now: "up to date" */
  synced: boolean;
  /** ms since epoch of the last moment `synced` was true (while it is true: since when) */
  lastSyncedAt: number | null;
  /** the role the token grants */
  role: 'read-write' | 'read-only';
  /** why the relay refused us, or the last transfer problem worth showing */
  error?: string;
}

export interface StatusInputs {
  detached: boolean;
  /** relay refusal (close code 4401/4403, HTTP 401/403, expired token) */
  refusal?: string;
  /** one per synced document */
  links: readonly LinkState[];
  pendingItems: number;
  /** read-only: local changes that will never be sent (default 0) */
  unshared?: number;
  /** see SyncStatus.received */
  received: boolean;
  /** the relay confirmed every document as stored */
  allStored: boolean;
  role: SyncStatus['role'];
  /** a problem that does not stop syncing (a blob that failed verification, ...) */
  problem?: string;
}

export const INITIAL_STATUS: SyncStatus = { state: 'connecting', pendingItems: 0, unshared: 0, received: false, offlineSince: null, synced: false, lastSyncedAt: null, role: 'read-write' };

export function connectionState(i: Pick<StatusInputs, 'detached' | 'refusal' | 'links'>): SyncState {
  if (i.detached) return 'detached';
  if (i.refusal !== undefined || i.links.includes('refused')) return 'unauthorized';
  if (i.links.length > 0 && i.links.every((l) => l === 'connected')) return 'connected';
  if (i.links.includes('offline') && !i.links.includes('connected')) return 'offline';
  return 'connecting';
}

export function nextStatus(prev: SyncStatus, i: StatusInputs, now: number): SyncStatus {
  const state = connectionState(i);
  // "Offline since" starts at the first loss and lasts through reconnect attempts until every
  // document is connected again.
  const offlineSince = state === 'connected' || state === 'detached' ? null : state === 'offline' ? (prev.offlineSince ?? now) : prev.offlineSince;
  const synced = state === 'connected' && i.allStored && i.pendingItems === 0 && i.received;
  // While synced, lastSyncedAt stays at the moment it became so (the UI is not woken for nothing);
  // on leaving it, it moves to now, the last moment everything was known to be stored.
  const lastSyncedAt = synced === prev.synced ? prev.lastSyncedAt : now;
  const next: SyncStatus = { state, pendingItems: i.pendingItems, unshared: i.unshared ?? 0, received: i.received, offlineSince, synced, lastSyncedAt, role: i.role };
  const error = i.refusal ?? i.problem;
  if (error !== undefined) next.error = error;
  return next;
}

/** Field-wise equality, so recomputing an unchanged status does not wake the UI. */
export function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return a.state === b.state && a.pendingItems === b.pendingItems && a.unshared === b.unshared && a.received === b.received && a.offlineSince === b.offlineSince && a.synced === b.synced && a.lastSyncedAt === b.lastSyncedAt && a.role === b.role && a.error === b.error;
}
