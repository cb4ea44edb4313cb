// Names of a workspace's sync documents (docs/sync-design.md). A fixed set of 17, whatever the
// workspace holds, so a session always opens (and connects) the same documents:
//   `<W>`           the root document: experiments and the whole registry (small);
//   `<W>/runs/<h>`  16 run shards, h = 0-9a-f: every run whose id starts with h, its metric chunk
//                   refs and its artifact refs. A run's shard follows from its id alone, so it never
//                   changes (moving a run to another experiment is a field change) and every peer
//                   writes a run's entries into the same document.
// The relay uses these names as room names. Any other name is not a document of this layout.

/** The shard suffixes, in order. */
export const RUN_SHARDS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'] as const;
export type RunShard = (typeof RUN_SHARDS)[number];

const HEX = /^[0-9a-f]$/;

export const rootDocName = (workspaceId: string): string => workspaceId;

/**
 * The shard of a run: the first character of its id. Orchard's run ids are uuid4 hex (32 lowercase
 * hex chars), so shards fill evenly. Imported ids that do not start with a lowercase hex digit
 * (MLflow accepts more) go by a hash of the whole id instead: still a pure function of the id.
 */
export function runShardOf(runId: string): RunShard {
  const first = runId.charAt(0);
  if (HEX.test(first)) return first as RunShard;
  // FNV-1a over the UTF-16 code units
  let h = 0x811c9dc5;
  for (let i = 0; i < runId.length; i++) {
    h ^= runId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return RUN_SHARDS[h & 15] as RunShard;
}

export const runShardDocName = (workspaceId: string, shard: RunShard): string => `${workspaceId}/runs/${shard}`;

/** The document holding a run (its fields, metric chunk refs and artifact refs). */
export const runDocName = (workspaceId: string, runId: string): string => runShardDocName(workspaceId, runShardOf(runId));

/** Every document of a workspace: the root first, then the 16 run shards. */
export const workspaceDocNames = (workspaceId: string): string[] => [rootDocName(workspaceId), ...RUN_SHARDS.map((s) => runShardDocName(workspaceId, s))];

/** The shard of a run shard document's name, or undefined for any other name. */
export function shardOfDoc(workspaceId: string, name: string): RunShard | undefined {
  const prefix = `${workspaceId}/runs/`;
  if (!name.startsWith(prefix)) return undefined;
  const shard = name.slice(prefix.length);
  return HEX.test(shard) ? (shard as RunShard) : undefined;
}
