// Blob transfer against an in-memory stand-in for the relay's blob endpoints (the real relay is
// exercised in transport-relay*.test.ts): bytes are verified before they are stored, concurrent
// requests share one download, progress streams, uploads send only what the relay lacks and
// retry after failures.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { BlobDownloader, BlobNotOnRelayError } from '../../src/sync/blob-download';
import { BlobIntegrityError, sha256Hex } from '../../src/sync/blob-hash';
import { BlobTransfer } from '../../src/sync/blob-transfer';
import { RelayHttp, RelayHttpError } from '../../src/sync/transport/relay-http';
import { blobBytes, countQueuedUploads, enqueueUploads, hasBlob } from '../../src/storage/sync-blob-rows';
import { WorkspaceStore } from '../../src/storage/workspace-store';

const W = 'ab'.repeat(16);
const stores: WorkspaceStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function open(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`blobs-${Math.random().toString(36).slice(2)}`);
  stores.push(s);
  return s;
}

/** The relay's blob endpoints in memory; `tamper` corrupts what GET returns, `fail` answers 503. */
function fakeRelay() {
  const blobs = new Map<string, Uint8Array>();
  const log: string[] = [];
  const state = { tamper: false, fail: 0, chunk: 1000 };
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    log.push(`${method} ${url.pathname}`);
    if (state.fail > 0) {
      state.fail--;
      return new Response('{"error":"busy"}', { status: 503 });
    }
    const [, , , last] = url.pathname.split('/');
    if (method === 'POST' && last === 'missing') {
      const { hashes } = JSON.parse(String(init?.body)) as { hashes: string[] };
      return Response.json({ missing: hashes.filter((h) => !blobs.has(h)) });
    }
    const hash = last as string;
    if (method === 'PUT') {
      blobs.set(hash, new Uint8Array(await new Response(init?.body).arrayBuffer()));
      return new Response(null, { status: 201 });
    }
    const bytes = blobs.get(hash);
    if (!bytes) return new Response('{"error":"no such blob"}', { status: 404 });
    const body = state.tamper ? bytes.map((b) => b ^ 1) : bytes;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < body.length; i += state.chunk) c.enqueue(body.slice(i, i + state.chunk));
        c.close();
      },
    });
    return new Response(stream, { headers: { 'content-length': String(body.length) } });
  };
  return { blobs, log, state, http: new RelayHttp('http://relay.test', 'tok', fetchFn) };
}

const bytesOf = (n: number, seed = 1): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => (i * seed) % 251);

test('a download whose bytes do not match the hash is rejected and nothing is stored', async () => {
  const store = await open();
  const relay = fakeRelay();
  const good = bytesOf(5000);
  const hash = await sha256Hex(good);
  relay.blobs.set(hash, good);
  relay.state.tamper = true;
  const dl = new BlobDownloader({ db: store.db, http: relay.http, workspace: W });
  const err = await dl.fetch(hash).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BlobIntegrityError);
  expect((err as Error).message).toMatch(/failed verification/);
  expect(await hasBlob(store.db, hash)).toBe(false);
  relay.state.tamper = false;
  expect(await dl.fetch(hash)).toEqual(good);
  expect(await blobBytes(store.db, hash)).toEqual(good);
});

