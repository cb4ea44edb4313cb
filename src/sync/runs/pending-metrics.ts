// Metric points logged here and committed (their logBatch journal entries stay in the journal) but
// not sealed into a chunk yet, per run. Sealing is due after a window (default 2 s from the oldest
// point), at 50,000 points, when the run ends, or on drain(). The window widens as a run keeps
// logging (20 ms per chunk already sealed, up to 60 s): every chunk is a ref in the run's shard
// document forever, and a fixed 2 s window would add ~1,800 refs an hour to a long training run;
// this way an hour of logging makes ~600 and peers still see new points within seconds. Until then projections add these
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

/** How much each sealed chunk widens the run's window, and the widest it gets. */
const WIDEN_PER_CHUNK_MS = 20;
const MAX_WINDOW_MS = 60_000;

export class PendingMetrics {
  private readonly runs = new Map<string, PendingRun>();
  /** chunks sealed per run in this session (the window's widening; a restart starts narrow again) */
  private readonly sealed = new Map<string, number>();

  /** The seal window of a run: the base, widened by the chunks it already sealed. */
  windowOf(runId: string, baseMs: number): number {
    return Math.max(baseMs, Math.min(MAX_WINDOW_MS, (this.sealed.get(runId) ?? 0) * WIDEN_PER_CHUNK_MS));
  }

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
    return [...this.runs].filter(([id, p]) => p.points >= MAX_CHUNK_POINTS || now - p.since >= this.windowOf(id, windowMs)).map(([id]) => id);
  }

  /** When the next run becomes due (ms since epoch), if any is waiting. */
  nextDue(windowMs: number): number | undefined {
    let next: number | undefined;
    for (const [id, p] of this.runs) next = Math.min(next ?? Infinity, p.since + this.windowOf(id, windowMs));
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
    if (p) this.sealed.set(runId, (this.sealed.get(runId) ?? 0) + 1);
    return p;
  }

  /** Puts points back after a failed seal (they are still in the journal). */
  restore(runId: string, p: PendingRun): void {
    const sealed = this.sealed.get(runId) ?? 0;
    if (sealed > 0) this.sealed.set(runId, sealed - 1);
    const cur = this.runs.get(runId);
    if (!cur) {
      this.runs.set(runId, p);
      return;
    }
    this.runs.set(runId, { seqs: [...p.seqs, ...cur.seqs], parts: [...p.parts, ...cur.parts], points: p.points + cur.points, since: Math.min(p.since, cur.since) });
  }
}
