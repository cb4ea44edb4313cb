// Who gets in: tokens, workspaces, Origin and Host. Every refusal is a close code with a reason,
// decided before Hocuspocus or the disk is involved, and the socket receives nothing first.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signToken } from '../../src/domain/sync/token';
import { connect, newWorkspace, rawSocket, type Relay, startRelay, stopRelay, synced, token, waitFor } from './helpers';

let relay: Relay;
beforeAll(async () => {
  relay = await startRelay();
}, 30_000);
afterAll(() => stopRelay(relay), 30_000);

async function refused(path: string, headers: Record<string, string> = {}) {
  const s = await rawSocket(`${relay.ws}/${path}`, headers);
  const closed = await s.closed;
  return { ...closed, received: s.messages.length };
}

test('missing, invalid, expired and foreign tokens are refused with 4401/4403', async () => {
  const w = newWorkspace();
  const other = newWorkspace();
  const cases: Array<[string, string, number, string]> = [
    ['no token', w, 4401, 'token required'],
    ['garbage', `${w}?token=nope`, 4401, 'invalid token'],
    ['bad signature', `${w}?token=${await signToken('another-secret-0123456789abcdef', { workspace: w, role: 'read-write', ttlSeconds: 60 })}`, 4401, 'invalid token'],
    ['expired', `${w}?token=${await token(w, 'read-write', 1, Date.now() - 10_000)}`, 4401, 'token expired'],
    ['other workspace', `${w}?token=${await token(other)}`, 4403, 'token is for another workspace'],
    ['other workspace, experiment doc', `${w}/exp/1?token=${await token(other)}`, 4403, 'token is for another workspace'],
    ['bad document name', `${w}/../x?token=${await token(w)}`, 4400, 'bad document name'],
  ];
  for (const [label, path, code, reason] of cases) {
    expect(await refused(path), label).toEqual({ code, reason, received: 0 });
  }
  // Nothing was loaded or created for the refused attempts.
  const health = await (await fetch(`${relay.http}/healthz`)).json();
  expect(health.docsLoaded).toBe(0);
});

test('Origin and Host headers are checked', async () => {
  const w = newWorkspace();
  const t = await token(w);
  expect(await refused(`${w}?token=${t}`, { Origin: 'https://evil.example' })).toEqual({ code: 4403, reason: 'origin not allowed', received: 0 });
  expect(await refused(`${w}?token=${t}`, { Origin: 'null' })).toMatchObject({ code: 4403 });
  expect(await refused(`${w}?token=${t}`, { Host: 'evil.example' })).toEqual({ code: 4403, reason: 'host not allowed', received: 0 });
  // Allowed: a dev server on localhost, and the relay's own origin.
  for (const origin of ['http://localhost:5173', `http://127.0.0.1:${relay.port}`]) {
    const s = await rawSocket(`${relay.ws}/${w}?token=${t}`, { Origin: origin });
    s.ws.send(Buffer.from([0, 0, 1, 0])); // sync step 1 with an empty state vector
    await waitFor(() => s.messages.length > 0, 5000, `reply with origin ${origin}`);
    s.ws.close();
  }
  // HTTP: CORS for allowed origins only.
  const pre = await fetch(`${relay.http}/api/invites`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' } });
  expect(pre.status).toBe(204);
  expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  expect((await fetch(`${relay.http}/healthz`, { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
});

test('a y-websocket provider refused with 4401 stops reconnecting', async () => {
  const w = newWorkspace();
  const c = connect(relay.ws, w, await token(w, 'read-write', 1, Date.now() - 10_000));
  try {
    await waitFor(() => c.closes.length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(c.closes).toEqual([{ code: 4401, reason: 'token expired' }]);
    expect(c.provider.shouldConnect).toBe(false);
  } finally {
    c.destroy();
  }
  // And a good token on the same relay works.
  const ok = connect(relay.ws, w, await token(w));
  try {
    await synced(ok);
  } finally {
    ok.destroy();
  }
});

test('HTTP endpoints want a token for the right workspace', async () => {
  const w = newWorkspace();
  expect((await fetch(`${relay.http}/api/stored/${w}`)).status).toBe(401);
  expect((await fetch(`${relay.http}/api/stored/${w}`, { headers: { Authorization: `Bearer ${await token(newWorkspace())}` } })).status).toBe(403);
  expect((await fetch(`${relay.http}/api/stored/${w}`, { headers: { Authorization: 'Bearer orc1.x.y' } })).status).toBe(401);
  const r = await fetch(`${relay.http}/api/stored/${w}`, { headers: { Authorization: `Bearer ${await token(w, 'read-only')}` } });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ stateVector: 'AA==' });
});
