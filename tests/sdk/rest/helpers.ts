// REST test helpers: a fresh workspace per test and tiny request builders, so each test reads as
// "this request -> this MLflow JSON".
import { expect } from 'vitest';
import { MlflowClient, createRestHandler, openWorkspace, type Workspace } from '../../../src/sdk/index';

let counter = 0;

export interface Api {
  ws: Workspace;
  client: MlflowClient;
  handle: (request: Request) => Promise<Response>;
  /** GET /api/2.0/mlflow/<path>; array values become repeated keys */
  get: (path: string, query?: Record<string, string | number | string[]>) => Promise<Response>;
  /** POST /api/2.0/mlflow/<path> with a JSON body */
  post: (path: string, body?: unknown) => Promise<Response>;
}

export const BASE = 'http://orchard.test/api/2.0/mlflow/';

export function getRequest(path: string, query: Record<string, string | number | string[]> = {}, base = BASE): Request {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
  }
  return new Request(url);
}

export function postRequest(path: string, body: unknown = {}, base = BASE): Request {
  return new Request(new URL(path, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function freshApi(): Promise<Api> {
  const ws = await openWorkspace({ name: `rest-${process.pid}-${Date.now()}-${counter++}` });
  const handle = createRestHandler(ws);
  return {
    ws,
    client: new MlflowClient(ws),
    handle,
    get: (path, query) => handle(getRequest(path, query)),
    post: (path, body) => handle(postRequest(path, body)),
  };
}

/** Asserts a 200 JSON response and returns its body. */
export async function ok(res: Response | Promise<Response>): Promise<Record<string, unknown>> {
  const r = await res;
  const body = (await r.json()) as Record<string, unknown>;
  expect(r.status, JSON.stringify(body)).toBe(200);
  expect(r.headers.get('Content-Type')).toBe('application/json');
  return body;
}

/** Asserts MLflow's error shape, status and code; returns the message. */
export async function fails(res: Response | Promise<Response>, status: number, code: string, message?: RegExp | string): Promise<string> {
  const r = await res;
  const body = (await r.json()) as { error_code: string; message: string };
  expect(r.status, JSON.stringify(body)).toBe(status);
  expect(Object.keys(body).sort()).toEqual(['error_code', 'message']);
  expect(body.error_code).toBe(code);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else if (message) expect(body.message).toMatch(message);
  return body.message;
}

export const missing = (name: string): string =>
  `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`;

export const invalid = (name: string, json: string, pyType: string): string =>
  `Invalid value ${json} for parameter '${name}' supplied:  Hint: Value was of type '${pyType}'. ` +
  'See the API docs for more information about request parameters.';

/** A PATCH or DELETE with a JSON body (MLflow's registry update/delete endpoints). */
export function send(api: Api, method: 'PATCH' | 'DELETE', path: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<Response> {
  return api.handle(new Request(new URL(path, BASE), { method, headers, body: JSON.stringify(body) }));
}
