// The MLflow REST API, mounted inside the service worker (see src/sw.ts).
// Only requests made from pages of this origin reach it (the UI, fetch() in devtools);
// processes outside the browser (Python `mlflow`) never see the service worker. Paths:
//   /api/2.0/mlflow/...       (MLflow REST API)
//   /ajax-api/2.0/mlflow/...  (what MLflow's own web UI calls)
// sdk/core, not sdk/index: the service worker bundles this file and cannot run ONNX Runtime.
import { openWorkspace, createRestHandler } from '../sdk/core';

const REST_PREFIXES = ['/api/2.0/mlflow/', '/ajax-api/2.0/mlflow/'];

export function isRestPath(pathname: string): boolean {
  return REST_PREFIXES.some((p) => pathname.startsWith(p));
}

// One workspace (Dexie connection) per service-worker lifetime, opened on first API call.
// A failed open is not cached, so the next request retries.
let handlerP: Promise<(req: Request) => Promise<Response>> | undefined;

export async function handleRest(req: Request): Promise<Response> {
  try {
    handlerP ??= openWorkspace().then((ws) => createRestHandler(ws));
    const handler = await handlerP.catch((e: unknown) => {
      handlerP = undefined;
      throw e;
    });
    return await handler(req);
  } catch (e) {
    // Always answer JSON in MLflow's error shape, never let the fetch fail opaquely.
    console.error('[orchard sw] REST handler failed', e);
    return new Response(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: String(e) }), {
      status: 500,
      headers: { 'Content-Type': 'application/json' },
    });
  }
}
