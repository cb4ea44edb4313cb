// Model Registry arguments with MLflow's rules and messages: mlflow/utils/validation.py
// (_validate_model_name, _validate_model_renaming, _validate_model_version,
// _validate_model_alias_name, _validate_registered_model_tag, _validate_model_version_tag,
// _validate_tag_value), mlflow/entities/model_registry/model_version_stages.py
// (get_canonical_stage) and SqlAlchemyStore.transition_model_version_stage's archive check.
import { MlflowError, invalidParameter } from '../errors';
import { validateKey } from '../validation';
import { STAGES, type Stage } from './entities';

export const REGISTRY_LIMITS = {
  tagKey: 250,
  tagValue: 5000,
  alias: 255,
  searchModelsDefault: 100,
  searchModelsMax: 1000,
  searchVersionsDefault: 1000,
  searchVersionsMax: 200_000,
} as const;

/** The stages archive_existing_versions may be used with (DEFAULT_STAGES_FOR_GET_LATEST_VERSIONS). */
export const ACTIVE_STAGES: readonly Stage[] = ['Staging', 'Production'];

const missing = (param: string): MlflowError => invalidParameter(`Missing value for required parameter '${param}'.`);

/** Registered model names: any non-empty string, as in MLflow's SQL store. */
export function validateModelName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw missing('name');
  return name;
}

export function validateNewModelName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw missing('new_name');
  return name;
}

// Python's int(): optional sign and surrounding whitespace, underscores between digits.
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/**
 * A version argument as MLflow's int() check reads it ("3", 3, " 3 ").
 * @example versionNumber('3') // 3
 */
export function versionNumber(version: unknown): number {
  if (typeof version === 'number' && Number.isSafeInteger(version)) return version;
  if (typeof version === 'string' && PY_INT.test(version)) return Number(version.replace(/_/g, '').trim());
  throw invalidParameter(`Parameter 'version' must be an integer, got '${String(version)}'.`);
}

/**
 * A stage in any case -> its canonical spelling (get_canonical_stage).
 * @example canonicalStage('production') // 'Production'
 */
export function canonicalStage(stage: unknown): Stage {
  const key = String(stage).toLowerCase();
  const found = STAGES.find((s) => s.toLowerCase() === key);
  if (found === undefined || typeof stage !== 'string') {
    throw invalidParameter(`Invalid Model Version stage: ${String(stage)}. Value must be one of ${STAGES.join(', ')}.`);
  }
  return found;
}

/** archive_existing_versions only for Staging/Production; MLflow raises this without a code. */
export function checkArchiveExisting(stageAsTyped: string, stage: Stage, archive: boolean): void {
  if (archive && !ACTIVE_STAGES.includes(stage)) {
    throw new MlflowError(
      `Model version transition cannot archive existing model versions because '${stageAsTyped}' is not an Active stage. ` +
        "Valid stages are ['Staging', 'Production']",
      'INTERNAL_ERROR',
    );
  }
}

// Python's \w and \d are Unicode-aware.
const ALIAS = /^[\p{L}\p{N}\p{M}\p{Pc}-]*$/u;
const VERSION_ALIAS = /^[vV]\p{Nd}+$/u;

/**
 * Alias names: alphanumerics, `_` and `-`, at most 255 characters, never `latest` (any case) or
 * `v<digits>`, which models:/ URIs would read as a version.
 */
export function validateAlias(alias: unknown): string {
  if (alias === undefined || alias === null || alias === '') throw invalidParameter('Registered model alias name cannot be empty.');
  const text = String(alias);
  if (typeof alias !== 'string' || !ALIAS.test(text)) {
    throw invalidParameter(`Invalid alias name: '${text}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`);
  }
  if (text.length > REGISTRY_LIMITS.alias) {
    throw invalidParameter(`'Registered model alias name' exceeds the maximum length of ${REGISTRY_LIMITS.alias} characters`);
  }
  if (text.toLowerCase() === 'latest') throw invalidParameter("'latest' alias name (case insensitive) is reserved.");
  if (VERSION_ALIAS.test(text)) throw invalidParameter(`Version alias name '${text}' is reserved.`);
  return text;
}

function tagLength(field: 'key' | 'value', limit: number, text: string): void {
  if (text.length > limit) throw invalidParameter(`'${field}' exceeds the maximum length of ${limit} characters`);
}

/** Registered model tags: a tag name as for runs, key <= 250, value <= 5000 (an absent value is ""). */
export function validateRegisteredModelTag(key: unknown, value: unknown): { key: string; value: string } {
  const k = validateKey('tag', key);
  const v = value === undefined || value === null ? '' : String(value);
  tagLength('key', REGISTRY_LIMITS.tagKey, k);
  tagLength('value', REGISTRY_LIMITS.tagValue, v);
  return { key: k, value: v };
}

/** Model version tags: as registered model tags, but the value must be given. */
export function validateModelVersionTag(key: unknown, value: unknown): { key: string; value: string } {
  const k = validateKey('tag', key);
  if (value === undefined || value === null) throw invalidParameter('Tag value cannot be None');
  const v = String(value);
  tagLength('key', REGISTRY_LIMITS.tagKey, k);
  tagLength('value', REGISTRY_LIMITS.tagValue, v);
  return { key: k, value: v };
}

/** Tags given as a record, each checked; later keys win as in MLflow's dict building. */
export function validateTagRecord(
  tags: Record<string, unknown> | undefined,
  check: (key: unknown, value: unknown) => { key: string; value: string },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) {
    const t = check(k, v);
    Object.defineProperty(out, t.key, { value: t.value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** search_* max_results: a positive integer up to the API's threshold (SqlAlchemyStore). */
export function validateRegistryMaxResults(maxResults: unknown, fallback: number, limit: number): number {
  if (maxResults === undefined || maxResults === null) return fallback;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1) {
    throw invalidParameter(`Invalid value for max_results. It must be a positive integer, but got ${String(maxResults)}`);
  }
  if (maxResults > limit) {
    throw invalidParameter(`Invalid value for request parameter max_results. It must be at most ${limit}, but got value ${maxResults}`);
  }
  return maxResults;
}
