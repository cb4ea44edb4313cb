// An experiment as a sync entity in the root document: plain fields plus `tag:<key>` (null =
// deleted). Experiment names are unique in a workspace, but two peers offline can each create or
// rename an experiment to the same name. The rule, the same on every peer: the experiment whose
// name was set first (lowest stamp on its `name` field, then id) keeps the name; each other one is
// shown as "<name> (<experiment id>)" until it is renamed. The documents keep the name each peer
// wrote; only the stored rows differ, so nothing is lost if the first one is renamed later.
import type { Experiment, LifecycleStage } from '../entities';
import { LIMITS } from '../validation';
import type { FieldValue, FoldedField } from './slots';
import { MAX_TEXT, isBoundedString, isTagKey, isTime } from './remote-values';

const TAG = 'tag:';

export function checkExperimentField(field: string, value: FieldValue): boolean {
  switch (field) {
    case 'name':
      return typeof value === 'string' && value.length > 0 && value.length <= LIMITS.experimentName;
    case 'artifactLocation':
      return isBoundedString(value, MAX_TEXT);
    case 'lifecycleStage':
      return value === 'active' || value === 'deleted';
    case 'creationTime':
    case 'lastUpdateTime':
      return isTime(value);
  }
  if (field.startsWith(TAG)) return isTagKey(field.slice(TAG.length)) && (value === null || isBoundedString(value, LIMITS.experimentTagValue));
  return false;
}

export function experimentFields(e: Experiment): Record<string, FieldValue> {
  const f: Record<string, FieldValue> = {
    name: e.name,
    artifactLocation: e.artifactLocation,
    lifecycleStage: e.lifecycleStage,
    creationTime: e.creationTime,
    lastUpdateTime: e.lastUpdateTime,
  };
  for (const [k, v] of Object.entries(e.tags)) f[TAG + k] = v;
  return f;
}

export const experimentTagField = (key: string): string => TAG + key;

/** A folded experiment (slots already filtered), with the stamp of its name for the name rule. */
export interface FoldedExperiment {
  experiment: Experiment;
  nameHlc: string;
}

export function experimentFromFields(experimentId: string, folded: ReadonlyMap<string, FoldedField>): FoldedExperiment | undefined {
  const get = (f: string): FieldValue | undefined => folded.get(f)?.value;
  const name = folded.get('name');
  const artifactLocation = get('artifactLocation');
  const lifecycleStage = get('lifecycleStage');
  const creationTime = get('creationTime');
  const lastUpdateTime = get('lastUpdateTime');
  if (!name || typeof name.value !== 'string' || typeof artifactLocation !== 'string') return undefined;
  if (lifecycleStage !== 'active' && lifecycleStage !== 'deleted') return undefined;
  if (typeof creationTime !== 'number' || typeof lastUpdateTime !== 'number') return undefined;
  const tags: Record<string, string> = {};
  for (const [field, f] of folded) if (field.startsWith(TAG) && typeof f.value === 'string') tags[field.slice(TAG.length)] = f.value;
  const experiment: Experiment = {
    experimentId,
    name: name.value,
    artifactLocation,
    lifecycleStage: lifecycleStage as LifecycleStage,
    creationTime,
    lastUpdateTime,
    tags,
  };
  return { experiment, nameHlc: name.hlc };
}

/**
 * Applies the name rule to all folded experiments of a workspace: returns the experiments with the
 * names their rows get (unique), in a deterministic order.
 */
export function assignExperimentNames(all: readonly FoldedExperiment[]): Experiment[] {
  const ordered = [...all].sort((a, b) =>
    a.nameHlc !== b.nameHlc ? (a.nameHlc < b.nameHlc ? -1 : 1) : a.experiment.experimentId < b.experiment.experimentId ? -1 : 1,
  );
  const taken = new Set<string>();
  const losers: Experiment[] = [];
  const out: Experiment[] = [];
  for (const { experiment } of ordered) {
    if (taken.has(experiment.name)) losers.push(experiment);
    else {
      taken.add(experiment.name);
      out.push(experiment);
    }
  }
  for (const e of losers) {
    let name = `${e.name} (${e.experimentId})`;
    for (let n = 2; taken.has(name); n++) name = `${e.name} (${e.experimentId}) ${n}`;
    taken.add(name);
    out.push({ ...e, name });
  }
  return out;
}
