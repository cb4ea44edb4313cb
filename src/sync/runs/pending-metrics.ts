// Metric points logged here and committed (their logBatch journal entries stay in the journal) but
// not sealed into a chunk yet, per run. Sealing is due after a window (default 2 s from the oldest
// point), at 50,000 points, when the run ends, or on drain(). Until then projections add these
// points to the run's summaries, so a remote change to the run never rolls its metrics back.
import { MAX_CHUNK_POINTS, type ChunkSeries } from '../../domain/sync/metric-chunk';
import { concatSeries } from '../../domain/sync/metric-pack';

export interface PendingRun {
  /** journal entries holding these points, deleted once they are sealed */
  seqs: number[];
  parts: ChunkSeries[];
  points: number;
  /** commit time of the oldest entry (ms) */
  since: number;
}

export class PendingMetrics {
  private readonly runs = new Map<string, PendingRun>();

  add(seq: number, runId: string, metrics: readonly ChunkSeries[], at: number): void {
    let p = this.runs.get(runId);
    if (!p) this.runs.set(runId, (p = { seqs: [], parts: [], points: 0, since: at }));
    if (p.seqs.includes(seq)) return;
    p.seqs.push(seq);
    for (const m of metrics) {
      p.parts.push(m);
      p.points += m.values.length;
    }
    p.since = Math.min(p.since, at);
  }

  /** The run's unsealed points, per key in logging order. */
  unsealed(runId: string): ChunkSeries[] {
    const p = this.runs.get(runId);
    return p ? concatSeries(p.parts) : [];
  }

  /** Runs whose points must be sealed now. */
  due(now: number, windowMs: number): string[] {
    return [...this.runs].filter(([, p]) => p.points >= MAX_CHUNK_POINTS || now - p.since >= windowMs).map(([id]) => id);
  }

  /** When the next run becomes due (ms since epoch), if any is waiting. */
  nextDue(windowMs: number): number | undefined {
    let next: number | undefined;
    for (const p of this.runs.values()) next = Math.min(next ?? Infinity, p.since + windowMs);
    return next;
  }

  runIds(): string[] {
    return [...this.runs.keys()];
  }

  has(runId: string): boolean {
    return this.runs.has(runId);
  }

  take(runId: string): PendingRun | undefined {
    const p = this.runs.get(runId);
    this.runs.delete(runId);
    return p;
  }

  /** Puts points back after a failed seal (they are still in the journal). */
  restore(runId: string, p: PendingRun): void {
    const cur = this.runs.get(runId);
    if (!cur) {
      this.runs.set(runId, p);
      return;
    }
    this.runs.set(runId, { seqs: [...p.seqs, ...cur.seqs], parts: [...p.parts, ...cur.parts], points: p.points + cur.points, since: Math.min(p.since, cur.since) });
  }
}
