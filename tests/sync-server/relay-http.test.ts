// Blobs, rooms and invites over HTTP.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTokenClaims, verifyToken } from '../../src/domain/sync/token';
import { connect, newWorkspace, type Relay, removeDir, SECRET, startRelay, synced, token } from './helpers';

let relay: Relay;
beforeAll(async () => {
  relay = await startRelay({ args: ['--max-blob-bytes', '4KiB'] });
}, 30_000);
afterAll(async () => {
  await relay?.stop();
  removeDir(relay.dataDir);
}, 30_000);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

/** Raw request, so paths like /blobs/../x reach the server exactly as written. */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: relay.port, method, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('blobs', () => {
  test('put, get, head, missing; read-only may read but not write', async () => {
    const w = newWorkspace();
    const rw = await token(w);
    const ro = await token(w, 'read-only');
    const bytes = new TextEncoder().encode('artifact bytes '.repeat(20));
    const h = sha(bytes);
    const url = `${relay.http}/blobs/${w}/${h}`;
    expect((await fetch(url, { headers: auth(ro) })).status).toBe(404);
    const missing = await fetch(`${relay.http}/blobs/${w}/missing`, { method: 'POST', headers: { ...auth(ro), 'Content-Type': 'application/json' }, body: JSON.stringify({ hashes: [h] }) });
    expect(await missing.json()).toEqual({ missing: [h] });
    expect((await fetch(url, { method: 'PUT', headers: auth(ro), body: bytes })).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', headers: auth(rw), body: bytes })).status).toBe(201);
    expect((await fetch(url, { method: 'PUT', headers: auth(rw), body: bytes })).status).toBe(200);
    const got = await fetch(url, { headers: auth(ro) });
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const head = await fetch(url, { method: 'HEAD', headers: auth(ro) });
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    const after = await fetch(`${relay.http}/blobs/${w}/missing`, { method: 'POST', headers: auth(rw), body: JSON.stringify({ hashes: [h, sha(new Uint8Array([1]))] }) });
    expect(await after.json()).toEqual({ missing: [sha(new Uint8Array([1]))] });
    // Another workspace's token sees nothing.
    expect((await fetch(url, { headers: auth(await token(newWorkspace())) })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
  });

  test('hash mismatch 400, size limit 413 (declared and streamed), nothing left behind', async () => {
    const w = newWorkspace();
    const rw = await token(w);
    const bytes = new Uint8Array([1, 2, 3]);
    const wrong = sha(new Uint8Array([3, 2, 1]));
    expect((await fetch(`${relay.http}/blobs/${w}/${wrong}`, { method: 'PUT', headers: auth(rw), body: bytes })).status).toBe(400);
    expect((await fetch(`${relay.http}/blobs/${w}/${wrong}`, { headers: auth(rw) })).status).toBe(404);
    const big = new Uint8Array(5000);
    expect((await fetch(`${relay.http}/blobs/${w}/${sha(big)}`, { method: 'PUT', headers: auth(rw), body: big })).status).toBe(413);
    // Without a Content-Length (chunked), the limit is enforced while streaming.
    const chunked = new ReadableStream({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(1000));
        c.close();
      },
    });
    const r = await fetch(`${relay.http}/blobs/${w}/${sha(big)}`, { method: 'PUT', headers: auth(rw), body: chunked, duplex: 'half' } as RequestInit);
    expect(r.status).toBe(413);
    expect((await fetch(`${relay.http}/blobs/${w}/${sha(big)}`, { headers: auth(rw) })).status).toBe(404);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(`${relay.dataDir}/rooms/${w}/blobs`)).toEqual([]);
  });

  test('path tricks never reach the file system', async () => {
    const w = newWorkspace();
    const rw = await token(w);
    const h = sha(new Uint8Array([1]));
    for (const path of [`/blobs/${w}/../${w}/${h}`, `/blobs/${w}/%2e%2e/secret`, `/blobs/${w}/..%2f..%2fsecret`, `/blobs/${w}/${h}/..`, `/blobs/../secret`, `/blobs/${w}/${h.toUpperCase()}`, `/blobs/${w}%2f${h}`]) {
      for (const method of ['GET', 'PUT']) {
        const status = await raw(method, path, auth(rw));
        expect([400, 404], `${method} ${path}`).toContain(status);
      }
    }
    expect(await raw('GET', `/api/stored/${w}/../../secret`, auth(rw))).toBe(400);
  });
});

describe('rooms and invites', () => {
  test('create a room, 409 when it exists; invite tokens with roles work on the socket', async () => {
    const created = await fetch(`${relay.http}/api/rooms`, { method: 'POST' });
    expect(created.status).toBe(201);
    const room = (await created.json()) as { workspace: string; token: string; expiresAt: number };
    expect(room.workspace).toMatch(/^[0-9a-f]{32}$/);
    expect(await verifyToken(SECRET, room.token)).toMatchObject({ ok: true, claims: { workspace: room.workspace, role: 'read-write' } });
    expect(room.expiresAt).toBe(readTokenClaims(room.token)!.expiresAt);
    expect((await fetch(`${relay.http}/api/rooms`, { method: 'POST', body: JSON.stringify({ workspace: room.workspace }) })).status).toBe(409);
    const chosen = newWorkspace();
    expect((await fetch(`${relay.http}/api/rooms`, { method: 'POST', body: JSON.stringify({ workspace: chosen }) })).status).toBe(201);
    expect((await fetch(`${relay.http}/api/rooms`, { method: 'POST', body: JSON.stringify({ workspace: 'NOPE' }) })).status).toBe(400);

    const inv = await fetch(`${relay.http}/api/invites`, { method: 'POST', headers: auth(room.token), body: JSON.stringify({ role: 'read-only', ttlSeconds: 600 }) });
    expect(inv.status).toBe(200);
    const invite = (await inv.json()) as { token: string; expiresAt: number };
    expect(readTokenClaims(invite.token)).toMatchObject({ workspace: room.workspace, role: 'read-only' });
    expect(invite.expiresAt - Date.now()).toBeGreaterThan(590_000);
    // A read-only token cannot invite; bad roles and TTLs are refused.
    expect((await fetch(`${relay.http}/api/invites`, { method: 'POST', headers: auth(invite.token), body: JSON.stringify({ role: 'read-only' }) })).status).toBe(403);
    expect((await fetch(`${relay.http}/api/invites`, { method: 'POST', headers: auth(room.token), body: JSON.stringify({ role: 'admin' }) })).status).toBe(400);
    expect((await fetch(`${relay.http}/api/invites`, { method: 'POST', headers: auth(room.token), body: JSON.stringify({ role: 'read-only', ttlSeconds: -5 }) })).status).toBe(400);
    expect((await fetch(`${relay.http}/api/invites`, { method: 'POST', body: JSON.stringify({ role: 'read-only' }) })).status).toBe(401);

    const c = connect(relay.ws, room.workspace, invite.token);
    try {
      await synced(c);
    } finally {
      c.destroy();
    }
  });

  test('--no-open-rooms: rooms come only from the mint command', async () => {
    const closed = await startRelay({ args: ['--no-open-rooms'] });
    try {
      expect((await fetch(`${closed.http}/api/rooms`, { method: 'POST' })).status).toBe(403);
    } finally {
      await closed.stop();
      removeDir(closed.dataDir);
    }
  });
});
