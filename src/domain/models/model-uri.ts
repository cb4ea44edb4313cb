// Model URIs, after mlflow/store/artifact/utils/models.py `_parse_model_uri` (models:/name/3,
// models:/name/Production, models:/name/latest, models:/name@alias, MLflow 3's models:/<model_id>)
// and runs_artifact_repo.py `parse_runs_uri` (runs:/<run_id>/path), with urllib's urlparse
// splitting and MLflow's messages. Stages are checked and canonicalised here, as the registry's
// get_canonical_stage would; `..` and percent-encoded traversal are refused anywhere in the path.
import { normaliseArtifactPath } from '../artifact-path';
import { invalidParameter } from '../errors';

export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;

export type ModelUri =
  | { kind: 'runs'; runId: string; path: string }
  | { kind: 'models'; name: string; version?: string; stage?: string; alias?: string; latest?: boolean }
  /** MLflow 3: `models:/<model_id>`, a logged model by id (`m-...`). */
  | { kind: 'logged-model'; modelId: string };

const RUNS_FORM = "Runs URIs must be of the form 'runs:/<run_id>/run-relative/path/to/artifact'";
const TRAVERSAL = /%(2e|2f|5c|00)/i;

function improperModelsUri(uri: string, why = ''): Error {
  return invalidParameter(
    `Not a proper models:/ URI: ${uri}. Models URIs must be of the form 'models:/model_name/suffix' or 'models:/model_name@alias' where suffix is a model version, stage, ` +
      `or the string 'latest' and where alias is a registered model alias. Only one of suffix or alias can be defined at a time.${why}`,
  );
}

/** urllib.parse.urlsplit's pieces: scheme (lower-cased), netloc and path (query and fragment dropped). */
function split(uri: string, allowFragments: boolean): { scheme: string; netloc: string; path: string } {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(uri);
  if (!m) return { scheme: '', netloc: '', path: uri };
  let rest = m[2] ?? '';
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  if (allowFragments && rest.includes('#')) rest = rest.slice(0, rest.indexOf('#'));
  if (rest.includes('?')) rest = rest.slice(0, rest.indexOf('?'));
  return { scheme: (m[1] ?? '').toLowerCase(), netloc, path: rest };
}

function checkSegment(uri: string, segment: string, what: string): void {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape cannot decode to a traversal; the raw text is checked below.
  }
  if (TRAVERSAL.test(segment) || decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) {
    throw invalidParameter(`Invalid model URI '${uri}': the ${what} '${segment}' is not allowed ('..', '.', slashes and their percent-encodings would leave the model's location).`);
  }
}

function parseRunsUri(uri: string, netloc: string, path: string): ModelUri {
  const improper = (why = '') => invalidParameter(`Not a proper runs:/ URI: ${uri}. ${RUNS_FORM}${why}`);
  if (netloc !== '') throw improper(' (a runs://<profile>/ URI names a remote tracking server, which Orchard does not have)');
  if (!path.startsWith('/') || path.length <= 1) throw improper();
  const [runId = '', ...rest] = path.slice(1).split('/');
  if (runId === '') throw improper();
  checkSegment(uri, runId, 'run id');
  return { kind: 'runs', runId, path: normaliseArtifactPath(rest.join('/')) };
}

function parseModelsUri(uri: string, netloc: string, path: string): ModelUri {
  if (netloc !== '') throw improperModelsUri(uri, ' (a models://<profile>/ URI names a remote registry, which Orchard does not have)');
  if (!path.startsWith('/') || path.length <= 1) throw improperModelsUri(uri);
  const parts = path.replace(/^\/+/, '').split('/');
  const [name = '', suffix] = parts;
  if (parts.length > 2 || name.trim() === '') throw improperModelsUri(uri);
  if (suffix !== undefined) {
    if (suffix.trim() === '') throw improperModelsUri(uri);
    checkSegment(uri, name, 'model name');
    if (/^[0-9]+$/.test(suffix)) return { kind: 'models', name, version: suffix };
    if (suffix.toLowerCase() === 'latest') return { kind: 'models', name, latest: true };
    const stage = MODEL_STAGES.find((s) => s.toLowerCase() === suffix.toLowerCase());
    if (!stage) throw invalidParameter(`Invalid Model Version stage: ${suffix}. Value must be one of ${MODEL_STAGES.join(', ')}.`);
    return { kind: 'models', name, stage };
  }
  if (name.includes('@')) {
    const at = name.lastIndexOf('@');
    const [model, alias] = [name.slice(0, at), name.slice(at + 1)];
    if (alias.trim() === '' || model.trim() === '') throw improperModelsUri(uri);
    checkSegment(uri, model, 'model name');
    checkSegment(uri, alias, 'alias');
    return { kind: 'models', name: model, alias };
  }
  checkSegment(uri, name, 'model id');
  return { kind: 'logged-model', modelId: name };
}

/**
 * @example parseModelUri('models:/churn/production') // { kind: 'models', name: 'churn', stage: 'Production' }
 * @example parseModelUri('runs:/4f2c.../model') // { kind: 'runs', runId: '4f2c...', path: 'model' }
 */
export function parseModelUri(uri: string): ModelUri {
  if (typeof uri !== 'string') throw invalidParameter(`A model URI must be a string, got ${typeof uri}.`);
  const models = split(uri, false);
  if (models.scheme === 'models') return parseModelsUri(uri, models.netloc, models.path);
  const runs = split(uri, true);
  if (runs.scheme === 'runs') return parseRunsUri(uri, runs.netloc, runs.path);
  throw invalidParameter(
    `Unsupported model URI '${uri}'. Orchard loads models from runs:/<run_id>/<path>, models:/<name>/<version|stage|latest>, models:/<name>@<alias> and models:/<model_id>.`,
  );
}

/**
 * The URI text for a ModelUri; throws when the parts would not parse back to the same URI.
 * @example formatModelUri({ kind: 'models', name: 'churn', alias: 'champion' }) // 'models:/churn@champion'
 */
export function formatModelUri(uri: ModelUri): string {
  let text: string;
  if (uri.kind === 'runs') text = `runs:/${uri.runId}${uri.path ? `/${uri.path}` : ''}`;
  else if (uri.kind === 'logged-model') text = `models:/${uri.modelId}`;
  else {
    const suffixes = [uri.version, uri.stage, uri.alias, uri.latest ? 'latest' : undefined].filter((s) => s !== undefined);
    if (suffixes.length !== 1) throw invalidParameter('A models:/ URI names exactly one of a version, a stage, an alias or latest.');
    text = uri.alias !== undefined ? `models:/${uri.name}@${uri.alias}` : `models:/${uri.name}/${suffixes[0] ?? ''}`;
  }
  const back = parseModelUri(text);
  const same =
    back.kind === 'runs' && uri.kind === 'runs'
      ? back.runId === uri.runId && back.path === normaliseArtifactPath(uri.path)
      : back.kind === 'logged-model' && uri.kind === 'logged-model'
        ? back.modelId === uri.modelId
        : back.kind === 'models' && uri.kind === 'models' &&
          back.name === uri.name && back.version === uri.version && back.alias === uri.alias &&
          back.stage?.toLowerCase() === uri.stage?.toLowerCase() && Boolean(back.latest) === Boolean(uri.latest);
  if (!same) throw invalidParameter(`The URI parts do not make a well-formed URI: ${text}`);
  return text;
}
