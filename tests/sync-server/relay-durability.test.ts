// What is stored stays stored: kill -9, torn log tails, damaged logs (refused, never rewritten),
// graceful shutdown, backup and restore, and the mint command.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { verifyToken } from '../../src/domain/sync/token';
import { DocLogs } from '../../sync-server/doc-log';
import { parseDocName } from '../../sync-server/layout';
import { encodeRecord, KIND_UPDATE, parseLog } from '../../sync-server/log-format';
import { allStored, connect, newWorkspace, type Relay, removeDir, runCli, startRelay, synced, tempDir, token, waitFor } from './helpers';

const cleanup: Array<() => Promise<unknown> | void> = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
}, 30_000);
function dataDir() {
  const d = tempDir();
  cleanup.push(() => removeDir(d));
  return d;
}
async function relayOn(dir: string, args: string[] = [], secret = true): Promise<Relay> {
  const r = await startRelay({ dataDir: dir, args, secret });
  cleanup.push(() => r.kill9());
  return r;
}
const logPath = (dir: string, name: string) => new DocLogs(dir).path(parseDocName(name)!);

/** Connects, waits for sync, returns the map's JSON. */
async function readBack(relay: Relay, name: string, t: string, settle?: (d: Y.Doc) => boolean): Promise<Record<string, unknown>> {
  const c = connect(relay.ws, name, t);
  try {
    await synced(c);
    if (settle) await waitFor(() => settle(c.doc));
    return c.doc.getMap('m').toJSON();
  } finally {
    c.destroy();
  }
}

/** Connects, makes `change` to the map, waits until the relay reports it stored, disconnects. */
async function writeStored(relay: Relay, name: string, t: string, change: (m: Y.Map<unknown>) => void, timeoutMs?: number): Promise<void> {
  const c = connect(relay.ws, name, t);
  try {
    await synced(c);
    change(c.doc.getMap('m'));
    await waitFor(() => allStored(relay, name, t, c.doc), timeoutMs, 'stored');
  } finally {
    c.destroy();
  }
}

