// The blob upload queue against a stand-in relay: several PUTs in flight at once (never more than
// asked), a blob the relay will never take (413) leaves the queue with a report, and a failed PUT
// ends the pass with the rest still queued, to go out on the next pass.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { openWorkspace } from '../../src/sdk/index';
import { enqueueUploads } from '../../src/storage/sync-blob-rows';
import { BlobUploader } from '../../src/sync/blob-upload';
import { RelayHttpError, type RelayHttp } from '../../src/sync/transport/relay-http';

const hashOf = (i: number): string => i.toString(16).padStart(64, '0');

async function queued(n: number) {
  const ws = await openWorkspace({ name: `uploads-${process.pid}-${Date.now()}-${Math.random()}` });
  const db = ws.store.db;
  await db.blobs.bulkPut(Array.from({ length: n }, (_, i) => ({ sha256: hashOf(i), size: 3, data: new Blob([`b${i}`]) })));
  await enqueueUploads(db, Array.from({ length: n }, (_, i) => hashOf(i)));
  return db;
}

/** A relay that answers every PUT after a few ms, counting how many are in flight. */
function fakeRelay(fail: (sha256: string) => RelayHttpError | undefined = () => undefined) {
  const stored = new Set<string>();
  let inFlight = 0;
  let most = 0;
  const http = {
    missingBlobs: async (_w: string, hashes: readonly string[]) => hashes.filter((h) => !stored.has(h)),
    putBlob: async (_w: string, sha256: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 3));
      inFlight--;
      const error = fail(sha256);
      if (error) throw error;
      stored.add(sha256);
    },
  } as unknown as RelayHttp;
  return { http, stored, most: () => most };
}

test('uploads go out several at a time, never more than asked, and leave the queue empty', async () => {
  const db = await queued(40);
  const relay = fakeRelay();
  const rejected: string[] = [];
  const up = new BlobUploader({ db, http: relay.http, workspace: 'w', concurrency: 4, onRejected: (h) => rejected.push(h) });
  up.kick();
  await up.settled();
  expect(relay.stored.size).toBe(40);
  expect(relay.most()).toBeGreaterThan(1);
  expect(relay.most()).toBeLessThanOrEqual(4);
  expect(await db.syncUploads.count()).toBe(0);
  expect(up.error).toBeUndefined();
  expect(rejected).toEqual([]);
});

test('a blob over the relay\'s limit (413) is reported and leaves the queue; the others go out', async () => {
  const db = await queued(10);
  const big = hashOf(3);
  const relay = fakeRelay((h) => (h === big ? new RelayHttpError(413, 'too large') : undefined));
  const rejected: string[] = [];
  const up = new BlobUploader({ db, http: relay.http, workspace: 'w', onRejected: (h) => rejected.push(h) });
  up.kick();
  await up.settled();
  expect(rejected).toEqual([big]);
  expect(relay.stored.size).toBe(9);
  expect(await db.syncUploads.count()).toBe(0);
});

test('a failed PUT ends the pass: what did not go out stays queued, and the next pass sends it', async () => {
  const db = await queued(30);
  let down = true;
  const relay = fakeRelay((h) => (down && h === hashOf(10) ? new RelayHttpError(503, 'relay busy') : undefined));
  const up = new BlobUploader({ db, http: relay.http, workspace: 'w', backoff: { initialMs: 60_000, maxMs: 60_000 } });
  up.kick();
  await up.settled();
  expect(up.error?.message).toBe('relay busy');
  const left = await db.syncUploads.count();
  expect(left).toBeGreaterThan(0);
  expect(relay.stored.size + left).toBe(30);
  expect(relay.stored.has(hashOf(10))).toBe(false);
  down = false;
  up.kick(); // the relay is back (the session kicks the queue on reconnect)
  await up.settled();
  expect(relay.stored.size).toBe(30);
  expect(await db.syncUploads.count()).toBe(0);
  expect(up.error).toBeUndefined();
  up.stop();
});
