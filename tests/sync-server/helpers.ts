// Real relay processes and real y-websocket clients for the relay tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { signToken, type TokenRole } from '../../src/domain/sync/token';

export const ROOT = resolve(__dirname, '../..');
export const SECRET = 'relay-test-secret-0123456789abcdef';

export const newWorkspace = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
export const token = (workspace: string, role: TokenRole = 'read-write', ttlSeconds = 3600, now?: number) => signToken(SECRET, { workspace, role, ttlSeconds, now });

export function tempDir(prefix = 'relay-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
export const removeDir = (d: string) => rmSync(d, { recursive: true, force: true });

export interface LogLine {
  level: string;
  msg: string;
  [k: string]: unknown;
}

export interface Relay {
  port: number;
  dataDir: string;
  ws: string;
  http: string;
  proc: ChildProcess;
  logs: LogLine[];
  stderr: string[];
  exited: Promise<number | null>;
  /** SIGTERM (graceful) and wait for the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

export async function startRelay(opts: { dataDir?: string; args?: string[]; env?: Record<string, string>; /** false: the relay uses <data-dir>/secret */ secret?: boolean } = {}): Promise<Relay> {
  const dataDir = opts.dataDir ?? tempDir();
  const secretArgs = opts.secret === false ? [] : ['--secret', SECRET];
  // `node --import tsx` runs the relay in THIS process (tsx's CLI would start a child, and a
  // kill -9 of the CLI would leave the relay running).
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', '--port', '0', '--data-dir', dataDir, ...secretArgs, ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 'raw', msg: line });
      }
    }
  });
  proc.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const port = await waitFor(() => logs.find((l) => l.msg === 'listening')?.port as number | undefined, 20_000, () => `relay did not start: ${stderr.join('')}`);
  return {
    port,
    dataDir,
    ws: `ws://127.0.0.1:${port}/sync`,
    http: `http://127.0.0.1:${port}`,
    proc,
    logs,
    stderr,
    exited,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Stops a relay a test file started in beforeAll (if it did start) and removes its data dir. */
export async function stopRelay(relay: Relay | undefined): Promise<void> {
  if (!relay) return;
  await relay.stop();
  removeDir(relay.dataDir);
}

/** Polls until `fn` returns something truthy. */
export async function waitFor<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000, what: string | (() => string) = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

export function connect(url: string, docName: string, tok: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(url, docName, doc, {
    params: { token: tok },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: Client['closes'] = [];
  provider.on('connection-close', (e) => {
    if (e) closes.push({ code: e.code, reason: e.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export const synced = (c: Client, ms = 10_000) => waitFor(() => c.provider.synced, ms, 'provider synced');

/** A raw socket for sending bytes no y-websocket client would; resolves once open. */
export async function rawSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }>; messages: Buffer[] }> {
  const ws = new WebSocket(url, { headers });
  const messages: Buffer[] = [];
  ws.on('message', (d: Buffer) => messages.push(d));
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
  ws.on('error', () => undefined);
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('close', () => res());
    ws.once('error', rej);
  });
  return { ws, closed, messages };
}

export async function storedStateVector(relay: Relay, docName: string, tok: string): Promise<Map<number, number>> {
  const r = await fetch(`${relay.http}/api/stored/${docName}`, { headers: { Authorization: `Bearer ${tok}` } });
  if (r.status !== 200) throw new Error(`stored: ${r.status} ${await r.text()}`);
  const { stateVector } = (await r.json()) as { stateVector: string };
  return Y.decodeStateVector(Buffer.from(stateVector, 'base64'));
}

/** True when everything in `doc` is on the relay's disk (by state vector). */
export async function allStored(relay: Relay, docName: string, tok: string, doc: Y.Doc): Promise<boolean> {
  const stored = await storedStateVector(relay, docName, tok);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) if ((stored.get(client) ?? 0) < clock) return false;
  return true;
}

/** A free TCP port on 127.0.0.1 (bind to 0, read it, release it). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Debian's redis-server on a free port, no persistence, in a temp dir. `restart` keeps the port. */
export async function startRedis(): Promise<{ url: string; port: number; kill(): Promise<void>; restart(): Promise<void>; stop(): Promise<void> }> {
  const { existsSync } = await import('node:fs');
  if (!existsSync('/usr/bin/redis-server')) throw new Error('the scale-out test needs Debian\'s redis-server: apt-get install -y redis-server');
  const dir = tempDir('redis-');
  const port = await freePort();
  let proc: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    proc = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    exited = new Promise<void>((r) => proc.once('exit', () => r()));
    await waitFor(() => out.includes('Ready to accept connections'), 20_000, () => `redis-server did not start: ${out}`);
  };
  const kill = async () => {
    proc.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    restart: launch,
    async stop() {
      await kill();
      removeDir(dir);
    },
  };
}

/** Sends one command to Redis (RESP) and resolves with the first reply line. */
export async function redisCommand(port: number, ...args: string[]): Promise<string> {
  const { connect: tcp } = await import('node:net');
  return new Promise((resolve, reject) => {
    const sock = tcp(port, '127.0.0.1', () => sock.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`));
    sock.once('data', (d) => {
      resolve(d.toString().split('\r\n')[0] as string);
      sock.end();
    });
    sock.once('error', reject);
  });
}

/** Runs a relay CLI command (mint, backup, restore) to completion. */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (d: Buffer) => (stdout += d));
    p.stderr!.on('data', (d: Buffer) => (stderr += d));
    p.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
