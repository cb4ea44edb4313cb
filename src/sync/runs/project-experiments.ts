// The root document's experiments into experiment rows. Any change folds all experiments again
// (a workspace has few; the name rule needs all of them at once) and writes the rows that differ.
import type * as Y from 'yjs';
import type { Activity } from '../adapter';
import type { Mutation } from '../../domain/mutations';
import { assignExperimentNames, checkExperimentField, experimentFromFields, type FoldedExperiment } from '../../domain/sync/experiment-entity';
import { parseHlc } from '../../domain/sync/hlc';
import { isExperimentId } from '../../domain/sync/remote-values';
import { sameValue } from '../../domain/sync/same-value';
import { filterSlots } from '../../domain/sync/slot-filter';
import { foldEntity } from '../../domain/sync/slots';
import type { WorkspaceDb } from '../../storage/schema';
import { slotIndex } from '../entity-map';
import { latestWrite } from './latest-write';
import { EXPERIMENTS } from './maps';

export interface ExperimentProjection {
  mutations: Mutation[];
  activity: Activity[];
  /** highest stamp seen, for the clock */
  maxHlc: string | undefined;
  problems: string[];
}

export async function projectExperiments(db: WorkspaceDb, root: Y.Doc, me: string): Promise<ExperimentProjection> {
  const map = root.getMap(EXPERIMENTS);
  const folded: FoldedExperiment[] = [];
  const writers = new Map<string, { peer: string; user: string; hlc: string }>();
  const problems: string[] = [];
  let maxHlc: string | undefined;
  for (const [id, keys] of slotIndex(map)) {
    if (!isExperimentId(id)) {
      problems.push(`ignored an experiment with an invalid id from another peer`);
      continue;
    }
    const { slots, refused } = filterSlots(keys.map((k) => map.get(k)), checkExperimentField);
    if (refused > 0) problems.push(`ignored ${refused} malformed field(s) of experiment ${id}`);
    const fields = foldEntity(slots);
    const e = experimentFromFields(id, fields);
    // Not all of it here yet (its creation is still on the way): stored once it is complete.
    if (!e) continue;
    folded.push(e);
    const w = latestWrite(fields, slots);
    if (w) {
      writers.set(id, w);
      if (maxHlc === undefined || w.hlc > maxHlc) maxHlc = w.hlc;
    }
  }
  const rows = new Map((await db.experiments.toArray()).map((r) => [r.experimentId, r]));
  const mutations: Mutation[] = [];
  const activity: Activity[] = [];
  for (const experiment of assignExperimentNames(folded)) {
    const row = rows.get(experiment.experimentId);
    if (row && sameValue(row, experiment)) continue;
    mutations.push({ type: 'sync/putExperiment', experiment });
    const w = writers.get(experiment.experimentId);
    if (w && w.peer !== me) {
      const verb = !row ? 'created' : row.lifecycleStage !== experiment.lifecycleStage ? (experiment.lifecycleStage === 'deleted' ? 'deleted' : 'restored') : 'changed';
      activity.push({ at: parseHlc(w.hlc)?.wall ?? 0, peer: w.peer, user: w.user, text: `${w.user || w.peer} ${verb} experiment "${experiment.name}"`, href: `/experiments/${experiment.experimentId}` });
    }
  }
  return { mutations, activity, maxHlc, problems };
}
