// Asynchronous metric logging, like MLflow's async logging: a training loop calls logMetric and
// moves on; points wait here and are written in large batches (one transaction per flush).
// `flush()` resolves once everything queued before it is durable in IndexedDB.
import type { Mutation } from '../domain/mutations';
import type { MutationLayer } from '../storage/mutation-layer';

interface Series {
  steps: number[];
  timestamps: number[];
  values: number[];
}

export interface MetricQueueOptions {
  /** flush as soon as this many points wait */
  maxPending?: number;
  /** otherwise flush this long after the first waiting point (ms); small, so live views update */
  maxDelayMs?: number;
}

export class MetricQueue {
  private pending = new Map<string, Map<string, Series>>();
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tail: Promise<void> = Promise.resolve();
  private readonly maxPending: number;
  private readonly maxDelayMs: number;

  constructor(private readonly mutations: MutationLayer, options: MetricQueueOptions = {}) {
    this.maxPending = options.maxPending ?? 200_000;
    this.maxDelayMs = options.maxDelayMs ?? 200;
  }

  /** Queues one validated point. Errors from writing it surface from the next flush(). */
  enqueue(runId: string, key: string, value: number, timestamp: number, step: number): void {
    let byKey = this.pending.get(runId);
    if (!byKey) this.pending.set(runId, (byKey = new Map()));
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { steps: [], timestamps: [], values: [] }));
    s.steps.push(step);
    s.timestamps.push(timestamp);
    s.values.push(value);
    this.size++;
    if (this.size >= this.maxPending) void this.flush().catch(() => undefined);
    else if (!this.timer) this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.maxDelayMs);
  }

  get pendingPoints(): number {
    return this.size;
  }

  /** Points queued so far for a run are durable when this resolves; rejects if writing failed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    this.size = 0;
    // Flushes are chained so points reach storage in the order they were logged.
    const write = this.tail.catch(() => undefined).then(() => this.write(batch));
    this.tail = write;
    return write;
  }

  private async write(batch: Map<string, Map<string, Series>>): Promise<void> {
    const failures: unknown[] = [];
    for (const [runId, byKey] of batch) {
      const m: Mutation = {
        type: 'run/logBatch',
        runId,
        params: [],
        tags: [],
        metrics: [...byKey].map(([key, s]) => ({
          key,
          steps: Float64Array.from(s.steps),
          timestamps: Float64Array.from(s.timestamps),
          values: Float64Array.from(s.values),
        })),
      };
      // One run's failure (say, it was deleted meanwhile) must not drop other runs' points.
      try {
        await this.mutations.apply(m);
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length > 0) throw failures[0];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
