// Which experiment document holds each run: the one it was created in. `run/move` changes a run's
// experimentId field but never its document, so every later write about the run goes to the same
// place on every peer. Learned from the documents (scans and remote changes) and from local creates.
import { isRunId } from '../../domain/sync/remote-values';
import { entityOfKey } from '../entity-map';

export class RunHomes {
  private readonly homes = new Map<string, string>();

  /** Records the runs of these slot keys of an experiment document's `runs` map. */
  scan(experimentId: string, keys: Iterable<string>): void {
    for (const key of keys) {
      const runId = entityOfKey(key);
      if (runId !== undefined && isRunId(runId) && !this.homes.has(runId)) this.homes.set(runId, experimentId);
    }
  }

  /** Records runs found with slots in an experiment document. */
  add(experimentId: string, runIds: Iterable<string>): void {
    for (const runId of runIds) this.set(runId, experimentId);
  }

  set(runId: string, experimentId: string): void {
    if (!this.homes.has(runId)) this.homes.set(runId, experimentId);
  }

  get(runId: string): string | undefined {
    return this.homes.get(runId);
  }
}
