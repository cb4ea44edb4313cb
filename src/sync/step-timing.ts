// When the replicator's drain and seal steps are due. Kept apart from the work loop, which only
// asks "is it due?" and "when next?", so the rules about windows and pauses live in one place.

/**
 * A drain asked for. A local change waits a short window, so a burst of SDK calls goes out as one
 * step (one Yjs update per document, one store, one fold); anything else that wants a drain (more
 * journal rows than one step takes, a fold refused for a waiting change, idle()) wants it now.
 */
export class DrainRequest {
  private wanted = true;
  /** ms since epoch; 0 = now */
  private notBefore = 0;

  constructor(private readonly windowMs: number) {}

  /** A local change committed: drain once the window that began with the first waiting one ends. */
  soon(): void {
    if (!this.wanted) this.notBefore = Date.now() + this.windowMs;
    this.wanted = true;
  }

  now(): void {
    this.wanted = true;
    this.notBefore = 0;
  }

  /** A drain that waits out its window is wanted now (idle(): the caller wants it done). */
  hurry(): boolean {
    if (!this.wanted || this.notBefore === 0) return false;
    this.notBefore = 0;
    return true;
  }

  get pending(): boolean {
    return this.wanted;
  }

  due(): boolean {
    return this.wanted && Date.now() >= this.notBefore;
  }

  /** When a waiting drain becomes due, if one waits. */
  dueAt(): number | undefined {
    return this.wanted ? this.notBefore : undefined;
  }

  /** The drain step started: what arrives from now on asks again. */
  taken(): void {
    this.wanted = false;
  }
}

/** What the seal step needs of the pending points (sync/runs/pending-metrics.ts). */
export interface PendingPoints {
  runIds(): string[];
  has(runId: string): boolean;
  due(now: number, windowMs: number): string[];
  nextDue(windowMs: number): number | undefined;
}

/**
 * Which runs' pending points to seal: those whose window passed, runs that ended, or all of them
 * (drain()). After a failed seal (storage full) sealing pauses, rather than failing in a hot loop.
 */
export class SealSchedule {
  private forced = false;
  private readonly ended = new Set<string>();
  private pausedUntil = 0;

  constructor(
    private readonly pending: PendingPoints,
    private readonly windowMs: number,
    private readonly pauseMs: number,
  ) {}

  /** Seal everything pending at the next seal step. */
  all(): void {
    this.forced = true;
  }

  /** The run ended: no more points will come, seal it at the next step. */
  runEnded(runId: string): void {
    this.ended.add(runId);
  }

  private due(): string[] {
    if (Date.now() < this.pausedUntil) return [];
    return this.pending.due(Date.now(), this.windowMs);
  }

  wanted(): boolean {
    return this.forced || this.ended.size > 0 || this.due().length > 0;
  }

  /** The runs to seal now; what was asked for is taken. */
  take(): string[] {
    const ids = this.forced ? this.pending.runIds() : [...new Set([...this.ended, ...this.due()])].filter((id) => this.pending.has(id));
    this.forced = false;
    this.ended.clear();
    return ids;
  }

  pause(): void {
    this.pausedUntil = Date.now() + this.pauseMs;
  }

  /** When the next run's window ends (never before a pause ends), if any run waits. */
  dueAt(): number | undefined {
    const due = this.pending.nextDue(this.windowMs);
    return due === undefined ? undefined : Math.max(due, this.pausedUntil);
  }
}