describe('durability', () => {
  test('a change reported stored survives kill -9', async () => {
    const dir = dataDir();
    const w = newWorkspace();
    const t = await token(w);
    const name = `${w}/exp/7`;
    const r1 = await relayOn(dir);
    await writeStored(r1, name, t, (m) => {
      for (let i = 0; i < 20; i++) m.set(`k${i}`, i);
    }, 5000);
    await r1.kill9();
    // On disk, in a log that parses whole.
    expect(parseLog(readFileSync(logPath(dir, name))).status).toBe('ok');
    const r2 = await relayOn(dir);
    expect(Object.keys(await readBack(r2, name, t, (d) => d.getMap('m').size === 20))).toHaveLength(20);
    await r2.stop();
  });

  test('a torn record at the end of a log is ignored, and cut before the next append', async () => {
    const dir = dataDir();
    const w = newWorkspace();
    const t = await token(w);
    const r1 = await relayOn(dir);
    await writeStored(r1, w, t, (m) => m.set('kept', 1));
    await r1.kill9();
    // What a write cut short leaves: the first bytes of a record.
    const path = logPath(dir, w);
    const before = readFileSync(path).length;
    appendFileSync(path, encodeRecord(KIND_UPDATE, new Uint8Array(200).fill(7)).subarray(0, 50));
    const r2 = await relayOn(dir);
    const c2 = connect(r2.ws, w, t);
    try {
      await synced(c2);
      await waitFor(() => c2.doc.getMap('m').get('kept') === 1);
      c2.doc.getMap('m').set('after', 2);
      await waitFor(() => allStored(r2, w, t, c2.doc));
    } finally {
      c2.destroy();
    }
    const parsed = parseLog(readFileSync(path));
    expect(parsed.status).toBe('ok');
    expect(parsed.records[1]!.at).toBe(before);
    expect(r2.logs.some((l) => l.msg === 'ignored a torn record at the end of a document log')).toBe(true);
    await r2.stop();
  });

  test('a damaged log is refused with 4500 and never overwritten; other documents carry on', async () => {
    const dir = dataDir();
    const w = newWorkspace();
    const t = await token(w);
    const r1 = await relayOn(dir);
    await writeStored(r1, w, t, (m) => {
      for (let i = 0; i < 5; i++) m.set(`k${i}`, i);
    });
    await r1.stop();
    const path = logPath(dir, w);
    // Flip a byte inside the first record (not the last one: that would be a torn tail).
    const damaged = Buffer.from(readFileSync(path));
    damaged[40] = (damaged[40] as number) ^ 0x55;
    writeFileSync(path, damaged);

    const r2 = await relayOn(dir);
    const offline = new Y.Doc();
    offline.getMap('m').set('from-a-peer', 1); // a peer that would gladly upload its state
    const bad = connect(r2.ws, w, t, offline);
    try {
      await waitFor(() => bad.closes.length >= 2, 5000, 'refused twice (it retries)');
      expect(bad.closes[0]).toEqual({ code: 4500, reason: 'document unavailable: its stored copy could not be loaded' });
      // Another document of the same workspace works meanwhile.
      expect(await readBack(r2, `${w}/exp/1`, t)).toEqual({});
      const stored = await fetch(`${r2.http}/api/stored/${w}`, { headers: { Authorization: `Bearer ${t}` } });
      expect(stored.status).toBe(500);
      const metrics = await (await fetch(`${r2.http}/metrics`)).text();
      expect(metrics).toMatch(/^orchard_relay_docs_damaged 1$/m);
    } finally {
      bad.destroy();
    }
    await r2.stop();
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  test('SIGTERM stores everything before exiting', async () => {
    const dir = dataDir();
    const w = newWorkspace();
    const t = await token(w);
    // A long flush delay: only the shutdown path can have stored these changes.
    const r1 = await relayOn(dir, ['--flush-ms', '600000']);
    const a = connect(r1.ws, w, t);
    const b = connect(r1.ws, w, t);
    try {
      await Promise.all([synced(a), synced(b)]);
      for (let i = 0; i < 10; i++) a.doc.getMap('m').set(`k${i}`, i);
      await waitFor(() => b.doc.getMap('m').size === 10);
      expect(await allStored(r1, w, t, a.doc)).toBe(false);
      expect(await r1.stop()).toBe(0);
      expect(a.closes[0]).toEqual({ code: 1001, reason: 'relay shutting down' });
    } finally {
      a.destroy();
      b.destroy();
    }
    expect(r1.logs.find((l) => l.msg === 'stopped')).toMatchObject({ unflushed: 0 });
    const r2 = await relayOn(dir);
    expect(Object.keys(await readBack(r2, w, t, (d) => d.getMap('m').size === 10))).toHaveLength(10);
    await r2.stop();
  });
});

describe('operations', () => {
  test('backup while running (tar and directory), restore, and serve the restored data', async () => {
    const dir = dataDir();
    const w = newWorkspace();
    const t = await token(w);
    const r1 = await relayOn(dir);
    const c = connect(r1.ws, w, t);
    const blob = new TextEncoder().encode('model weights');
    const h = createHash('sha256').update(blob).digest('hex');
    try {
      await synced(c);
      c.doc.getMap('m').set('run', 'r1');
      await waitFor(() => allStored(r1, w, t, c.doc));
      expect((await fetch(`${r1.http}/blobs/${w}/${h}`, { method: 'PUT', headers: { Authorization: `Bearer ${t}` }, body: blob })).status).toBe(201);
      const out = tempDir('backup-');
      cleanup.push(() => removeDir(out));
      for (const target of [join(out, 'b.tar'), join(out, 'b-dir')]) {
        // The client keeps writing while the backup runs.
        c.doc.getMap('m').set('during', target);
        const b = await runCli(['backup', '--data-dir', dir, '--out', target]);
        expect(b.stderr).toBe('');
        expect(JSON.parse(b.stdout)).toMatchObject({ rooms: 1, docs: 1, blobs: 1, damaged: [] });
        const restored = join(out, `restored-${target.endsWith('.tar') ? 'tar' : 'dir'}`);
        const rs = await runCli(['restore', '--from', target, '--data-dir', restored]);
        expect(rs.stderr).toBe('');
        expect(JSON.parse(rs.stdout)).toMatchObject({ rooms: 1, docs: 1, blobs: 1 });
        // Restoring over existing data is refused.
        expect((await runCli(['restore', '--from', target, '--data-dir', restored])).code).toBe(1);
        const r2 = await relayOn(restored);
        expect(await readBack(r2, w, t, (d) => d.getMap('m').get('run') === 'r1')).toMatchObject({ run: 'r1' });
        const got = await fetch(`${r2.http}/blobs/${w}/${h}`, { headers: { Authorization: `Bearer ${t}` } });
        expect(new Uint8Array(await got.arrayBuffer())).toEqual(blob);
        await r2.stop();
      }
    } finally {
      c.destroy();
    }
    await r1.stop();
  });

  test('mint prints a token the relay accepts (secret kept in the data dir, 0600)', async () => {
    const dir = dataDir();
    const w = newWorkspace();
    const m = await runCli(['mint', '--workspace', w, '--role', 'read-only', '--ttl', '3600', '--data-dir', dir]);
    expect(m.code).toBe(0);
    const tok = m.stdout.trim();
    const { statSync } = await import('node:fs');
    const secretFile = join(dir, 'secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(await verifyToken(readFileSync(secretFile, 'utf8'), tok)).toMatchObject({ ok: true, claims: { workspace: w, role: 'read-only' } });
    const r = await relayOn(dir, [], false);
    const c = connect(r.ws, w, tok);
    try {
      await synced(c);
    } finally {
      c.destroy();
    }
    await r.stop();
  });
});
