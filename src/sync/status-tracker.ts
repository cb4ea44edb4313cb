// Gathers what the status line needs (connection states, the relay's refusals, how much work is
// pending, whether this copy has received what the relay had) and reduces it with sync-status.ts.
// A read-only session's own changes are counted apart (`unshared`): they are never sent, so
// counting them as pending would say "syncing" forever. Recomputes are coalesced: a burst of updates
// costs one journal count, and a periodic tick catches what no event announces (another tab's
// journal entries, time passing while offline).
import type { TokenRole } from '../domain/sync/token';
import type { WorkspaceDb } from '../storage/schema';
import { countJournal } from '../storage/sync-pending';
import type { BlobTransfer } from './blob-transfer';
import { ObservableValue } from './observable';
import { INITIAL_STATUS, nextStatus, sameStatus, type SyncStatus } from './sync-status';
import type { ConnectionPool } from './transport/connection-pool';
import type { StoredCoverage } from './transport/stored-coverage';

export interface StatusSources {
  db: WorkspaceDb;
  pool: ConnectionPool;
  coverage: StoredCoverage;
  blobs: BlobTransfer;
  role: TokenRole;
  /** the replicator, once started (its idle() resolves when remote changes are folded in) */
  replicator?: () => { idle(): Promise<void> } | undefined;
  /** coalescing window (default 100 ms) */
  throttleMs?: number;
  /** periodic recompute (default 2000 ms) */
  tickMs?: number;
}

export class StatusTracker {
  readonly status: ObservableValue<SyncStatus>;
  private refusal: string | undefined;
  /** problems by source (read-only note, transfers), shown first-set first */
  private readonly problems = new Map<string, string>();
  private detached = false;
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly tick: ReturnType<typeof setInterval>;
  private computing: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly s: StatusSources) {
    this.status = new ObservableValue<SyncStatus>({ ...INITIAL_STATUS, role: s.role }, sameStatus);
    this.tick = setInterval(() => this.invalidate(), s.tickMs ?? 2000);
  }

  /** The relay refused us (the first reason is kept: later ones are consequences). */
  refuse(reason: string): void {
    this.refusal ??= reason;
    this.invalidate(0);
  }

  get refused(): string | undefined {
    return this.refusal;
  }

  /** A problem worth showing that does not stop syncing, per source (undefined clears it). */
  setProblem(source: string, text: string | undefined): void {
    if (this.problems.get(source) === text) return;
    if (text === undefined) this.problems.delete(source);
    else this.problems.set(source, text);
    this.invalidate(0);
  }

  markDetached(): void {
    this.detached = true;
    this.invalidate(0);
  }

  /** Something changed: recompute soon. */
  invalidate(delayMs = this.s.throttleMs ?? 100): void {
    if (this.stopped || this.pendingTimer !== undefined) return;
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      void this.recompute();
    }, delayMs);
  }

  /** Recomputes now; resolves with the status written. */
  async recompute(): Promise<SyncStatus> {
    if (this.computing) {
      this.again = true;
      await this.computing;
      return this.status.get();
    }
    // A failed count (the database closing under us) leaves the last status standing.
    this.computing = this.compute()
      .catch(() => undefined)
      .finally(() => (this.computing = undefined));
    await this.computing;
    if (this.again) {
      this.again = false;
      return this.recompute();
    }
    return this.status.get();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.tick);
    if (this.pendingTimer !== undefined) clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
  }

  private async compute(): Promise<void> {
    const { db, pool, coverage, blobs } = this.s;
    const [journal, uploads, idle] = await Promise.all([countJournal(db), blobs.uploads ? blobs.uploads.pending() : 0, this.replicatorIdle()]);
    const refusal = this.refusal ?? describeRefusal(pool.refusal());
    // Read-only: journal entries become document writes that stay here, like the ones before.
    const readOnly = this.s.role === 'read-only';
    const unshared = readOnly ? journal + pool.unsharedWrites() : 0;
    const pendingItems = (readOnly ? 0 : journal) + uploads + blobs.wantedCount() + coverage.uncovered();
    const received = pool.allSynced() && idle && blobs.wantedCount() === 0;
    const inputs = { detached: this.detached, links: pool.links(), pendingItems, unshared, received, allStored: coverage.allCovered(), role: this.s.role };
    const withRefusal = refusal === undefined ? inputs : { ...inputs, refusal };
    const problem = pool.failures()[0] ?? [...this.problems.values()][0];
    this.status.set(nextStatus(this.status.get(), problem === undefined ? withRefusal : { ...withRefusal, problem }, Date.now()));
  }

  /** Whether the replicator has nothing to do right now; when it is busy, the status is
   * computed again once it is done (a fold that changes no row announces nothing else). */
  private async replicatorIdle(): Promise<boolean> {
    const r = this.s.replicator?.();
    if (!r) return false;
    const idle = r.idle();
    if (await settlesAtOnce(idle)) return true;
    void idle.then(() => this.invalidate());
    return false;
  }
}

/** true when `p` settles within the current task (its microtasks), false when it has to wait for
 * I/O or a timer: the replicator's idle() resolves at once when no step is running. */
function settlesAtOnce(p: Promise<unknown>): Promise<boolean> {
  return Promise.race([p.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0))]);
}

function describeRefusal(r: { code: number; reason: string } | undefined): string | undefined {
  return r ? `The relay refused this device (${r.code}): ${r.reason}` : undefined;
}
