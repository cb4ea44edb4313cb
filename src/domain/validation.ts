// Input validation with MLflow's rules and messages (mlflow/utils/validation.py, MLflow 3.6 line:
// colon allowed in names, run tag values up to 8000 characters).
import { invalidParameter } from './errors';
import type { Dataset, DatasetInput, Metric } from './entities';

export const LIMITS = {
  entityKey: 250,
  paramValue: 6000,
  tagValue: 8000,
  experimentName: 500,
  experimentTagKey: 250,
  experimentTagValue: 5000,
  artifactLocation: 2048,
  batchMetrics: 1000,
  batchParamsOrTags: 100,
  batchEntities: 1000,
  batchRequestBytes: 1_000_000,
  searchMaxResults: 50_000,
  datasetName: 500,
  datasetDigest: 36,
  datasetSource: 65_535,
  datasetSchema: 1_048_575,
  datasetProfile: 16_777_215,
  inputTagKey: 255,
  inputTagValue: 500,
} as const;

// Python's `\w` is Unicode-aware; \p{L}\p{N}\p{M}\p{Pc} is its JavaScript equivalent.
const VALID_NAME = /^[/\p{L}\p{N}\p{M}\p{Pc}.\- :]*$/u;
const RUN_ID = /^[a-zA-Z0-9][\p{L}\p{N}\p{M}\p{Pc}-]{0,255}$/u;
const BAD_CHARACTERS =
  'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).';

/** posixpath.normpath, which MLflow uses to refuse names that would alias other names as files. */
export function posixNormalize(path: string): string {
  if (path === '') return '.';
  const absolute = path.startsWith('/');
  // POSIX keeps exactly two leading slashes; three or more collapse to one.
  const leading = absolute ? (path.startsWith('//') && !path.startsWith('///') ? '//' : '/') : '';
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = leading + out.join('/');
  return joined === '' ? '.' : joined;
}

function pathNotUnique(name: string): boolean {
  const norm = posixNormalize(name);
  return norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/');
}

type KeyKind = 'metric' | 'parameter' | 'tag';

// A training loop logs the same few keys millions of times: remember names already accepted
// so the regex and path checks run once per key, not once per point.
const acceptedKeys: Record<KeyKind, Set<string>> = { metric: new Set(), parameter: new Set(), tag: new Set() };
const MAX_REMEMBERED_KEYS = 10_000;

export function validateKey(kind: KeyKind, name: unknown): string {
  if (typeof name === 'string' && acceptedKeys[kind].has(name)) return name;
  const valid = checkKey(kind, name);
  if (acceptedKeys[kind].size < MAX_REMEMBERED_KEYS) acceptedKeys[kind].add(valid);
  return valid;
}

function checkKey(kind: KeyKind, name: unknown): string {
  const label = kind === 'metric' ? 'Metric' : kind === 'parameter' ? 'Parameter' : 'Tag';
  if (name === undefined || name === null) {
    throw invalidParameter(`${label} name cannot be None. A key name must be provided.`);
  }
  if (typeof name !== 'string') {
    throw invalidParameter(`Invalid ${kind} name: '${String(name)}'. Expected a string.`);
  }
  if (!VALID_NAME.test(name)) throw invalidParameter(`Invalid ${kind} name: '${name}'. ${BAD_CHARACTERS}`);
  if (pathNotUnique(name)) {
    throw invalidParameter(
      `Invalid ${kind} name: '${name}'. Names may be treated as files in certain cases, and must not ` +
        `resolve to other names when treated as such. This name would resolve to '${posixNormalize(name)}'`,
    );
  }
  return name;
}

/** MLflow truncates over-long param and tag values (MLFLOW_TRUNCATE_LONG_VALUES defaults to true). */
export function limitLength(entity: string, limit: number, value: string, truncate = false): string {
  if (value.length <= limit) return value;
  if (truncate) return value.slice(0, limit);
  throw invalidParameter(
    `${entity} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`,
  );
}

function stringValue(entity: string, value: unknown): string {
  if (typeof value === 'string') return value;
  // MLflow's clients str() numbers and booleans before sending params and tags.
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  throw invalidParameter(`${entity} must be a string, got ${typeof value}.`);
}

export function validateParam(key: unknown, value: unknown): { key: string; value: string } {
  const k = limitLength('Param key', LIMITS.entityKey, validateKey('parameter', key));
  return { key: k, value: limitLength('Param value', LIMITS.paramValue, stringValue('Param value', value), true) };
}

export function validateTag(key: unknown, value: unknown): { key: string; value: string } {
  const k = limitLength('Tag key', LIMITS.entityKey, validateKey('tag', key));
  return { key: k, value: limitLength('Tag value', LIMITS.tagValue, stringValue('Tag value', value), true) };
}