test('concurrent requests for one blob share a download and both hear the streamed progress', async () => {
  const store = await open();
  const relay = fakeRelay();
  const data = bytesOf(10_000, 7);
  const hash = await sha256Hex(data);
  relay.blobs.set(hash, data);
  const dl = new BlobDownloader({ db: store.db, http: relay.http, workspace: W });
  const seenA: number[] = [];
  const seenB: number[] = [];
  const [a, b] = await Promise.all([dl.fetch(hash, { onProgress: (p) => seenA.push(p.loaded) }), dl.fetch(hash, { onProgress: (p) => seenB.push(p.loaded) })]);
  expect(a).toEqual(data);
  expect(b).toBe(a);
  expect(relay.log.filter((l) => l.startsWith('GET'))).toHaveLength(1);
  expect(seenA[seenA.length - 1]).toBe(10_000);
  expect(seenA.length).toBeGreaterThanOrEqual(10);
  expect([...seenA].sort((x, y) => x - y)).toEqual(seenA);
  expect(seenB[seenB.length - 1]).toBe(10_000);
  // stored now: the next request is answered locally
  await dl.fetch(hash);
  expect(relay.log.filter((l) => l.startsWith('GET'))).toHaveLength(1);
  await expect(dl.fetch('not-a-hash')).rejects.toThrow(/not a sha256/);
});

