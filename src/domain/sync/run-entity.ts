// A run as a sync entity (docs/sync-design.md): plain info fields, `tag:<key>` (latest wins, null =
// deleted), `param:<key>` (first logged wins, the others flagged as a conflict) and one
// `input:<name>:<digest>` field per logged dataset (so datasets logged on two peers both stay).
// This file maps a run to fields and folded fields back to the run row every peer stores.
import type { DatasetInput, LifecycleStage, Run, RunStatus } from '../entities';
import { RUN_STATUSES } from '../entities';
import type { MetricSummary } from '../metric-history';
import { LIMITS } from '../validation';
import type { FieldValue, FoldedField } from './slots';
import { MAX_TEXT, isBoundedString, isExperimentId, isParamKey, isTagKey, isTime } from './remote-values';

/** A run row as the sync projection writes it: storage's RunRow without its key, plus the flags
 * of params that were logged with different values on different peers. */
export interface SyncedRun extends Run {
  deletedTime: number | null;
  metricSummaries: Record<string, MetricSummary>;
  /** param key -> the values that lost (first logged wins); absent when there is none */
  paramConflicts?: Record<string, ParamConflict[]>;
}

export interface ParamConflict {
  value: string;
  /** the peer that logged it */
  peer: string;
}

export const TAG = 'tag:';
export const PARAM = 'param:';
export const INPUT = 'input:';

/** The field holding one dataset input: name and digest identify a dataset (MLflow de-duplicates on them). */
export const inputField = (name: string, digest: string): string => `${INPUT}${encodeURIComponent(name)}:${encodeURIComponent(digest)}`;

/** A dataset input on the wire; `order` sorts the run's inputs (creation stamp + index). */
export interface InputValue {
  dataset: { name: string; digest: string; sourceType: string; source: string; schema?: string; profile?: string };
  tags: Array<{ key: string; value: string }>;
  order: string;
}

export function inputValue(d: DatasetInput, order: string): InputValue {
  const { name, digest, sourceType, source, schema, profile } = d.dataset;
  const dataset: InputValue['dataset'] = { name, digest, sourceType, source };
  if (schema !== undefined) dataset.schema = schema;
  if (profile !== undefined) dataset.profile = profile;
  return { dataset, tags: d.tags.map((t) => ({ key: t.key, value: t.value })), order };
}

/** Checks a dataset input from a peer; undefined when anything is off. */
export function parseInputValue(field: string, x: unknown): InputValue | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const v = x as Record<string, unknown>;
  const d = v.dataset as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null || !isBoundedString(v.order, 200) || !Array.isArray(v.tags) || v.tags.length > 1000) return undefined;
  if (!isBoundedString(d.name, LIMITS.datasetName) || !isBoundedString(d.digest, LIMITS.datasetDigest)) return undefined;
  if (!isBoundedString(d.sourceType, MAX_TEXT) || !isBoundedString(d.source, LIMITS.datasetSource)) return undefined;
  if (d.schema !== undefined && !isBoundedString(d.schema, LIMITS.datasetSchema)) return undefined;
  if (d.profile !== undefined && !isBoundedString(d.profile, LIMITS.datasetProfile)) return undefined;
  if (field !== inputField(d.name, d.digest)) return undefined;
  const tags: InputValue['tags'] = [];
  for (const t of v.tags as unknown[]) {
    const { key, value } = (t ?? {}) as Record<string, unknown>;
    if (!isBoundedString(key, LIMITS.inputTagKey) || !isBoundedString(value, LIMITS.inputTagValue)) return undefined;
    tags.push({ key, value });
  }
  const dataset: InputValue['dataset'] = { name: d.name, digest: d.digest, sourceType: d.sourceType, source: d.source };
  if (typeof d.schema === 'string') dataset.schema = d.schema;
  if (typeof d.profile === 'string') dataset.profile = d.profile;
  return { dataset, tags, order: v.order };
}

/** The handler's merge (storage/mutations/runs.ts logInputs): same dataset -> tags updated or added. */
export function mergeInput(existing: InputValue, incoming: DatasetInput): InputValue {
  const tags = existing.tags.map((t) => ({ ...t }));
  for (const t of incoming.tags) {
    const same = tags.find((x) => x.key === t.key);
    if (same) same.value = t.value;
    else tags.push({ key: t.key, value: t.value });
  }
  return { dataset: { ...existing.dataset }, tags, order: existing.order };
}

const isStatus = (x: unknown): x is RunStatus => typeof x === 'string' && (RUN_STATUSES as readonly string[]).includes(x);
const isStage = (x: unknown): x is LifecycleStage => x === 'active' || x === 'deleted';
const isOptionalTime = (x: unknown): boolean => x === null || isTime(x);

