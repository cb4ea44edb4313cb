// The HTTP side of the relay: CORS, health and metrics, rooms and invites, "what is stored", and
// blobs. Paths are matched on the RAW request path with strict patterns, so `..`, `%2e%2e` or
// encoded slashes never reach the file system: they simply do not match.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { isWorkspaceId, readTokenClaims } from '../src/domain/sync/token';
import { authenticate, bearerToken, hostAllowed, originAllowed } from './auth';
import type { BlobStore } from './blobs';
import type { RelayConfig } from './config';
import { DamagedDocumentError, type DocLogs } from './doc-log';
import { parseDocName, SHA256_RE } from './layout';
import { errorFields, type Logger } from './log';
import type { Metrics } from './metrics';
import { createRoom, ensureRoom, issueToken, newWorkspaceId } from './rooms';

export interface HttpContext {
  cfg: RelayConfig;
  logs: DocLogs;
  blobs: BlobStore;
  metrics: Metrics;
  log: Logger;
  health: () => Record<string, unknown>;
}

const JSON_LIMIT = 1024 * 1024;
const MAX_HASHES = 10_000;
const BLOB_RE = /^\/blobs\/([0-9a-f]{32})\/([0-9a-f]{64})$/;
const MISSING_RE = /^\/blobs\/([0-9a-f]{32})\/missing$/;
const STORED_RE = /^\/api\/stored\/([0-9a-zA-Z_/-]+)$/;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function handleHttp(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> {
  try {
    await route(req, res, ctx);
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    if (status === 500) ctx.log.error('request failed', { method: req.method, path: pathOf(req), ...errorFields(e) });
    if (!res.headersSent) send(res, status, { error: e instanceof HttpError ? e.message : 'internal error' });
    else res.destroy();
  }
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> {
  const { cfg } = ctx;
  const path = pathOf(req);
  const method = req.method ?? 'GET';
  if (!hostAllowed(req.headers.host, cfg.allowedHosts)) throw new HttpError(403, 'host not allowed');
  const origin = req.headers.origin;
  if (!originAllowed(origin, req.headers.host, cfg.allowedOrigins)) throw new HttpError(403, 'origin not allowed');
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Length, ETag');
  }
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    return void res.end();
  }

  if (path === '/healthz' && method === 'GET') return send(res, 200, ctx.health());
  if (path === '/metrics' && method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    return void res.end(ctx.metrics.render());
  }

  if (path === '/api/rooms' && method === 'POST') {
    if (!cfg.openRooms) throw new HttpError(403, 'this relay creates rooms only with its mint command');
    const body = await readJson(req);
    const workspace = body.workspace === undefined ? newWorkspaceId() : body.workspace;
    if (!isWorkspaceId(workspace)) throw new HttpError(400, 'workspace must be 32 lowercase hex characters');
    try {
      await createRoom(cfg.dataDir, workspace);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new HttpError(409, 'room exists');
      throw e;
    }
    ctx.log.info('room created', { workspace });
    return send(res, 201, { workspace, ...(await issueToken(cfg.secret, workspace, 'read-write', cfg.roomTokenTtl)) });
  }

  if (path === '/api/invites' && method === 'POST') {
    const claims = await requireToken(req, ctx, null, 'read-write');
    const body = await readJson(req);
    const role = body.role;
    if (role !== 'read-write' && role !== 'read-only') throw new HttpError(400, "role must be 'read-write' or 'read-only'");
    const ttl = body.ttlSeconds === undefined ? cfg.defaultInviteTtl : body.ttlSeconds;
    if (!Number.isInteger(ttl) || (ttl as number) < 1 || (ttl as number) > cfg.maxInviteTtl) throw new HttpError(400, `ttlSeconds must be an integer in 1..${cfg.maxInviteTtl}`);
    return send(res, 200, await issueToken(cfg.secret, claims.workspace, role, ttl as number));
  }

  const stored = STORED_RE.exec(path);
  if (stored && method === 'GET') {
    const ref = parseDocName(stored[1] as string);
    if (!ref) throw new HttpError(400, 'bad document name');
    await requireToken(req, ctx, ref.workspace, 'read-only');
    try {
      const sv = await ctx.logs.storedStateVector(ref);
      return send(res, 200, { stateVector: Buffer.from(Y.encodeStateVector(sv)).toString('base64') });
    } catch (e) {
      if (e instanceof DamagedDocumentError) throw new HttpError(500, 'stored document is damaged');
      throw e;
    }
  }

  const missing = MISSING_RE.exec(path);
  if (missing && method === 'POST') {
    const w = missing[1] as string;
    await requireToken(req, ctx, w, 'read-only');
    const body = await readJson(req);
    const hashes = body.hashes;
    if (!Array.isArray(hashes) || hashes.length > MAX_HASHES || !hashes.every((h) => typeof h === 'string' && SHA256_RE.test(h))) {
      throw new HttpError(400, `hashes must be an array of at most ${MAX_HASHES} sha256 hex strings`);
    }
    return send(res, 200, { missing: await ctx.blobs.missing(w, hashes as string[]) });
  }

  const blob = BLOB_RE.exec(path);
  if (blob) {
    const [, w, sha] = blob as unknown as [string, string, string];
    if (method === 'PUT') {
      await requireToken(req, ctx, w, 'read-write');
      await ensureRoom(cfg.dataDir, w);
      const r = await ctx.blobs.put(w, sha, req, (n) => ctx.metrics.bytesIn.inc(n));
      if ('error' in r) {
        res.setHeader('Connection', 'close'); // the rest of a refused body is not read
        return send(res, r.status, { error: r.error });
      }
      if (r.status === 201) ctx.metrics.blobsStored.inc();
      return send(res, r.status, { sha256: sha });
    }
    if (method === 'GET' || method === 'HEAD') {
      await requireToken(req, ctx, w, 'read-only');
      const found = await ctx.blobs.open(w, sha);
      if (!found) throw new HttpError(404, 'no such blob');
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(found.size),
        ETag: `"${sha}"`,
        'Cache-Control': 'private, max-age=31536000, immutable',
      });
      if (method === 'HEAD') return void res.end();
      ctx.metrics.bytesOut.inc(found.size);
      const stream = found.stream();
      stream.on('error', () => res.destroy());
      stream.pipe(res);
      return;
    }
  }

  if (path.startsWith('/blobs/') || path.startsWith('/api/')) throw new HttpError(path.includes('.') || path.includes('%') ? 400 : 404, 'no such resource');
  throw new HttpError(404, 'not found');
}

/** Auth for HTTP: a Bearer token for `workspace` (or any workspace when null) with at least `role`. */
async function requireToken(req: IncomingMessage, ctx: HttpContext, workspace: string | null, role: 'read-only' | 'read-write') {
  const token = bearerToken(req);
  if (workspace === null) {
    // Invites: the workspace is the token's own; the signature check below is what counts.
    workspace = readTokenClaims(token ?? '')?.workspace ?? '0'.repeat(32);
  }
  const auth = await authenticate(ctx.cfg.secret, token, workspace);
  if (!auth.ok) throw new HttpError(auth.status, auth.reason);
  if (role === 'read-write' && auth.claims.role !== 'read-write') throw new HttpError(403, 'read-only token cannot write');
  return auth.claims;
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > JSON_LIMIT) throw new HttpError(413, 'request body too large');
    chunks.push(c);
  }
  if (size === 0) return {};
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error();
    return v as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'body must be a JSON object');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}
