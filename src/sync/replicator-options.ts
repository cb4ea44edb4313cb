// What starts a replicator (sync/replicator.ts): whose workspace and device, which adapters, where
// its documents' stored updates come from, and the knobs tests turn (clock skew, seal window,
// retry backoff).
import type { SyncAdapter } from './adapter';
import type { BackoffOptions } from './backoff';

export interface ReplicatorOptions {
  /** 32 hex chars: the relay room and the root document's name */
  workspaceId: string;
  /** this device's id in this workspace (16 hex chars) */
  peerId: string;
  /** the local user's name, stamped into every slot written here */
  user: string;
  /** adapters besides the built-in one for experiments, runs, metrics and artifacts (the registry) */
  adapters?: SyncAdapter[];
  /** stored updates of a document, applied before it is observed (the transport persists them) */
  loadDoc?: (name: string) => Promise<Uint8Array[]>;
  /** the physical clock behind the hybrid clock (tests inject skew); default Date.now */
  now?: () => number;
  /** on the first start, write what is already stored into the documents (default true) */
  snapshot?: boolean;
  /** take the Web Lock `orchard-sync-<db>` first (default: when the browser has Web Locks) */
  lock?: boolean;
  /** points wait at most this long before they are sealed into a chunk (default 2000 ms) */
  sealAfterMs?: number;
  /** backoff of retries after a failed publish or a refused (unstored) update (default 1 s .. 60 s) */
  retry?: BackoffOptions;
}
