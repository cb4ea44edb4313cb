// Making a peer's artifact local before it is read. In a shared workspace an artifact's row (path,
// size, hash) arrives with the run, its bytes stay on the relay until someone opens or downloads
// the file; then the tab that syncs the workspace fetches and verifies them (SyncHandle.fetchArtifact)
// and this reports the bytes as they arrive.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { MlflowClient } from '../../sdk/index';
import type { FetchProgress, SyncHandle } from '../../sdk/sync';

export interface ArtifactBytes {
  /** undefined until known; false while the bytes are on the relay only */
  here: Accessor<boolean | undefined>;
  /** bytes so far (and expected) while a fetch runs */
  transfer: Accessor<FetchProgress | undefined>;
  /** Asks storage again whether the bytes are here (for the label; never fetches). */
  check(): Promise<void>;
  /** Resolves once the bytes are stored here, fetching them first when they are not. Concurrent
   * calls (preview and Download at once) share one fetch. */
  ensure(): Promise<void>;
}

export interface ArtifactBytesOptions {
  client: MlflowClient;
  sync: Pick<SyncHandle, 'fetchArtifact'>;
  runId: () => string;
  path: () => string;
  size: () => number;
  /** the bytes were just fetched (listings that say "on the relay" read again) */
  onFetched?: () => void;
}

/** `create*`: owned by a component; nothing is set after its owner is disposed. */
export function createArtifactBytes(o: ArtifactBytesOptions): ArtifactBytes {
  const [here, setHere] = createSignal<boolean>();
  const [transfer, setTransfer] = createSignal<FetchProgress>();
  let alive = true;
  onCleanup(() => (alive = false));
  let inFlight: Promise<void> | undefined;
  let checked: Promise<boolean> | undefined;

  const isHere = async (): Promise<boolean> => {
    const yes = await o.client.hasArtifactBytes(o.runId(), o.path());
    if (alive) setHere(yes);
    return yes;
  };

  const fetchNow = async (): Promise<void> => {
    const size = o.size();
    setTransfer({ loaded: 0, total: size });
    try {
      await o.sync.fetchArtifact(o.runId(), o.path(), (p) => {
        if (alive) setTransfer({ loaded: p.loaded, total: p.total || size });
      });
    } finally {
      if (alive) setTransfer(undefined);
    }
    if (!alive) return;
    setHere(true);
    o.onFetched?.();
  };

  return {
    here,
    transfer,
    async check() {
      checked = isHere();
      await checked.catch(() => undefined); // a vanished file is the listing's business
    },
    async ensure() {
      // The preview calls check() and then ensure() for one attempt: answer both with one read.
      const answer = checked ?? isHere();
      checked = undefined;
      if (await answer) return;
      inFlight ??= fetchNow().finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}