/** Whether one field write of a run is acceptable (see slot-filter.ts). Unknown fields are ignored. */
export function checkRunField(field: string, value: FieldValue): boolean {
  switch (field) {
    case 'runName':
    case 'userId':
    case 'artifactUri':
      return isBoundedString(value, MAX_TEXT);
    case 'experimentId':
      return isExperimentId(value);
    case 'status':
      return isStatus(value);
    case 'startTime':
      return isTime(value);
    case 'endTime':
    case 'deletedTime':
      return isOptionalTime(value);
    case 'lifecycleStage':
      return isStage(value);
  }
  if (field.startsWith(TAG)) return isTagKey(field.slice(TAG.length)) && (value === null || isBoundedString(value, LIMITS.tagValue));
  if (field.startsWith(PARAM)) return isParamKey(field.slice(PARAM.length)) && isBoundedString(value, LIMITS.paramValue);
  if (field.startsWith(INPUT)) return parseInputValue(field, value) !== undefined;
  return false;
}

/** Every field of a run as stored (a new run, or an existing one on first share). */
export function runFields(run: Run & { deletedTime?: number | null }, order: string): Record<string, FieldValue> {
  const { info } = run;
  const f: Record<string, FieldValue> = {
    runName: info.runName,
    experimentId: info.experimentId,
    userId: info.userId,
    status: info.status,
    startTime: info.startTime,
    endTime: info.endTime,
    artifactUri: info.artifactUri,
    lifecycleStage: info.lifecycleStage,
    deletedTime: run.deletedTime ?? null,
  };
  for (const [k, v] of Object.entries(run.data.tags)) f[TAG + k] = v;
  for (const [k, v] of Object.entries(run.data.params)) f[PARAM + k] = v;
  run.inputs.datasetInputs.forEach((d, i) => {
    f[inputField(d.dataset.name, d.dataset.digest)] = inputValue(d, orderKey(order, i)) as unknown as FieldValue;
  });
  return f;
}

/** Sort key of the i-th dataset logged under one stamp. */
export const orderKey = (hlc: string, i: number): string => `${hlc}.${i.toString().padStart(4, '0')}`;

/**
 * The run row a folded entity stands for (its slots already filtered by checkRunField), or
 * undefined when a field every run has is missing (an entity seen only in part).
 */
export function runFromFields(runId: string, folded: ReadonlyMap<string, FoldedField>, metricSummaries: Record<string, MetricSummary>): SyncedRun | undefined {
  const get = (f: string): FieldValue | undefined => folded.get(f)?.value;
  const runName = get('runName');
  const experimentId = get('experimentId');
  const userId = get('userId');
  const status = get('status');
  const startTime = get('startTime');
  const artifactUri = get('artifactUri');
  const lifecycleStage = get('lifecycleStage');
  if (typeof runName !== 'string' || typeof experimentId !== 'string' || typeof userId !== 'string' || !isStatus(status)) return undefined;
  if (typeof startTime !== 'number' || typeof artifactUri !== 'string' || !isStage(lifecycleStage)) return undefined;
  const endTime = get('endTime');
  const deletedTime = get('deletedTime');
  const tags: Record<string, string> = {};
  const params: Record<string, string> = {};
  const inputs: InputValue[] = [];
  const inputFields = new Map<InputValue, string>();
  const conflicts: Record<string, ParamConflict[]> = {};
  for (const [field, f] of [...folded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (field.startsWith(TAG) && typeof f.value === 'string') tags[field.slice(TAG.length)] = f.value;
    else if (field.startsWith(PARAM) && typeof f.value === 'string') {
      const key = field.slice(PARAM.length);
      params[key] = f.value;
      const losers = (f.losers ?? []).filter((l) => typeof l.value === 'string');
      if (losers.length > 0) conflicts[key] = losers.map((l) => ({ value: l.value as string, peer: l.peer }));
    } else if (field.startsWith(INPUT)) {
      const input = parseInputValue(field, f.value);
      if (input) {
        inputs.push(input);
        inputFields.set(input, field);
      }
    }
  }
  inputs.sort((a, b) => (a.order !== b.order ? (a.order < b.order ? -1 : 1) : (inputFields.get(a) as string) < (inputFields.get(b) as string) ? -1 : 1));
  const metrics: Record<string, number> = {};
  for (const [key, s] of Object.entries(metricSummaries)) metrics[key] = s.latest;
  const run: SyncedRun = {
    info: {
      runId,
      runName,
      experimentId,
      userId,
      status,
      startTime,
      endTime: typeof endTime === 'number' ? endTime : null,
      artifactUri,
      lifecycleStage,
    },
    data: { metrics, params, tags },
    inputs: { datasetInputs: inputs.map((i) => ({ dataset: i.dataset, tags: i.tags })) },
    deletedTime: typeof deletedTime === 'number' ? deletedTime : null,
    metricSummaries,
  };
  if (Object.keys(conflicts).length > 0) run.paramConflicts = conflicts;
  return run;
}
