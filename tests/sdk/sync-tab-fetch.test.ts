// A tab without the sync session fetching an artifact through the tab that has it: the request
// and its answers over a stand-in for the tabs' BroadcastChannel (every tab hears every message
// but its own); progress relayed (throttled, the last one always), errors carried as codes.
import { expect, test } from 'vitest';
import { ArtifactFetchError } from '../../src/sdk/artifact-fetch';
import { answerTabFetch, TabFetchRequests, type ArtifactFetcher } from '../../src/sdk/sync-tab-fetch';
import type { TabMessage } from '../../src/sdk/sync-tabs';
import { BlobNotOnRelayError } from '../../src/sync/blob-download';
import { RelayHttpError } from '../../src/sync/transport/relay-http';

/** Two tabs on one channel: what one posts, the other hears (asynchronously, like a channel). */
function channel(onSessionTab: (m: TabMessage, post: (m: TabMessage) => void) => void) {
  const posted: TabMessage[] = [];
  let asker: TabFetchRequests;
  const fromSession = (m: TabMessage): void => {
    posted.push(m);
    queueMicrotask(() => asker.hear(m));
  };
  asker = new TabFetchRequests((m) => queueMicrotask(() => onSessionTab(m, fromSession)), { answerMs: 50, stallMs: 200 });
  return { asker, posted };
}

const H = 'c'.repeat(64);

test('the session tab fetches; the asking tab hears progress and the end', async () => {
  const fetcher: ArtifactFetcher = async (_run, _path, onProgress) => {
    for (let loaded = 0; loaded <= 1000; loaded += 100) onProgress?.({ loaded, total: 1000 });
  };
  const seen: number[] = [];
  const { asker, posted } = channel((m, post) => {
    if (m.kind === 'fetch') void answerTabFetch(m, fetcher, post, 1000);
  });
  await asker.request('r'.repeat(32), 'data.csv', (p) => seen.push(p.loaded));
  // "on it" first, then throttled progress (the last one always), then done
  expect(seen[0]).toBe(0);
  expect(seen[seen.length - 1]).toBe(1000);
  expect(seen.length).toBeLessThan(6);
  expect(posted[posted.length - 1]).toMatchObject({ kind: 'fetch-done' });
  expect((posted[posted.length - 1] as { error?: unknown }).error).toBeUndefined();
});

test("the session tab's error arrives as the same kind of error", async () => {
  const cases: Array<[unknown, string, boolean]> = [
    [new BlobNotOnRelayError(H), 'not-uploaded', true],
    [new RelayHttpError(0, 'Cannot reach the relay at ws://x.'), 'offline', true],
    [new ArtifactFetchError('not-syncing', 'not syncing'), 'not-syncing', false],
    [new RelayHttpError(401, 'The relay refused to download blob: 401 token expired'), 'failed', false],
  ];
  for (const [thrown, code, transient] of cases) {
    const { asker } = channel((m, post) => {
      if (m.kind === 'fetch') void answerTabFetch(m, async () => Promise.reject(thrown), post);
    });
    const err = await asker.request('r'.repeat(32), 'x.bin').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArtifactFetchError);
    expect((err as ArtifactFetchError).code).toBe(code);
    expect((err as ArtifactFetchError).transient).toBe(transient);
  }
});

test('nobody answering, or the session tab going quiet mid-transfer, ends in "no-answer"', async () => {
  const silent = channel(() => undefined);
  await expect(silent.asker.request('r'.repeat(32), 'a.txt')).rejects.toMatchObject({ code: 'no-answer' });

  const quits = channel((m, post) => {
    if (m.kind === 'fetch') post({ kind: 'fetch-progress', id: m.id, loaded: 10, total: 100 }); // then the tab closes
  });
  const started = Date.now();
  await expect(quits.asker.request('r'.repeat(32), 'a.txt')).rejects.toMatchObject({ code: 'no-answer' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(150); // the stall deadline, not the answer one
});

test("answers to other tabs' requests are ignored; close() ends what is waiting", async () => {
  const { asker } = channel(() => undefined);
  const waiting = asker.request('r'.repeat(32), 'a.txt').catch((e: unknown) => e);
  asker.hear({ kind: 'fetch-done', id: 'someone-else' });
  asker.close();
  expect(await waiting).toMatchObject({ code: 'no-answer' });
});
