// One batch of journal entries into the documents, in seq order. Run and experiment changes are
// queued into one entity writer (one Yjs transaction per document for the batch); other adapters
// publish theirs one by one. A logBatch's params and tags go out now, its points wait for their
// seal; a seal marker left by a crash gets its refs written again. An entry whose publish throws
// stays in the journal and is reported in `failed`: the replicator tries it again on a later drain
// (with backoff) while later entries still go out.
import type { Mutation } from '../domain/mutations';
import { isSealMarker } from '../storage/mutations/sync-runs';
import type { JournalRow } from '../storage/schema';
import type { SyncAdapter, SyncContext } from './adapter';
import { EntityWriter } from './runs/entity-writer';
import type { RunsAdapter } from './runs/runs-adapter';

export interface DrainResult {
  /** entries fully written into the documents (delete them once the updates are durable) */
  done: number[];
  /** entries that keep only their points (their params/tags are in the documents now) */
  stripped: Array<[number, Mutation]>;
  /** runs that ended: seal their points now */
  ended: string[];
  /** entries whose publish threw (left in the journal, to try again) */
  failed: number[];
}

export async function drainEntries(
  ctx: SyncContext,
  runs: RunsAdapter,
  adapters: readonly SyncAdapter[],
  rows: ReadonlyArray<JournalRow & { seq: number }>,
  problem: (text: string) => void,
): Promise<DrainResult> {
  const out: DrainResult = { done: [], stripped: [], ended: [], failed: [] };
  const writer = new EntityWriter(ctx.by);
  for (const { seq, mutation: m, at } of rows) {
    // stamped by when it was committed (the drain may come up to a window later)
    const age = Date.now() - at;
    try {
      if (isSealMarker(m)) {
        await runs.republishSeal(ctx, m.runId, m.sealedAs);
        out.done.push(seq);
      } else if (m.type === 'run/logBatch') {
        const meta = m.params.length > 0 || m.tags.length > 0;
        if (meta) await runs.publishInto(ctx, writer, m, ctx.clock.now(age));
        if (m.metrics.length === 0) out.done.push(seq);
        else {
          runs.pending.add(seq, m.runId, m.metrics, at);
          // a replay after a crash then only seals the points
          if (meta) out.stripped.push([seq, { ...m, params: [], tags: [] }]);
        }
      } else if (m.type === 'import/runs') {
        await runs.publishInto(ctx, writer, m, ctx.clock.now(age));
        await runs.publishImportedHistories(ctx, m, at);
        out.done.push(seq);
      } else {
        const ended = endedRun(m);
        if (ended !== undefined) out.ended.push(ended);
        const adapter = adapters.find((a) => a.publishes(m));
        if (adapter === runs) await runs.publishInto(ctx, writer, m, ctx.clock.now(age));
        else if (adapter) {
          writer.flush(); // keep the order of entries across adapters
          await adapter.publish(ctx, m, age);
        }
        out.done.push(seq);
      }
    } catch (e) {
      // Left in the journal and tried again on a later drain; later entries still go out.
      out.failed.push(seq);
      problem(`could not publish ${m.type}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  writer.flush();
  return out;
}

/** The run a mutation ends (no more points will come for it). */
function endedRun(m: Mutation): string | undefined {
  if (m.type === 'run/update' && ((m.status !== undefined && m.status !== 'RUNNING') || (m.endTime !== undefined && m.endTime !== null))) return m.runId;
  if (m.type === 'run/setLifecycle' && m.stage === 'deleted') return m.runId;
  return undefined;
}
