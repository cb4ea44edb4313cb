// Artifact paths are relative POSIX paths inside a run's artifact root. MLflow refuses `..`
// (mlflow/utils/uri.py `validate_path_is_safe`); we also refuse what would let two spellings
// name one file (empty segments, `.`), absolute and Windows-drive paths, backslashes, and
// percent-encoded traversal (`%2e%2e`, `%2f`), because paths arrive from URLs and zip entries too.
import { invalidParameter } from './errors';

const FORBIDDEN_ENCODED = /%(2e|2f|5c|00)/i;

/**
 * Returns the normalised path ('' for the root) or throws INVALID_PARAMETER_VALUE.
 * @example normaliseArtifactPath('plots/loss.png') // 'plots/loss.png'
 */
export function normaliseArtifactPath(path: string | undefined | null, { allowRoot = true } = {}): string {
  if (path === undefined || path === null || path === '' || path === '.') {
    if (allowRoot) return '';
    throw invalidParameter('Artifact path must not be empty.');
  }
  if (typeof path !== 'string') throw invalidParameter('Artifact path must be a string.');
  const reject = (why: string): never => {
    throw invalidParameter(`Invalid artifact path: '${path}'. ${why}`);
  };
  if (path.includes('\0')) reject('It contains a NUL character.');
  if (FORBIDDEN_ENCODED.test(path)) reject('Percent-encoded dots, slashes and backslashes are not allowed.');
  if (path.includes('\\')) reject('Use forward slashes.');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) reject('It must be relative to the run\'s artifact root.');
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const segments = trimmed.split('/');
  for (const s of segments) {
    if (s === '..') reject("It must not contain '..'.");
    if (s === '' || s === '.') reject('It must not contain empty or "." segments.');
  }
  return segments.join('/');
}

export function joinArtifactPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