test('uploads send only what the relay lacks, retry after failures, and empty the queue', async () => {
  const store = await open();
  const relay = fakeRelay();
  const hashes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const b = bytesOf(100 + i, i + 2);
    const h = await sha256Hex(b);
    hashes.push(h);
    await store.db.blobs.put({ sha256: h, size: b.length, data: new Blob([b]) });
  }
  relay.blobs.set(hashes[0] as string, bytesOf(100, 2)); // the relay has the first one already
  await enqueueUploads(store.db, hashes);
  relay.state.fail = 2;
  const transfer = new BlobTransfer({ db: store.db, http: relay.http, workspace: W, canUpload: true, backoff: { initialMs: 10, maxMs: 20 } });
  transfer.uploads?.kick();
  for (let i = 0; i < 100 && (await countQueuedUploads(store.db)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  await transfer.uploads?.settled();
  expect(await countQueuedUploads(store.db)).toBe(0);
  expect(relay.log.filter((l) => l.startsWith('PUT')).sort()).toEqual([`PUT /blobs/${W}/${hashes[1]}`, `PUT /blobs/${W}/${hashes[2]}`].sort());
  expect(relay.blobs.size).toBe(3);
  for (const [h, b] of relay.blobs) expect(await sha256Hex(b)).toBe(h); // what was sent is the stored bytes
  // the relay lost everything: reconciling queues and sends every local blob again
  relay.blobs.clear();
  await transfer.uploads?.reconcile();
  for (let i = 0; i < 100 && relay.blobs.size < 3; i++) await new Promise((r) => setTimeout(r, 10));
  expect(relay.blobs.size).toBe(3);
  transfer.stop();
});

test('an auth refusal stops the upload queue and is reported', async () => {
  const store = await open();
  const b = bytesOf(10);
  const h = await sha256Hex(b);
  await store.db.blobs.put({ sha256: h, size: 10, data: new Blob([b]) });
  await enqueueUploads(store.db, [h]);
  const refusing = new RelayHttp('http://relay.test', 'tok', async () => new Response('{"error":"token expired"}', { status: 401 }));
  const refused: RelayHttpError[] = [];
  const transfer = new BlobTransfer({ db: store.db, http: refusing, workspace: W, canUpload: true, onAuthError: (e) => refused.push(e) });
  transfer.uploads?.kick();
  await transfer.uploads?.settled();
  expect(refused[0]?.status).toBe(401);
  expect(refused[0]?.message).toMatch(/token expired/);
  expect(await countQueuedUploads(store.db)).toBe(1);
  transfer.stop();
});

test('wanted blobs missing on the relay are retried until a peer uploads them', async () => {
  const store = await open();
  const relay = fakeRelay();
  const data = bytesOf(300, 3);
  const hash = await sha256Hex(data);
  const stored: string[] = [];
  const transfer = new BlobTransfer({ db: store.db, http: relay.http, workspace: W, canUpload: false, backoff: { initialMs: 20, maxMs: 40 }, onStored: (h) => stored.push(h) });
  expect(transfer.uploads).toBeUndefined();
  transfer.setWanted([hash]);
  await new Promise((r) => setTimeout(r, 60));
  expect(transfer.wantedCount()).toBe(1);
  expect(transfer.wantedErrors().get(hash)).toBeInstanceOf(BlobNotOnRelayError);
  expect(transfer.wantedErrors().get(hash)?.message).toMatch(/not on the relay yet/);
  expect(transfer.problem()).toBeUndefined(); // normal while the writer is offline: not a problem
  // the relay was only asked (POST .../missing), never sent a GET that would answer 404
  expect(relay.log.filter((l) => l.startsWith('GET'))).toEqual([]);
  expect(relay.log.filter((l) => l === `POST /blobs/${W}/missing`).length).toBeGreaterThanOrEqual(2);
  relay.blobs.set(hash, data);
  for (let i = 0; i < 50 && stored.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(stored).toEqual([hash]);
  expect(transfer.wantedCount()).toBe(0);
  expect(relay.log.filter((l) => l.startsWith('GET'))).toEqual([`GET /blobs/${W}/${hash}`]);
  transfer.stop();
});

test('wanted blobs are asked about in one batch; only those the relay has are downloaded', async () => {
  const store = await open();
  const relay = fakeRelay();
  const all: string[] = [];
  for (let i = 0; i < 10; i++) {
    const b = bytesOf(50 + i, i + 1);
    const h = await sha256Hex(b);
    all.push(h);
    if (i % 2 === 0) relay.blobs.set(h, b);
  }
  const stored: string[] = [];
  const transfer = new BlobTransfer({ db: store.db, http: relay.http, workspace: W, canUpload: false, backoff: { initialMs: 5000, maxMs: 5000 }, onStored: (h) => stored.push(h) });
  transfer.setWanted(all);
  for (let i = 0; i < 100 && stored.length < 5; i++) await new Promise((r) => setTimeout(r, 10));
  expect(stored.sort()).toEqual(all.filter((_, i) => i % 2 === 0).sort());
  expect(relay.log.filter((l) => l.startsWith('POST'))).toHaveLength(1);
  expect(relay.log.filter((l) => l.startsWith('GET')).sort()).toEqual(stored.map((h) => `GET /blobs/${W}/${h}`).sort());
  expect(transfer.wantedCount()).toBe(5);
  transfer.stop();
});

test('an artifact fetch asks the relay first: bytes nobody uploaded yet fail without a GET', async () => {
  const store = await open();
  const relay = fakeRelay();
  const data = bytesOf(700, 9);
  const hash = await sha256Hex(data);
  const dl = new BlobDownloader({ db: store.db, http: relay.http, workspace: W });
  await expect(dl.fetch(hash)).rejects.toBeInstanceOf(BlobNotOnRelayError);
  expect(relay.log).toEqual([`POST /blobs/${W}/missing`]);
  relay.blobs.set(hash, data);
  expect(await dl.fetch(hash)).toEqual(data);
  expect(relay.log.slice(1)).toEqual([`POST /blobs/${W}/missing`, `GET /blobs/${W}/${hash}`]);
});

test('a wanted blob that fails verification is reported as a problem and retried', async () => {
  const store = await open();
  const relay = fakeRelay();
  const data = bytesOf(2000, 5);
  const hash = await sha256Hex(data);
  relay.blobs.set(hash, data);
  relay.state.tamper = true;
  const transfer = new BlobTransfer({ db: store.db, http: relay.http, workspace: W, canUpload: false, backoff: { initialMs: 20, maxMs: 40 } });
  transfer.setWanted([hash]);
  for (let i = 0; i < 50 && !transfer.problem(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(transfer.problem()).toMatch(/failed verification.*discarded/);
  expect(await hasBlob(store.db, hash)).toBe(false);
  relay.state.tamper = false;
  for (let i = 0; i < 50 && transfer.wantedCount() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(transfer.wantedCount()).toBe(0);
  expect(transfer.problem()).toBeUndefined();
  transfer.stop();
});
