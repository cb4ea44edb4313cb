// Flags and environment → one RelayConfig. A flag wins over its environment variable, which wins
// over the default. Sizes accept plain bytes or a KiB/MiB/GiB suffix.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { secretPath } from './layout';
import type { Level } from './log';

export interface Limits {
  maxSyncFrame: number;
  maxAwarenessFrame: number;
  maxBlobBytes: number;
  maxSocketsPerAddress: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** How long an update may wait for the updates it depends on before its socket is closed. */
  depsTimeoutMs: number;
}

export interface RelayConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Origin patterns: exact origins, `scheme://host:*`, or `*`. 'same-host' is implied. */
  allowedOrigins: string[];
  /** Host header values allowed (`*` = any). */
  allowedHosts: string[];
  secret: string;
  redis: string | null;
  /** With Redis: re-announce every loaded document's state this often (lost pub/sub messages). */
  redisResyncMs: number;
  openRooms: boolean;
  logLevel: Level;
  limits: Limits;
  /** Delay before buffered updates are appended: one fsync per document per this many ms. */
  flushMs: number;
  /** Rewrite a log as one snapshot once it has this many records. */
  compactEvery: number;
  roomTokenTtl: number;
  maxInviteTtl: number;
  defaultInviteTtl: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_LIMITS: Limits = {
  maxSyncFrame: 8 * MiB,
  maxAwarenessFrame: 1 * MiB,
  maxBlobBytes: 256 * MiB,
  maxSocketsPerAddress: 256,
  // Generous: a replicator writing many small transactions is legitimate; this stops floods.
  messagesPerSecond: 1000,
  messageBurst: 10_000,
  depsTimeoutMs: 10_000,
};

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'allowed-origins': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  secret: { type: 'string' },
  redis: { type: 'string' },
  'redis-resync-ms': { type: 'string' },
  'no-open-rooms': { type: 'boolean' },
  'log-level': { type: 'string' },
  'max-sync-frame': { type: 'string' },
  'max-awareness-frame': { type: 'string' },
  'max-blob-bytes': { type: 'string' },
  'max-sockets-per-ip': { type: 'string' },
  'rate-limit': { type: 'string' },
  'rate-burst': { type: 'string' },
  'deps-timeout-ms': { type: 'string' },
  'flush-ms': { type: 'string' },
  'compact-every': { type: 'string' },
  'room-token-ttl': { type: 'string' },
  'max-invite-ttl': { type: 'string' },
} as const;

export const defaultDataDir = () => process.env.ORCHARD_RELAY_DATA_DIR ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'orchard-relay');

export async function loadConfig(argv: string[], env = process.env): Promise<RelayConfig> {
  const { values: v } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  const host = v.host ?? env.ORCHARD_RELAY_HOST ?? '127.0.0.1';
  const port = int(v.port ?? env.ORCHARD_RELAY_PORT ?? '1234', 'port', 0, 65535);
  const dataDir = resolve(v['data-dir'] ?? defaultDataDir());
  const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const origins = v['allowed-origins'] ?? env.ORCHARD_RELAY_ALLOWED_ORIGINS;
  const hosts = v['allowed-hosts'] ?? env.ORCHARD_RELAY_ALLOWED_HOSTS;
  const level = (v['log-level'] ?? env.ORCHARD_RELAY_LOG_LEVEL ?? 'info') as Level;
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`bad --log-level ${level}`);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  return {
    host,
    port,
    dataDir,
    allowedOrigins: origins === undefined ? ['http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*'] : list(origins),
    allowedHosts: hosts === undefined ? defaultHosts(host) : list(hosts),
    secret: v.secret ?? env.ORCHARD_RELAY_SECRET ?? (await loadOrCreateSecret(dataDir)),
    redis: v.redis ?? env.ORCHARD_RELAY_REDIS ?? null,
    redisResyncMs: int(v['redis-resync-ms'] ?? '10000', 'redis-resync-ms', 100),
    openRooms: !(v['no-open-rooms'] ?? env.ORCHARD_RELAY_NO_OPEN_ROOMS === '1'),
    logLevel: level,
    limits: {
      maxSyncFrame: size(v['max-sync-frame'], DEFAULT_LIMITS.maxSyncFrame),
      maxAwarenessFrame: size(v['max-awareness-frame'], DEFAULT_LIMITS.maxAwarenessFrame),
      maxBlobBytes: size(v['max-blob-bytes'], DEFAULT_LIMITS.maxBlobBytes),
      maxSocketsPerAddress: int(v['max-sockets-per-ip'] ?? String(DEFAULT_LIMITS.maxSocketsPerAddress), 'max-sockets-per-ip', 1),
      messagesPerSecond: int(v['rate-limit'] ?? String(DEFAULT_LIMITS.messagesPerSecond), 'rate-limit', 1),
      messageBurst: int(v['rate-burst'] ?? String(DEFAULT_LIMITS.messageBurst), 'rate-burst', 1),
      depsTimeoutMs: int(v['deps-timeout-ms'] ?? String(DEFAULT_LIMITS.depsTimeoutMs), 'deps-timeout-ms', 1),
    },
    flushMs: int(v['flush-ms'] ?? '50', 'flush-ms', 0),
    compactEvery: int(v['compact-every'] ?? '500', 'compact-every', 2),
    roomTokenTtl: int(v['room-token-ttl'] ?? String(30 * 86400), 'room-token-ttl', 60),
    maxInviteTtl: int(v['max-invite-ttl'] ?? String(365 * 86400), 'max-invite-ttl', 60),
    defaultInviteTtl: 7 * 86400,
  };
}

/**
 * A loopback relay answers only to loopback names (DNS rebinding: a web page must not reach it
 * through a name of its own). A relay bound to a wildcard address is behind a proxy or on a LAN and
 * its public names are not known here: no Host check unless --allowed-hosts says otherwise.
 */
function defaultHosts(host: string): string[] {
  if (host === '0.0.0.0' || host === '::' || host === '') return ['*'];
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  return names.includes(host) || host === '::1' ? names : [...names, host.includes(':') ? `[${host}]` : host];
}

/** The secret given by nobody is made once and kept (0600) so tokens survive restarts. */
export async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const path = secretPath(dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    const fh = await open(path, 'wx', 0o600);
    const secret = randomBytes(32).toString('base64url');
    try {
      await fh.writeFile(secret);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Another process may have just created it: wait for its content.
  for (let i = 0; i < 50; i++) {
    const s = (await readFile(path, 'utf8')).trim();
    if (s) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} is empty`);
}

function int(s: string, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`bad --${name} ${s}`);
  return n;
}

function size(s: string | undefined, dflt: number): number {
  if (s === undefined) return dflt;
  const m = /^(\d+)\s*(KiB|MiB|GiB|K|M|G)?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${s}`);
  const mult = { k: 1024, kib: 1024, m: MiB, mib: MiB, g: 1024 * MiB, gib: 1024 * MiB }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}
