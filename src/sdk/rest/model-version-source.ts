// Which sources model-versions/create accepts (mlflow/server/handlers.py `_validate_source_run`,
// `_validate_non_local_source_contains_relative_paths`): a local path only with a run_id whose local
// artifact directory contains it; any other URI only as an absolute path without `.`/`..` segments,
// even when percent-encoded. Prompt versions are not checked. Paths are compared lexically (MLflow
// resolves them on the server's disk, which a browser workspace does not have).
import { invalidParameter } from '../../domain/errors';
import type { MlflowClient } from '../client';

const IS_PROMPT_TAG = 'mlflow.prompt.is_prompt';

/** Schemes whose last path segment urllib.parse.urlparse splits `;params` from. */
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

interface ParsedUri {
  scheme: string;
  path: string;
}

/** urllib.parse.urlparse's scheme and path. */
function parseUri(uri: string): ParsedUri {
  const m = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(uri);
  const scheme = m?.[1]?.toLowerCase() ?? '';
  let rest = m ? uri.slice(m[0].length) : uri;
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    rest = end < 0 ? '' : rest.slice(2 + end);
  }
  let path = rest.split('#', 1)[0]?.split('?', 1)[0] ?? '';
  const lastSlash = path.lastIndexOf('/');
  const semicolon = path.indexOf(';', lastSlash + 1);
  if (USES_PARAMS.has(scheme) && semicolon >= 0) path = path.slice(0, semicolon);
  return { scheme, path };
}

/** urllib.parse.unquote_plus: invalid escapes stay as they are, invalid UTF-8 becomes U+FFFD. */
function unquotePlus(s: string): string {
  return s.replace(/\+/g, ' ').replace(/(%[0-9A-Fa-f]{2})+/g, (run) =>
    new TextDecoder().decode(Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16))),
  );
}

function isLocalUri(uri: string): boolean {
  const { scheme } = parseUri(uri);
  return scheme === '' || scheme === 'file';
}

/** A local URI's path with `.`, `..` and repeated slashes resolved lexically. */
function localPath(uri: string): string {
  const { scheme, path } = parseUri(uri);
  const raw = scheme === 'file' ? unquotePlus(path.replace(/\+/g, '%2B')) : uri;
  const out: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (raw.startsWith('/') ? '/' : '') + out.join('/');
}

function checkNoRelativeParts(original: string): void {
  let source = original;
  for (let next = unquotePlus(source); next !== source; next = unquotePlus(source)) source = next;
  const sourcePath = parseUri(source).path.replace(/\/+$/, '').replace(/\/+/g, '/');
  const resolvable = sourcePath.startsWith('/') && !sourcePath.split('/').includes('.');
  if (sourcePath.includes('\0') || source.split('/').includes('..') || !resolvable) {
    throw invalidParameter(
      `Invalid model version source: '${original}'. If supplying a source as an http, https, ` +
        'local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be ' +
        'provided without relative path references present. Please provide an absolute path.',
    );
  }
}

export async function checkModelVersionSource(
  client: MlflowClient,
  source: string,
  runId: string,
  tags: Record<string, string>,
): Promise<void> {
  if (tags[IS_PROMPT_TAG] !== undefined) return;
  if (!isLocalUri(source)) return checkNoRelativeParts(source);
  let shown = source;
  if (runId) {
    const run = await client.getRun(runId);
    shown = localPath(source);
    const artifactUri = run.info.artifactUri;
    if (isLocalUri(artifactUri)) {
      const dir = localPath(artifactUri);
      if (shown === dir || shown.startsWith(dir.endsWith('/') ? dir : `${dir}/`)) return;
    }
  }
  throw invalidParameter(
    `Invalid model version source: '${shown}'. To use a local path as a model version source, ` +
      'the run_id request parameter has to be specified and the local path has to be contained ' +
      'within the artifact directory of the run specified by the run_id.',
  );
}
