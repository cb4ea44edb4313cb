// The fixed document layout: the root and 16 run shards, a run's shard a pure function of its id.
import { expect, test } from 'vitest';
import { newRunId } from '../../../src/domain/ids';
import { RUN_SHARDS, rootDocName, runDocName, runShardOf, shardOfDoc, workspaceDocNames } from '../../../src/domain/sync/doc-names';

const W = '0123456789abcdef0123456789abcdef';

test('a workspace has 17 documents: the root, then one shard per hex digit', () => {
  const names = workspaceDocNames(W);
  expect(names).toHaveLength(17);
  expect(names[0]).toBe(rootDocName(W));
  expect(names.slice(1)).toEqual(RUN_SHARDS.map((h) => `${W}/runs/${h}`));
  expect(new Set(names).size).toBe(17);
});

test("a run's shard is the first hex digit of its id; other ids hash into a shard deterministically", () => {
  const id = newRunId();
  expect(runShardOf(id)).toBe(id[0]);
  expect(runDocName(W, `a${'0'.repeat(31)}`)).toBe(`${W}/runs/a`);
  for (const odd of ['Run-1', 'ÄÖ', 'X'.repeat(40), 'z']) {
    expect(RUN_SHARDS).toContain(runShardOf(odd));
    expect(runShardOf(odd)).toBe(runShardOf(odd));
  }
  // uuid4 hex ids spread over all shards
  const seen = new Set(Array.from({ length: 2000 }, () => runShardOf(newRunId())));
  expect(seen.size).toBe(16);
});

test('only the 16 shard names parse as shards', () => {
  for (const h of RUN_SHARDS) expect(shardOfDoc(W, `${W}/runs/${h}`)).toBe(h);
  for (const name of [W, `${W}/runs/`, `${W}/runs/A`, `${W}/runs/ab`, `${W}/exp/0`, `${'f'.repeat(32)}/runs/a`, `${W}/runs/g`]) expect(shardOfDoc(W, name)).toBeUndefined();
});
