// Waiting until updates are stored, and retrying with backoff (for the replicator). A journal
// entry is deleted only after the updates that carry its change are durable: what would delete it
// waits here, in order, until every update handed to the listeners so far is stored. If a listener
// refused one (storage full), the refused updates are handed to it again with backoff.
import { type BackoffOptions, backoffDelay } from './backoff';
import type { UpdateFanout } from './update-fanout';

/** When to retry after failures: later after each failed retry; a failure seen while one is
 * scheduled already does not push it back. */
export class RetryTimer {
  attempt = 0;
  /** when the next retry is due (ms since the epoch) */
  at = 0;
  /** retry at the next chance, whatever the backoff (drain()) */
  force = false;

  constructor(private readonly opts: BackoffOptions) {}

  /** Schedules the next retry after a failure (`retried`: the failure was of a retry). */
  failed(retried: boolean): void {
    const now = Date.now();
    if (retried) this.attempt++;
    else if (now < this.at) return;
    this.at = now + backoffDelay(this.attempt, this.opts);
  }

  due(): boolean {
    return this.force || Date.now() >= this.at;
  }

  /** After a success: the next failure backs off from the first delay again. */
  reset(): void {
    this.attempt = 0;
  }
}

export class DurableGate {
  /** what waits until every update so far is stored (deleting the journal entries they carry) */
  private readonly afterDurable: Array<() => Promise<void>> = [];
  private readonly timer: RetryTimer;

  constructor(
    private readonly fanout: UpdateFanout,
    retry: BackoffOptions,
  ) {
    this.timer = new RetryTimer(retry);
  }

  /** True while an update is not stored, or something still waits for that. */
  get busy(): boolean {
    return this.afterDurable.length > 0 || this.fanout.failing;
  }

  /** When the next store retry is due (meaningful while busy). */
  get retryAt(): number {
    return this.timer.at;
  }

  /** The next retryDue() ignores the backoff (failures from here on do not). */
  forceRetry(): void {
    this.timer.force = this.busy;
  }

  /**
   * Runs `then` (deleting journal entries, marking the first share done) once every update handed
   * to the listeners so far is stored. If a listener refused one (storage full), `then` waits, in
   * order, until a retry stores it: a journal entry is never deleted before its change is durable.
   */
  async whenDurable(then: () => Promise<void>): Promise<void> {
    this.afterDurable.push(then);
    if (await this.fanout.settle()) await this.runDurable();
    else this.timer.failed(false);
  }

  retryDue(): boolean {
    if (!this.busy) return false;
    return this.timer.due();
  }

  /** Hands refused updates to their listeners again; what waited for them runs once stored. */
  async retryStep(): Promise<void> {
    this.timer.force = false;
    this.fanout.retry();
    if (await this.fanout.settle()) await this.runDurable();
    else this.timer.failed(true);
  }

  private async runDurable(): Promise<void> {
    while (this.afterDurable.length > 0) {
      try {
        await (this.afterDurable[0] as () => Promise<void>)();
      } catch (e) {
        this.timer.failed(true);
        throw e;
      }
      this.afterDurable.shift();
    }
    this.timer.reset();
  }
}
