// Runs of an experiment, held in memory once read, so searching 10,000 runs costs a filter and
// a sort rather than reading every row out of IndexedDB each time. It is a read-through cache of
// the runs table, never a second source of truth: committed mutations (from this tab and, via
// the mutation layer's channel, other tabs) re-read exactly the rows they touched.
import type { MutationEffect } from '../domain/mutations';
import type { MutationLayer } from './mutation-layer';
import type { RunRow, WorkspaceDb } from './schema';

export class RunCache {
  private readonly byExperiment = new Map<string, Map<string, RunRow>>();
  private readonly loading = new Map<string, Promise<Map<string, RunRow>>>();
  private pending: Promise<void> = Promise.resolve();
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly db: WorkspaceDb, layer: MutationLayer) {
    const refresh = (effect: MutationEffect): void => {
      this.pending = this.pending.then(() => this.reload(effect.runIds));
    };
    this.unsubscribe = [layer.onMutation((_m, effect) => refresh(effect)), layer.onOtherTab(refresh)];
  }

  /** All runs (any lifecycle stage) of the given experiments. */
  async runsOf(experimentIds: readonly string[]): Promise<RunRow[]> {
    await this.pending;
    const out: RunRow[] = [];
    for (const id of new Set(experimentIds)) {
      const runs = await this.experiment(id);
      for (const r of runs.values()) out.push(r);
    }
    return out;
  }

  private experiment(id: string): Promise<Map<string, RunRow>> {
    const cached = this.byExperiment.get(id);
    if (cached) return Promise.resolve(cached);
    let p = this.loading.get(id);
    if (!p) {
      p = this.db.runs.where('info.experimentId').equals(id).toArray().then((rows) => {
        const map = new Map(rows.map((r) => [r.runId, r] as const));
        this.byExperiment.set(id, map);
        this.loading.delete(id);
        return map;
      });
      this.loading.set(id, p);
    }
    return p;
  }

  private async reload(runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    const rows = await this.db.runs.bulkGet([...runIds]);
    runIds.forEach((id, i) => {
      for (const map of this.byExperiment.values()) map.delete(id);
      const row = rows[i];
      if (row) this.byExperiment.get(row.info.experimentId)?.set(id, row);
    });
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
    this.byExperiment.clear();
  }
}
