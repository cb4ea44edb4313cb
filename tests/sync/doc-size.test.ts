// How big the run documents get: a 10,000-run workspace (10 params, 10 tags and 5 metric chunk refs
// per run, each run written the way a live run is: created, params and tags logged, five seals,
// ended) in the 16 run shards vs. all of it in one document (the earlier one-document-per-experiment
// layout, for a 10,000-run experiment). y-websocket sends a document's whole missing state as one
// frame on first sync, so the largest document must fit the relay's sync frame limit.
import * as Y from 'yjs';
import { expect, test } from 'vitest';
import type { Run } from '../../src/domain/entities';
import { newRunId } from '../../src/domain/ids';
import { RUN_SHARDS, runDocName, runShardDocName } from '../../src/domain/sync/doc-names';
import { encodeHlc } from '../../src/domain/sync/hlc';
import { refKey, refOf } from '../../src/domain/sync/metric-ref';
import { PARAM, TAG, runFields } from '../../src/domain/sync/run-entity';
import { EntityWriter } from '../../src/sync/runs/entity-writer';
import { METRIC_REFS, RUNS } from '../../src/sync/runs/maps';

/** The relay's default sync frame limit (sync-server/config.ts DEFAULT_LIMITS.maxSyncFrame, 8 MiB);
 * duplicated here because src and its tests do not import the relay. */
const RELAY_MAX_SYNC_FRAME = 8 * 1024 * 1024;

const W = 'f'.repeat(32);
const PEER = 'a1b2c3d4e5f60718';
const RUNS_PER_TRANSACTION = 100; // a drain writes a batch of entries as one transaction per document

let wall = 1_760_000_000_000;
const hlc = (): string => encodeHlc({ wall: wall++, counter: 0, peer: PEER });

function run(runId: string, i: number): Run {
  return {
    info: { runId, runName: `run-${i}`, experimentId: '123456789012345678', userId: 'ada', status: 'RUNNING', startTime: wall, endTime: null, artifactUri: `mlflow-artifacts:/123456789012345678/${runId}/artifacts`, lifecycleStage: 'active' },
    data: { metrics: {}, params: {}, tags: { 'mlflow.runName': `run-${i}`, 'mlflow.user': 'ada' } },
    inputs: { datasetInputs: [] },
  };
}

/** Writes `count` runs into the documents `docOf` picks, as the replicator would. */
function writeWorkspace(count: number, docOf: (runId: string) => Y.Doc): void {
  const writer = new EntityWriter({ peer: PEER, user: 'ada' });
  const ids = Array.from({ length: count }, () => newRunId());
  for (let start = 0; start < count; start += RUNS_PER_TRANSACTION) {
    const batch = ids.slice(start, start + RUNS_PER_TRANSACTION);
    // created
    batch.forEach((id, j) => {
      const stamp = hlc();
      writer.set(docOf(id), RUNS, id, runFields(run(id, start + j), stamp), stamp);
    });
    writer.flush();
    // 10 params and 10 tags logged (8 besides the two system tags)
    for (const id of batch) {
      const f: Record<string, string> = {};
      for (let k = 0; k < 10; k++) f[`${PARAM}param_${k}`] = `${(k * 0.137).toFixed(4)}`;
      for (let k = 0; k < 8; k++) f[`${TAG}tag_${k}`] = `value-${k}-${id.slice(0, 6)}`;
      writer.set(docOf(id), RUNS, id, f, hlc());
    }
    writer.flush();
    // five seals, each a chunk of 3 metric keys (a ref's size does not depend on the point count)
    const hashes = batch.flatMap(() => Array.from({ length: 5 }, () => Array.from(crypto.getRandomValues(new Uint8Array(32)), (x) => x.toString(16).padStart(2, '0')).join('')));
    for (let seal = 0; seal < 5; seal++) {
      for (const [j, id] of batch.entries()) {
        const doc = docOf(id);
        const steps = Float64Array.from({ length: 20 }, (_, s) => seal * 20 + s);
        const content = {
          run: id,
          hlc: hlc(),
          keys: ['loss', 'accuracy', 'learning_rate'].map((key) => ({ key, steps, timestamps: steps.map((s) => wall + s), values: steps.map((s) => Math.sin(s) / (s + 1)) })),
        };
        const hash = hashes[j * 5 + seal] as string;
        doc.transact(() => doc.getMap(METRIC_REFS).set(refKey(id, hash), refOf(content, hash, 4_000)));
      }
    }
    // ended
    for (const id of batch) writer.set(docOf(id), RUNS, id, { status: 'FINISHED', endTime: wall }, hlc());
    writer.flush();
  }
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MiB`;

test('a 10,000-run workspace: every run shard stays far below the relay frame limit; one document would not', () => {
  const shards = new Map(RUN_SHARDS.map((s) => [runShardDocName(W, s), new Y.Doc()]));
  writeWorkspace(10_000, (id) => shards.get(runDocName(W, id)) as Y.Doc);
  const updates = [...shards.values()].map((d) => Y.encodeStateAsUpdate(d));
  const sizes = updates.map((u) => u.byteLength);
  const runsPerShard = [...shards.values()].map((d) => new Set([...d.getMap(RUNS).keys()].map((k) => k.split('|')[0])).size);
  const largest = Math.max(...sizes);
  const total = sizes.reduce((a, b) => a + b, 0);

  // The same writes in one document (what the earlier layout made of a 10,000-run experiment):
  // Yjs merges root types by name, so the shards' updates merged are that document.
  const one = Y.mergeUpdates(updates).byteLength;

  console.log(
    [
      `10,000 runs x (10 params, 10 tags, 5 metric chunk refs):`,
      `  16 run shards: largest ${mib(largest)} (${largest} B), smallest ${mib(Math.min(...sizes))}, total ${mib(total)}; runs per shard ${Math.min(...runsPerShard)}-${Math.max(...runsPerShard)}`,
      `  one document (old per-experiment layout): ${mib(one)} (${one} B)`,
      `  relay sync frame limit: ${mib(RELAY_MAX_SYNC_FRAME)}`,
    ].join('\n'),
  );
  expect(runsPerShard.reduce((a, b) => a + b, 0)).toBe(10_000);
  expect(largest).toBeLessThan(RELAY_MAX_SYNC_FRAME);
  // with room to grow: a shard's first sync is well under the limit
  expect(largest).toBeLessThan(RELAY_MAX_SYNC_FRAME / 2);
  expect(one).toBeGreaterThan(largest * 10);
}, 120_000);
