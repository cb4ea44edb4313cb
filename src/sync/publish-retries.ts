// Journal entries whose publish threw: they stay in the journal and are tried again on a later
// drain, with backoff (1 s .. 60 s by default), while later entries still go out. drain() tries
// them at once. The backoff grows only when a retry fails again; a new failure while a retry is
// scheduled does not push that retry back.
import type { JournalRow, WorkspaceDb } from '../storage/schema';
import type { BackoffOptions } from './backoff';
import { RetryTimer } from './durable-gate';

export type JournalEntry = JournalRow & { seq: number };

export class PublishRetries {
  private readonly seqs = new Set<number>();
  private readonly timer: RetryTimer;

  constructor(backoff: BackoffOptions) {
    this.timer = new RetryTimer(backoff);
  }

  get waiting(): boolean {
    return this.seqs.size > 0;
  }

  due(): boolean {
    return this.seqs.size > 0 && this.timer.due();
  }

  /** When the next retry is due, if one waits. */
  dueAt(): number | undefined {
    return this.seqs.size > 0 ? this.timer.at : undefined;
  }

  /** drain(): what failed before is retried now, ignoring its backoff (failures from then on are not). */
  forceNext(): void {
    this.timer.force = this.seqs.size > 0;
  }

  /** The entries still waiting for their retry, read now (ones gone meanwhile are forgotten). The
   * force of forceNext() is used up by this step. */
  async take(db: WorkspaceDb): Promise<JournalEntry[]> {
    this.timer.force = false;
    const seqs = [...this.seqs].sort((a, b) => a - b);
    const rows = await db.journal.bulkGet(seqs);
    const out: JournalEntry[] = [];
    seqs.forEach((seq, i) => {
      const row = rows[i];
      if (row) out.push({ ...row, seq });
      else this.seqs.delete(seq);
    });
    return out;
  }

  /** After a drain step: `retried` were tried again, `failed` (old or new) threw. */
  settle(retried: readonly JournalEntry[], failed: readonly number[]): void {
    for (const row of retried) this.seqs.delete(row.seq);
    for (const seq of failed) this.seqs.add(seq);
    if (this.seqs.size === 0) this.timer.reset();
    else if (retried.some((row) => failed.includes(row.seq))) this.timer.failed(true);
    else if (failed.length > 0) this.timer.failed(false);
  }

  /** A drain step with nothing to publish. */
  idle(): void {
    this.timer.force = false;
    if (this.seqs.size === 0) this.timer.reset();
  }
}
