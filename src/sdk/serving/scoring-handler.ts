// MLflow's scoring server protocol (mlflow/pyfunc/scoring_server/__init__.py) as a function from
// Request to Response, so the same code answers in Node tests, in a page, and behind the service
// worker: GET /ping, /health, /version; POST /run/<runId>/<artifactPath>/invocations and
// /model/<name>/<version|stage|@alias|latest>/invocations.
import { MlflowError } from '../../domain/errors';
import { formatModelUri } from '../../domain/models';
import { parseCsvPayload, parseJsonPayload } from '../../domain/serving/scoring-payload';
import { payloadToModelInput } from '../../domain/serving/payload-input';
import { loadModel, type LoadedModel } from '../models/load-model';
import { MLFLOW_VERSION } from '../models/environment';
import type { Workspace } from '../workspace';
import { invocationTarget, readContentType, ScoringHttpError } from './scoring-request';

/** Requests above this are refused before parsing (a 50 MB body must not stall the tab). */
export const MAX_SCORING_BODY_BYTES = 16 * 1024 * 1024;

const json = (body: string, status = 200): Response => new Response(body, { status, headers: { 'Content-Type': 'application/json' } });

/** JSON with NaN and ±Infinity as bare tokens, the way MLflow's server emits them. */
export function predictionsJson(predictions: unknown): string {
  const marks = new Map<string, string>([['NaN', 'NaN'], ['Infinity', 'Infinity'], ['-Infinity', '-Infinity']]);
  const text = JSON.stringify({ predictions }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${String(v)}\u0000` : typeof v === 'bigint' ? Number(v) : v));
  return text.replace(/"\u0000(NaN|Infinity|-Infinity)\u0000"/g, (_m, t: string) => marks.get(t) ?? t);
}

function errorResponse(e: unknown): Response {
  if (e instanceof ScoringHttpError) return new Response(e.message, { status: e.status, headers: { 'Content-Type': 'text/plain' } });
  if (e instanceof MlflowError) {
    const status = e.errorCode === 'RESOURCE_DOES_NOT_EXIST' ? 404 : e.errorCode === 'NOT_IMPLEMENTED' ? 501 : e.httpStatus >= 500 ? 400 : e.httpStatus;
    return json(JSON.stringify({ error_code: e.errorCode, message: e.message }), status);
  }
  return json(JSON.stringify({ error_code: 'BAD_REQUEST', message: `Encountered an unexpected error while evaluating the model. Verify that the serialized input Dataframe is compatible with the model for inference. Error: ${(e as Error)?.message ?? String(e)}` }), 400);
}

/**
 * @example
 * const score = createScoringHandler(await openWorkspace());
 * const res = await score(new Request('http://x/run/<runId>/model/invocations', { method: 'POST',
 *   headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ inputs: [[5.1, 3.5, 1.4, 0.2]] }) }));
 */
export function createScoringHandler(ws: Workspace): (request: Request) => Promise<Response> {
  const models = new Map<string, Promise<LoadedModel>>();
  // A model re-logged at the same path must not be served from a stale cache.
  ws.onChange(() => models.clear());
  const model = (uri: string): Promise<LoadedModel> => {
    let m = models.get(uri);
    if (!m) {
      m = loadModel(ws, uri);
      m.catch(() => models.delete(uri));
      models.set(uri, m);
    }
    return m;
  };

  return async (request) => {
    const url = new URL(request.url);
    try {
      if (request.method === 'GET' && (url.pathname.endsWith('/ping') || url.pathname.endsWith('/health'))) return json('\n');
      if (request.method === 'GET' && url.pathname.endsWith('/version')) return new Response(MLFLOW_VERSION, { status: 200 });
      const target = invocationTarget(url.pathname);
      if (!target) return json(JSON.stringify({ error_code: 'ENDPOINT_NOT_FOUND', message: `No scoring route at ${url.pathname}` }), 404);
      if (request.method !== 'POST') return json(JSON.stringify({ error_code: 'BAD_REQUEST', message: 'invocations accepts POST only' }), 405);
      const kind = readContentType(request.headers.get('Content-Type'));
      const declared = Number(request.headers.get('Content-Length') ?? '0');
      if (declared > MAX_SCORING_BODY_BYTES) throw new MlflowError(`Request body of ${(declared / 1024 / 1024).toFixed(1)} MB exceeds the ${MAX_SCORING_BODY_BYTES / 1024 / 1024} MB limit; score large files in batches.`, 'BAD_REQUEST');
      const text = await request.text();
      if (text.length > MAX_SCORING_BODY_BYTES) throw new MlflowError(`Request body of ${(text.length / 1024 / 1024).toFixed(1)} MB exceeds the ${MAX_SCORING_BODY_BYTES / 1024 / 1024} MB limit; score large files in batches.`, 'BAD_REQUEST');
      const payload = kind === 'csv' ? parseCsvPayload(text) : parseJsonPayload(text);
      const loaded = await model(formatModelUri(target));
      const input = payloadToModelInput(payload, loaded.metadata.signature);
      const predictions = await loaded.predict(input, payload.params).catch((e: unknown) => {
        // MLflow prefixes enforcement failures this way and keeps their error code.
        if (e instanceof MlflowError && e.errorCode === 'INVALID_PARAMETER_VALUE') throw new MlflowError(`Failed to predict data. \nError: ${e.message}`, e.errorCode);
        throw e;
      });
      return json(predictionsJson(predictions));
    } catch (e) {
      return errorResponse(e);
    }
  };
}
