// MLflow's tracking and Model Registry REST API over one workspace, as a fetch-style handler:
// Request in, Response out, using only standard Request/Response/URL so the same code serves a
// service worker, a Node server and tests. Mounted at /api/2.0/mlflow/ and /ajax-api/2.0/mlflow/
// (MLflow's UI prefix), plus /health and /version.
import { MlflowError } from '../../domain/errors';
import { MlflowClient } from '../client';
import type { Workspace } from '../workspace';
import { EXPERIMENT_ROUTES } from './experiments-routes';
import { HISTORY_ARTIFACT_ROUTES } from './history-artifacts-routes';
import { LOGGING_ROUTES } from './logging-routes';
import { MODEL_VERSION_ROUTES } from './model-versions-routes';
import { REGISTERED_MODEL_ROUTES } from './registered-models-routes';
import { RequestParams, type JsonObject } from './request';
import type { Route } from './route';
import { RUN_ROUTES } from './runs-routes';
import { MLFLOW_VERSION } from '../../domain/mlflow-version';

const API_PREFIXES = ['/api/2.0/mlflow/', '/ajax-api/2.0/mlflow/'];


export interface RestHandlerOptions {
  /** Told about failures that are not MlflowErrors (answered as a bare 500 INTERNAL_ERROR). */
  onInternalError?: (error: unknown, request: Request) => void;
}

/** endpoint path -> method -> route */
type RouteTable = Map<string, Map<string, Route>>;

function buildTable(routes: readonly Route[]): RouteTable {
  const table: RouteTable = new Map();
  for (const route of routes) {
    const methods = table.get(route.path) ?? new Map<string, Route>();
    methods.set(route.method, route);
    table.set(route.path, methods);
  }
  return table;
}

const TABLE = buildTable([
  ...EXPERIMENT_ROUTES,
  ...RUN_ROUTES,
  ...LOGGING_ROUTES,
  ...HISTORY_ARTIFACT_ROUTES,
  ...REGISTERED_MODEL_ROUTES,
  ...MODEL_VERSION_ROUTES,
]);

function jsonResponse(status: number, body: JsonObject, head: boolean, headers: Record<string, string> = {}): Response {
  return new Response(head ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function errorResponse(error: MlflowError, head: boolean, headers?: Record<string, string>): Response {
  return jsonResponse(error.httpStatus, error.toJSON(), head, headers);
}

/** Flask answers OPTIONS itself and HEAD like GET without a body; other methods get 405. */
function methodNotAllowed(methods: readonly string[], request: Request): Response {
  const allow = [...new Set([...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])].sort().join(', ');
  if (request.method === 'OPTIONS') return new Response(null, { status: 200, headers: { Allow: allow } });
  const error = new MlflowError(`The method ${request.method} is not allowed for the requested URL.`, 'BAD_REQUEST');
  return jsonResponse(405, error.toJSON(), request.method === 'HEAD', { Allow: allow });
}

function textEndpoint(text: string, request: Request): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(['GET'], request);
  return new Response(request.method === 'HEAD' ? null : text, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * @example
 * const handle = createRestHandler(await openWorkspace());
 * const res = await handle(new Request('http://localhost/api/2.0/mlflow/experiments/get?experiment_id=0'));
 * (await res.json()).experiment.name // 'Default'
 */
export function createRestHandler(workspace: Workspace, options: RestHandlerOptions = {}): (request: Request) => Promise<Response> {
  const client = new MlflowClient(workspace);
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/health') return textEndpoint('OK', request);
    if (pathname === '/version') return textEndpoint(MLFLOW_VERSION, request);
    const head = request.method === 'HEAD';
    const prefix = API_PREFIXES.find((p) => pathname.startsWith(p));
    const methods = prefix === undefined ? undefined : TABLE.get(pathname.slice(prefix.length));
    if (!methods) {
      return errorResponse(new MlflowError(`No endpoint ${request.method} ${pathname} in MLflow's REST API.`, 'ENDPOINT_NOT_FOUND'), head);
    }
    const route = methods.get(head ? 'GET' : request.method);
    if (!route) return methodNotAllowed([...methods.keys()], request);
    try {
      const params = await RequestParams.read(request, route.bodyLimit);
      return jsonResponse(200, await route.handle({ client, workspace, params }), head);
    } catch (e) {
      if (e instanceof MlflowError) return errorResponse(e, head);
      options.onInternalError?.(e, request);
      // Never echo internals (messages, stacks) of unexpected failures to the caller.
      return errorResponse(new MlflowError('An internal error occurred while handling the request.', 'INTERNAL_ERROR'), head);
    }
  };
}
