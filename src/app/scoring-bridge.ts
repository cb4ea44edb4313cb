// MLflow's scoring routes (/ping, /health, /version, /model/.../invocations,
// /run/.../invocations) for any page of this origin, offline.
//
// Decision (TOOLCHAIN §10): the service worker does not run ONNX Runtime itself. It cannot start
// the inference worker, cannot import ORT's glue dynamically, and would duplicate the sessions
// the page already holds. Instead it forwards each invocations request over a MessageChannel to
// an open Orchard window, which answers with createScoringHandler on its own inference worker.
// /ping, /health and /version need no model and are answered by the service worker directly.
// With no Orchard window open, invocations get 503 TEMPORARILY_UNAVAILABLE saying so.

export const SCORING_MESSAGE = 'orchard:score';

export interface ScoringMessage {
  type: typeof SCORING_MESSAGE;
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: string;
}

export interface ScoringReply {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export function isScoringPath(pathname: string): boolean {
  return /^\/(ping|health|version)$/.test(pathname) || (/^\/(model|run)\//.test(pathname) && pathname.endsWith('/invocations'));
}

/** What the bridge needs of the service worker's `clients` (a test can pass a plain object). */
export interface WindowFinder {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<ReadonlyArray<{ postMessage(message: ScoringMessage, transfer: Transferable[]): void }>>;
}

/** Service-worker side: answer or forward one scoring request. */
export async function forwardScoring(request: Request, clients: WindowFinder, version: string): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (request.method === 'GET' && (path === '/ping' || path === '/health')) return new Response('\n', { headers: { 'Content-Type': 'application/json' } });
  if (request.method === 'GET' && path === '/version') return new Response(version);
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: false });
  const page = windows[0];
  if (!page) {
    return new Response(JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'Models are served by an open Orchard tab: open the app in this browser, then retry.' }), { status: 503, headers: { 'Content-Type': 'application/json' } });
  }
  const message: ScoringMessage = { type: SCORING_MESSAGE, url: request.url, method: request.method, headers: [...request.headers], body: await request.text() };
  const channel = new MessageChannel();
  const reply = new Promise<ScoringReply>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The Orchard tab did not answer within 60 s.')), 60_000);
    channel.port1.onmessage = (e: MessageEvent<ScoringReply>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
  });
  page.postMessage(message, [channel.port2]);
  try {
    const r = await reply;
    return new Response(r.body, { status: r.status, headers: r.headers });
  } catch (e) {
    return new Response(JSON.stringify({ error_code: 'DEADLINE_EXCEEDED', message: (e as Error).message }), { status: 504, headers: { 'Content-Type': 'application/json' } });
  }
}

/** Page side: serve the service worker's forwarded requests with `handle`. Returns the cleanup. */
export function serveScoringForServiceWorker(handle: (request: Request) => Promise<Response>): () => void {
  if (typeof navigator === 'undefined' || !navigator.serviceWorker) return () => undefined;
  const onMessage = (event: MessageEvent<ScoringMessage>): void => {
    if (event.data?.type !== SCORING_MESSAGE) return;
    const port = event.ports[0];
    if (!port) return;
    const { url, method, headers, body } = event.data;
    void handle(new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body }))
      .then(async (res) => ({ status: res.status, headers: [...res.headers], body: await res.text() }))
      .catch((e: unknown) => ({ status: 500, headers: [['Content-Type', 'application/json']], body: JSON.stringify({ error_code: 'INTERNAL_ERROR', message: String(e) }) }) as ScoringReply)
      .then((reply) => port.postMessage(reply));
  };
  navigator.serviceWorker.addEventListener('message', onMessage);
  return () => navigator.serviceWorker.removeEventListener('message', onMessage);
}
