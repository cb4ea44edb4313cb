// Applies folded rows through the mutation layer (origin 'remote', never journalled) in bounded
// batches. A batch refused because a local change is still unpublished (ABORTED) stops the lot:
// the replicator publishes that change and folds again. A mutation that fails on its own is
// reported and skipped rather than retried forever, so one bad row cannot stall sync.
import { MlflowError } from '../domain/errors';
import type { Mutation } from '../domain/mutations';
import type { MutationLayer } from '../storage/mutation-layer';

const BATCH = 500;

const isAborted = (e: unknown): boolean => e instanceof MlflowError && e.errorCode === 'ABORTED';

/** False when refused because the journal moved past `journalSeq` (nothing more was applied). */
export async function applyRemote(layer: MutationLayer, mutations: readonly Mutation[], journalSeq: number | undefined, problem: (text: string) => void): Promise<boolean> {
  const options = journalSeq === undefined ? {} : { unlessJournalAfter: journalSeq };
  for (let i = 0; i < mutations.length; i += BATCH) {
    const part = mutations.slice(i, i + BATCH);
    try {
      await layer.apply(part, 'remote', options);
    } catch (e) {
      if (isAborted(e)) return false;
      for (const m of part) {
        try {
          await layer.apply(m, 'remote', options);
        } catch (e2) {
          if (isAborted(e2)) return false;
          problem(`could not store a remote ${m.type}: ${e2 instanceof Error ? e2.message : String(e2)}`);
        }
      }
    }
  }
  return true;
}
