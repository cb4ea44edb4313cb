// The sync status as the header says it, in the user's words. Pure, so each rule (what beats
// what, when "offline since" shows, singular/plural) is tested without a session.
import type { SyncStatus } from '../../sdk/sync';

export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'off';

export interface StatusLine {
  text: string;
  tone: StatusTone;
  /** a longer explanation for the tooltip and the sync page */
  detail: string;
}

/** A problem the session reports that does not stop syncing (a read-only peer's local change
 * that will not be sent, a blob that failed verification); the refusal itself is the line. */
export function statusProblem(status: SyncStatus | undefined): string | undefined {
  return status && status.state !== 'unauthorized' && status.state !== 'detached' ? status.error : undefined;
}

/** Clock time of `ms`, e.g. 14:03:09 (24-hour, the same on every machine). */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** `ms` as a date and time, e.g. 2025-03-01 14:03 (for expiries days away). */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  const day = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
  return `${day} ${clockTime(ms).slice(0, 5)}`;
}

const items = (n: number): string => `${n} ${n === 1 ? 'item' : 'items'}`;

/** A read-only peer's own changes, which are never sent: "3 local changes not shared (read-only)". */
export function unsharedText(n: number): string {
  return `${n} local ${n === 1 ? 'change' : 'changes'} not shared (read-only)`;
}

export function statusLine(status: SyncStatus | undefined): StatusLine {
  if (!status) return { text: 'Not shared', tone: 'off', detail: 'This workspace stays on this device. Share it to sync with others.' };
  switch (status.state) {
    case 'detached':
      return { text: 'Detached', tone: 'off', detail: 'You left this shared workspace: the local copy stays here and no longer syncs.' };
    case 'unauthorized':
      return {
        text: status.error ? `Unauthorized: ${status.error}` : 'Unauthorized',
        tone: 'error',
        detail: `The relay refused this device${status.error ? `: ${status.error}` : ''}. Ask for a new invite link.`,
      };
    case 'offline':
      return offline(status);
    case 'connecting':
      // Reconnecting after a loss still counts as offline for the person looking at it.
      return status.offlineSince !== null ? offline(status) : { text: 'Connecting…', tone: 'busy', detail: 'Connecting to the relay.' };
    case 'connected':
      if (status.pendingItems > 0) {
        return { text: `Syncing ${items(status.pendingItems)}`, tone: 'busy', detail: `Connected; ${items(status.pendingItems)} still to send or receive.` };
      }
      if (status.synced) {
        const since = status.lastSyncedAt !== null ? ` (since ${clockTime(status.lastSyncedAt)})` : '';
        if (status.unshared > 0) {
          const n = status.unshared;
          return { text: unsharedText(n), tone: 'ok', detail: `Connected; you have everything the others shared${since}. Your invite is read-only, so ${n === 1 ? 'the change' : `the ${n} changes`} made here stay on this device.` };
        }
        return { text: 'Synced', tone: 'ok', detail: `Connected; every change is stored on the relay and everything shared is here${since}.` };
      }
      if (!status.received) return { text: 'Receiving…', tone: 'busy', detail: `Connected; receiving what the others shared.${lastSynced(status)}` };
      return { text: 'Connected', tone: 'ok', detail: `Connected; checking what the relay has stored.${lastSynced(status)}` };
  }
}

const lastSynced = (status: SyncStatus): string => (status.lastSyncedAt !== null ? ` Last synced ${clockTime(status.lastSyncedAt)}.` : '');

function offline(status: SyncStatus): StatusLine {
  const since = status.offlineSince !== null ? ` since ${clockTime(status.offlineSince)}` : '';
  const waiting = status.pendingItems > 0 ? `; ${items(status.pendingItems)} will sync when the relay is back` : '';
  return { text: `Offline${since}`, tone: 'warn', detail: `Cannot reach the relay${waiting}. Everything keeps working here.${lastSynced(status)}` };
}
