// The request-line side of MLflow's scoring protocol: which model a path names, and the content
// types the server accepts (415 with MLflow's wording otherwise).
import type { ModelUri } from '../../domain/models';

export class ScoringHttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** application/json or text/csv, charset utf-8 only, no other parameters. */
export function readContentType(header: string | null): 'json' | 'csv' {
  const [type = '', ...params] = (header ?? '').split(';').map((p) => p.trim());
  if (type !== 'application/json' && type !== 'text/csv') {
    throw new ScoringHttpError(415, `This predictor only supports the following content types: Types: ['text/csv', 'application/json']. Got '${header ?? ''}'.`);
  }
  const others: string[] = [];
  for (const p of params) {
    const [k = '', v = ''] = p.split('=').map((x) => x.trim());
    if (k.toLowerCase() === 'charset') {
      if (v.toLowerCase() !== 'utf-8') throw new ScoringHttpError(415, 'The scoring server only supports UTF-8');
    } else if (k) others.push(k);
  }
  if (others.length > 0) throw new ScoringHttpError(415, `Unrecognized content type parameters: ${others.join(', ')}.`);
  return type === 'application/json' ? 'json' : 'csv';
}

/**
 * /run/<runId>/<artifact path>/invocations -> runs:/ URI; /model/<name>/<ref>/invocations ->
 * models:/ URI (ref: a version number, a stage, latest, or @alias). Anything else -> undefined.
 */
export function invocationTarget(pathname: string): ModelUri | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  if (parts[parts.length - 1] !== 'invocations') return undefined;
  const inner = parts.slice(0, -1);
  // The first 'run' or 'model' segment starts the target (an artifact path may itself hold 'model').
  const at = inner.findIndex((p) => p === 'run' || p === 'model');
  if (at < 0) return undefined;
  const [kind, first, ...rest] = inner.slice(at);
  if (!first) return undefined;
  if (kind === 'run') return { kind: 'runs', runId: first, path: rest.join('/') };
  const ref = rest.join('/');
  if (ref.startsWith('@')) return { kind: 'models', name: first, alias: ref.slice(1) };
  if (ref === 'latest') return { kind: 'models', name: first, latest: true };
  if (/^\d+$/.test(ref)) return { kind: 'models', name: first, version: ref };
  return { kind: 'models', name: first, stage: ref };
}