export function validateExperimentTag(key: unknown, value: unknown): { key: string; value: string } {
  const k = limitLength('Tag key', LIMITS.experimentTagKey, validateKey('tag', key));
  return { key: k, value: limitLength('Tag value', LIMITS.experimentTagValue, stringValue('Tag value', value)) };
}

export function validateMetric(key: unknown, value: unknown, timestamp: unknown, step: unknown): Metric {
  const k = validateKey('metric', key);
  if (typeof value !== 'number') {
    throw invalidParameter(
      `Got invalid value ${String(value)} for metric '${k}' (timestamp=${String(timestamp)}). ` +
        'Please specify value as a valid double (64-bit floating point)',
    );
  }
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0) {
    throw invalidParameter(
      `Got invalid timestamp ${String(timestamp)} for metric '${k}' (value=${value}). ` +
        'Timestamp must be a nonnegative long (64-bit integer) ',
    );
  }
  if (typeof step !== 'number' || !Number.isFinite(step)) {
    throw invalidParameter(
      `Got invalid step ${String(step)} for metric '${k}' (value=${value}). Step must be a valid long (64-bit integer).`,
    );
  }
  limitLength('Metric name', LIMITS.entityKey, k);
  // int64 on the wire: fractional timestamps/steps are truncated like protobuf's int64 parsing.
  return { key: k, value, timestamp: Math.trunc(timestamp), step: Math.trunc(step) };
}

export function validateExperimentName(name: unknown): string {
  if (name === '' || name === undefined || name === null) {
    throw invalidParameter(`Invalid experiment name: '${name === undefined || name === null ? 'None' : ''}'`);
  }
  if (typeof name !== 'string') throw invalidParameter(`Invalid experiment name: ${String(name)}. Expects a string.`);
  if (name.length > LIMITS.experimentName) {
    throw invalidParameter(`Experiment name exceeds the maximum length of ${LIMITS.experimentName} characters`);
  }
  return name;
}

export function validateRunId(runId: unknown): string {
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) throw invalidParameter(`Invalid run ID: '${String(runId)}'`);
  return runId;
}

export function validateArtifactLocation(location: string): string {
  if (location.startsWith('runs:')) {
    throw invalidParameter(`Artifact location cannot be a runs:/ URI. Given: '${location}'`);
  }
  if (location.length > LIMITS.artifactLocation) {
    throw invalidParameter(`Invalid artifact location: longer than ${LIMITS.artifactLocation} characters.`);
  }
  return location;
}

function batchLimit(entity: string, limit: number, length: number): void {
  if (length > limit) {
    throw invalidParameter(
      `A batch logging request can contain at most ${limit} ${entity}. Got ${length} ${entity}. ` +
        `Please split up ${entity} across multiple requests and try again.`,
    );
  }
}

export function validateBatchLimits(metrics: number, params: number, tags: number): void {
  batchLimit('metrics', LIMITS.batchMetrics, metrics);
  batchLimit('params', LIMITS.batchParamsOrTags, params);
  batchLimit('tags', LIMITS.batchParamsOrTags, tags);
  batchLimit('metrics, params, and tags', LIMITS.batchEntities, metrics + params + tags);
}

export function validateParamKeysUnique(keys: string[]): void {
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const k of keys) {
    if (seen.has(k)) dupes.push(k);
    seen.add(k);
  }
  if (dupes.length > 0) {
    throw invalidParameter(
      `Duplicate parameter keys have been submitted: [${dupes.map((d) => `'${d}'`).join(', ')}]. ` +
        'Please ensure the request contains only one param value per param key.',
    );
  }
}

function maxLen(entity: string, limit: number, value: string | undefined): void {
  if (value !== undefined && value.length > limit) {
    throw invalidParameter(`${entity} exceeds the maximum length of ${limit}`);
  }
}

export function validateDatasetInput(input: DatasetInput): void {
  const d: Partial<Dataset> | undefined = input?.dataset;
  if (!d) throw invalidParameter('Dataset cannot be None');
  for (const field of ['name', 'digest', 'sourceType', 'source'] as const) {
    if (typeof d[field] !== 'string') {
      const pyName = field === 'sourceType' ? 'source_type' : field;
      throw invalidParameter(`Dataset ${pyName} cannot be None`);
    }
  }
  maxLen('Dataset name', LIMITS.datasetName, d.name);
  maxLen('Dataset digest', LIMITS.datasetDigest, d.digest);
  maxLen('Dataset source', LIMITS.datasetSource, d.source);
  maxLen('Dataset schema', LIMITS.datasetSchema, d.schema);
  maxLen('Dataset profile', LIMITS.datasetProfile, d.profile);
  for (const tag of input.tags ?? []) {
    if (typeof tag?.key !== 'string') throw invalidParameter('InputTag key cannot be None');
    if (typeof tag.value !== 'string') throw invalidParameter('InputTag value cannot be None');
    maxLen('InputTag key', LIMITS.inputTagKey, tag.key);
    maxLen('InputTag value', LIMITS.inputTagValue, tag.value);
  }
}
