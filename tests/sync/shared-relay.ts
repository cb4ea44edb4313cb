// One relay process shared by all the tests of a session test file, and the peers a test starts
// on it: the relay starts before the first test and is disposed after the last; every peer is
// stopped when the test that started it ends.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { RelayProcess } from './relay-process';
import { restartPeer, type SessionPeer, startPeer, stopPeer } from './session-peers';

export interface SharedRelay {
  /** The relay's URL (http://127.0.0.1:PORT); there once beforeAll has run. */
  readonly url: string;
  /** Starts a peer with the full session on the relay; it is stopped after this test. */
  peer(workspace: string, token: string, user: string, options?: { name?: string; peerId?: string }): Promise<SessionPeer>;
  /** Stops a peer before its test ends (it leaves: the others see it go). */
  stop(p: SessionPeer): Promise<void>;
  /** Restarts a peer's session on the same local workspace (a reload); the new one is stopped after this test. */
  reload(p: SessionPeer): Promise<SessionPeer>;
}

/** Registers the hooks (call it at the top of a test file) and returns the relay to use in the tests. */
export function sharedRelay(): SharedRelay {
  let relay: RelayProcess | undefined;
  const peers: SessionPeer[] = [];
  beforeAll(async () => {
    relay = await RelayProcess.start();
  });
  afterAll(async () => {
    await relay?.dispose();
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) await stopPeer(p);
  });
  const url = (): string => {
    if (!relay) throw new Error('the shared relay starts in beforeAll: use it inside a test');
    return relay.url;
  };
  return {
    get url() {
      return url();
    },
    async peer(workspace, token, user, options) {
      const p = await startPeer(url(), workspace, token, user, options);
      peers.push(p);
      return p;
    },
    async stop(p) {
      peers.splice(peers.indexOf(p), 1);
      await stopPeer(p);
    },
    async reload(p) {
      peers.splice(peers.indexOf(p), 1);
      const reloaded = await restartPeer(p);
      peers.push(reloaded);
      return reloaded;
    },
  };
}
