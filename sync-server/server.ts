// Wires the relay together: one HTTP server, WebSocket upgrades on /sync/<docName>, Hocuspocus
// (with the Redis extension when --redis is given), persistence, blobs, metrics, and shutdown.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import { WebSocketServer } from 'ws';
import { authenticate, type Denial, forbidden, hostAllowed, originAllowed } from './auth';
import { BlobStore } from './blobs';
import { Bridge, bridgeExtension, CLOSE } from './bridge';
import type { RelayConfig } from './config';
import { DocLogs } from './doc-log';
import { handleHttp } from './http';
import { parseDocName } from './layout';
import { AddressCounter } from './limits';
import { errorFields, type Logger } from './log';
import { Metrics } from './metrics';
import { Persistence } from './persistence';
import { keepRelaysInSync } from './redis-resync';
import { ensureRoom } from './rooms';

export interface RunningRelay {
  port: number;
  /** Stops accepting, closes sockets (1001), stores everything, disconnects Redis. */
  close(): Promise<void>;
}

export async function startRelay(cfg: RelayConfig, log: Logger): Promise<RunningRelay> {
  const started = Date.now();
  const logs = new DocLogs(cfg.dataDir);
  const blobs = new BlobStore(cfg.dataDir, cfg.limits.maxBlobBytes);
  const bridges = new Set<Bridge>();
  const perAddress = new AddressCounter(cfg.limits.maxSocketsPerAddress);
  let shuttingDown = false;

  const metrics: Metrics = new Metrics(() => {
    const workspaces = new Set([...hocuspocus.documents.keys()].map((n) => n.slice(0, 32)));
    return {
      orchard_relay_connections: { help: 'Open WebSocket connections (one document each).', value: bridges.size },
      orchard_relay_rooms: { help: 'Workspaces with at least one loaded document.', value: workspaces.size },
      orchard_relay_docs_loaded: { help: 'Documents in memory.', value: hocuspocus.getDocumentsCount() },
      orchard_relay_docs_damaged: { help: 'Documents refused because their stored copy could not be loaded.', value: persistence.damaged.size },
      orchard_relay_docs_unflushed: { help: 'Loaded documents with changes not yet on disk.', value: persistence.unflushedCount() },
      process_resident_memory_bytes: { help: 'Resident set size.', value: process.memoryUsage.rss() },
    };
  });

  const persistence = new Persistence({
    logs,
    log,
    metrics,
    flushMs: cfg.flushMs,
    compactEvery: cfg.compactEvery,
    onDamaged: (docName) => {
      for (const b of bridges) if (b.docName === docName) b.close(CLOSE.unavailable, 'document unavailable: its stored copy is damaged');
    },
  });

  const extensions: Extension[] = [persistence, bridgeExtension];
  let redis: Redis | null = null;
  if (cfg.redis) {
    redis = new Redis({ ...redisOptions(cfg.redis), prefix: 'orchard-relay' });
    redis.pub.on('error', (e: Error) => log.warn('redis error', errorFields(e)));
    redis.sub.on('error', (e: Error) => log.warn('redis error', errorFields(e)));
    extensions.push(redis);
  }
  const hocuspocus = new Hocuspocus({ extensions, quiet: true, name: 'orchard-relay' });
  const stopResync = redis ? keepRelaysInSync(redis, hocuspocus, cfg.redisResyncMs, log) : () => undefined;

  const wss = new WebSocketServer({ noServer: true, maxPayload: cfg.limits.maxSyncFrame, perMessageDeflate: false });

  const server = createServer((req, res) => {
    void handleHttp(req, res, {
      cfg,
      logs,
      blobs,
      metrics,
      log,
      health: () => ({
        status: shuttingDown ? 'stopping' : 'ok',
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        connections: bridges.size,
        docsLoaded: hocuspocus.getDocumentsCount(),
        redis: redis ? redis.pub.status : 'off',
      }),
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    void upgrade(req, socket, head).catch((e) => {
      log.error('upgrade failed', errorFields(e));
      socket.destroy();
    });
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://relay');
    if (!url.pathname.startsWith('/sync/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    let docName = '';
    try {
      docName = decodeURIComponent(url.pathname.slice('/sync/'.length));
    } catch {
      /* stays '' and is refused below */
    }
    const ref = parseDocName(docName);
    const address = req.socket.remoteAddress ?? 'unknown';
    // Every refusal is a close code on an upgraded socket, because a browser's WebSocket API
    // shows nothing of a refused HTTP upgrade. The token is checked before Hocuspocus is involved.
    let denial: Denial | { code: number; reason: string } | null = null;
    let claims = null;
    if (shuttingDown) denial = { code: CLOSE.goingAway, reason: 'relay shutting down' };
    else if (!hostAllowed(req.headers.host, cfg.allowedHosts)) denial = forbidden('host not allowed');
    else if (!originAllowed(req.headers.origin, req.headers.host, cfg.allowedOrigins)) denial = forbidden('origin not allowed');
    else if (!ref) denial = { code: CLOSE.badMessage, reason: 'bad document name' };
    else {
      const auth = await authenticate(cfg.secret, url.searchParams.get('token'), ref.workspace);
      if (!auth.ok) denial = auth;
      else claims = auth.claims;
      // Turned out damaged while loaded: its in-memory copy can no longer be stored. Said only to
      // a client with a valid token, so nobody else learns which documents exist.
      if (!denial && persistence.damaged.has(ref.name) && hocuspocus.documents.has(ref.name)) denial = { code: CLOSE.unavailable, reason: 'document unavailable: its stored copy is damaged' };
    }
    const slot = !denial && perAddress.acquire(address);
    if (!denial && !slot) denial = { code: CLOSE.tryLater, reason: 'too many connections from this address' };
    // ws never calls back for a handshake it refuses itself (bad key or version, a client gone
    // during the awaits), and ensureRoom may throw: the slot must still come back then.
    let handed = false;
    if (slot) socket.once('close', () => {
      if (!handed) perAddress.release(address);
    });
    if (!denial && ref) await ensureRoom(cfg.dataDir, ref.workspace);

    wss.handleUpgrade(req, socket, head, (ws) => {
      handed = true;
      if (denial || !claims || !ref) {
        metrics.closes.inc(1, { code: String(denial?.code ?? CLOSE.internal) });
        log.info('connection refused', { doc: ref?.name, code: denial?.code, reason: denial?.reason, address });
        ws.close(denial?.code ?? CLOSE.internal, denial?.reason ?? 'refused');
        if (slot) perAddress.release(address);
        return;
      }
      metrics.connectionsTotal.inc();
      const bridge = new Bridge(ws, ref.name, claims, address, { hocuspocus, limits: cfg.limits, metrics, log });
      bridges.add(bridge);
      bridge.onClose(() => {
        bridges.delete(bridge);
        perAddress.release(address);
      });
      log.debug('connection accepted', { doc: ref.name, role: claims.role, address });
      bridge.start();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, cfg.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info('listening', { host: cfg.host, port, dataDir: cfg.dataDir, redis: cfg.redis ? 'on' : 'off', openRooms: cfg.openRooms });

  return {
    port,
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      log.info('shutting down', { connections: bridges.size, docsLoaded: hocuspocus.getDocumentsCount() });
      server.close();
      stopResync();
      for (const b of [...bridges]) b.close(CLOSE.goingAway, 'relay shutting down');
      await persistence.flushAll();
      // Disconnects Redis (and flushes once more, for changes that arrived over Redis meanwhile).
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      await persistence.flushAll();
      server.closeAllConnections();
      log.info('stopped', { unflushed: persistence.unflushedCount() });
    },
  };
}

/** redis://[user:password@]host[:port][/db] → the Redis extension's host/port/options. */
function redisOptions(url: string) {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error('--redis must be a redis:// URL');
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    options: {
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db,
    },
  };
}
