// Why fetching an artifact's bytes from the relay failed, in words a page can show and a code it
// can act on (retry by itself, or ask the user). Errors cross tabs as { code, message }, so the
// tab that asked gets the same error the session's tab saw.
import { BlobNotOnRelayError } from '../sync/blob-download';
import { RelayHttpError } from '../sync/transport/relay-http';

export type ArtifactFetchProblem =
  /** the peer that logged it has not uploaded the bytes yet: worth retrying later */
  | 'not-uploaded'
  /** the relay cannot be reached right now: worth retrying later */
  | 'offline'
  /** this workspace is not syncing on this device (never shared, left, or refused) */
  | 'not-syncing'
  /** the tab running the sync session did not answer */
  | 'no-answer'
  /** anything else (bytes failed verification, the relay refused the token, no such artifact) */
  | 'failed';

export class ArtifactFetchError extends Error {
  constructor(
    readonly code: ArtifactFetchProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ArtifactFetchError';
  }

  /** true when trying again later may succeed without anyone doing anything */
  get transient(): boolean {
    return this.code === 'not-uploaded' || this.code === 'offline';
  }
}

export const NOT_SYNCING_MESSAGE = "This artifact's bytes are on the relay, but this workspace is not syncing on this device right now, so they cannot be fetched. Open the Sharing page to see why.";

export const NO_ANSWER_MESSAGE = 'The tab that syncs this workspace did not answer. Open that tab (or reload this one) and try again.';

/** A session error as an ArtifactFetchError. */
export function toArtifactFetchError(e: unknown): ArtifactFetchError {
  if (e instanceof ArtifactFetchError) return e;
  if (e instanceof BlobNotOnRelayError) {
    return new ArtifactFetchError('not-uploaded', 'The bytes are not on the relay yet: the person who logged this file has not uploaded them (they may be offline). Trying again by itself.');
  }
  if (e instanceof RelayHttpError && e.status === 0) return new ArtifactFetchError('offline', `${e.message} Trying again by itself.`);
  return new ArtifactFetchError('failed', e instanceof Error ? e.message : String(e));
}
