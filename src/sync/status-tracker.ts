// Gathers what the status line needs (connection states, the relay's refusals, how much work is
// pending) and reduces it with sync-status.ts. Recomputes are coalesced: a burst of updates
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
    const [journal, uploads] = await Promise.all([countJournal(db), blobs.uploads ? blobs.uploads.pending() : 0]);
    const refusal = this.refusal ?? describeRefusal(pool.refusal());
    const pendingItems = journal + uploads + blobs.wantedCount() + coverage.uncovered();
    const inputs = { detached: this.detached, links: pool.links(), pendingItems, allStored: coverage.allCovered(), role: this.s.role };
    const withRefusal = refusal === undefined ? inputs : { ...inputs, refusal };
    const problem = pool.failures()[0] ?? [...this.problems.values()][0];
    this.status.set(nextStatus(this.status.get(), problem === undefined ? withRefusal : { ...withRefusal, problem }, Date.now()));
  }
}

function describeRefusal(r: { code: number; reason: string } | undefined): string | undefined {
  return r ? `The relay refused this device (${r.code}): ${r.reason}` : undefined;
}
