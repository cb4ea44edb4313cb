// A real relay process for the sync benchmark (run-bench.mjs starts it only when a `sync`
// benchmark is selected): `node --import tsx sync-server/main.ts` on a random free port, a temp
// data dir, a secret, the bench page's origin allowed. Started with `--inspect` on a random port so
// the runner can force a full GC (HeapProfiler.collectGarbage) before memory readings; nothing is
// attached otherwise. The page reaches it through `window.benchRelay` (see sync.bench.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../..', import.meta.url));

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Prometheus text -> { 'name{labels}': value } */
function parseMetrics(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out[line.slice(0, i)] = Number(line.slice(i + 1));
  }
  return out;
}

/** bytes of every file under `dir` whose path matches `test` */
function du(dir, test) {
  let total = 0;
  let files = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (test(p)) {
        try {
          total += statSync(p).size;
          files++;
        } catch {
          // removed meanwhile (temp files)
        }
      }
    }
  };
  walk(dir);
  return { bytes: total, files };
}

/** `dataDir`/`secret`/`keep` let a profiling script reuse a prepared relay; the bench uses neither. */
export async function startBenchRelay({ allowedOrigin, dataDir: givenDir, secret: givenSecret, keep = false }) {
  const port = await freePort();
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'orchard-bench-relay-'));
  const secret = givenSecret ?? `bench-${Math.random().toString(36).slice(2)}-${Date.now()}-secret`;
  const args = ['--inspect=127.0.0.1:0', '--import', 'tsx', 'sync-server/main.ts', '--port', String(port), '--data-dir', dataDir, '--secret', secret, '--allowed-origins', allowedOrigin, '--log-level', 'warn'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let inspectorUrl;
  let exited = false;
  const onData = (d) => {
    output += d.toString();
    inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`relay exited during start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`relay did not answer /healthz within 30 s:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  async function gc() {
    if (!inspectorUrl) return false;
    const ws = new WebSocket(inspectorUrl);
    await new Promise((ok, fail) => {
      ws.once('open', ok);
      ws.once('error', fail);
    });
    const call = (id, method) =>
      new Promise((ok) => {
        const onMessage = (m) => {
          if (JSON.parse(m.toString()).id === id) {
            ws.off('message', onMessage);
            ok();
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, method }));
      });
    await call(1, 'HeapProfiler.collectGarbage');
    await call(2, 'HeapProfiler.collectGarbage');
    ws.close();
    return true;
  }

  return {
    url,
    dataDir,
    /** the relay's inspector WebSocket (a profiling script may attach; the bench only forces GC) */
    get inspectorUrl() {
      return inspectorUrl;
    },
    /** what the relay printed (its warnings and errors), without the inspector's chatter */
    get log() {
      return output
        .split('\n')
        .filter((l) => !/^(Debugger (listening|attached|ending|detached)|For help, see|Waiting for the debugger)/.test(l))
        .join('\n');
    },
    /** parsed /metrics; with `collectGarbage`, after two full GCs in the relay */
    async metrics(collectGarbage = false) {
      if (collectGarbage) await gc();
      return parseMetrics(await (await fetch(`${url}/metrics`)).text());
    },
    /** what the relay keeps on disk: blobs, and document logs */
    disk(workspace) {
      const rooms = workspace ? join(dataDir, 'rooms', workspace) : join(dataDir, 'rooms');
      return {
        blobs: du(rooms, (p) => p.includes('/blobs/') && !p.split('/').pop().startsWith('.tmp')),
        docs: du(rooms, (p) => p.endsWith('.ylog')),
      };
    },
    async stop() {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await done;
        clearTimeout(timer);
      }
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
