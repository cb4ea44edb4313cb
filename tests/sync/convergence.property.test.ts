// Seeded property: 3-5 peers, random SDK operations, a network that drops, duplicates, delays
// and reorders Yjs updates, random partitions, tabs reloading, a document store that refuses
// updates for a while (disk full). After healing, every replica holds the same documents and the
// same tables (experiments, runs with summaries and conflict flags, artifact rows, metric history
// as a multiset of points per run and key), and every journal is empty: nothing was lost.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Network, newWorkspaceId, openPeer, restartPeer, type Peer } from './harness';
import { type Op, opArb, runOp } from './ops';
import { docContent, tableContent } from './replica-state';

type NetStep =
  | { kind: 'deliver'; i: number }
  | { kind: 'duplicate'; i: number }
  | { kind: 'drop'; i: number }
  | { kind: 'drain'; peer: number }
  | { kind: 'partition'; group: number }
  | { kind: 'heal' }
  | { kind: 'wait' }
  /** the tab reloads: a new replicator on the same database, documents loaded from what was persisted */
  | { kind: 'restart'; peer: number }
  /** the peer's document store refuses its next n updates */
  | { kind: 'diskFull'; peer: number; n: number };

type Step = Op | NetStep;

const netArb = (peers: number): fc.Arbitrary<NetStep> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), i: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), i: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), i: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drain' as const), peer: fc.nat({ max: peers - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), group: fc.nat({ max: 2 ** peers - 1 }) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'heal' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'wait' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), peer: fc.nat({ max: peers - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('diskFull' as const), peer: fc.nat({ max: peers - 1 }), n: fc.integer({ min: 1, max: 3 }) }) },
  );

const scenario = fc.integer({ min: 3, max: 5 }).chain((peers) =>
  fc.record({
    peers: fc.constant(peers),
    steps: fc.array(fc.oneof({ weight: 3, arbitrary: opArb(peers) as fc.Arbitrary<Step> }, { weight: 2, arbitrary: netArb(peers) as fc.Arbitrary<Step> }), { minLength: 20, maxLength: Number(process.env.SYNC_STEPS ?? 60) }),
  }),
);

async function step(net: Network, peers: Peer[], s: Step, clock: { t: number }, w: string): Promise<void> {
  const at = (i: number): number => (net.queue.length === 0 ? 0 : i % net.queue.length);
  switch (s.kind) {
    case 'deliver':
      return net.deliver(at(s.i));
    case 'duplicate':
      return net.deliver(at(s.i), true);
    case 'drop':
      return net.drop(at(s.i));
    case 'drain':
      return (peers[s.peer] as Peer).rep.drain();
    case 'partition':
      return net.partition(new Set(peers.filter((p) => (s.group >> p.index) & 1).map((p) => p.index)));
    case 'heal':
      return net.healLinks();
    case 'wait':
      for (const p of peers) await p.rep.idle();
      return;
    case 'restart':
      return restartPeer(net, peers[s.peer] as Peer, w);
    case 'diskFull':
      (peers[s.peer] as Peer).storeFaults.refuse = s.n;
      return;
    default:
      return runOp(peers[s.peer] as Peer, s, clock, peers);
  }
}

test('every replica converges: documents and tables', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ peers: count, steps }) => {
      const w = newWorkspaceId();
      const peers: Peer[] = [];
      for (let i = 0; i < count; i++) peers.push(await openPeer(w, i));
      const net = new Network(peers);
      try {
        const clock = { t: 1_000 };
        for (const s of steps) await step(net, peers, s, clock, w);
        for (const p of peers) p.storeFaults.refuse = 0; // the disk has room again
        await net.settle(); // its drain() calls retry what the store refused at once
        const [first, ...rest] = peers as [Peer, ...Peer[]];
        const docs = docContent(first);
        const tables = await tableContent(first);
        for (const p of rest) {
          expect(docContent(p)).toEqual(docs);
          expect(await tableContent(p)).toEqual(tables);
        }
        for (const p of peers) expect(p.rep.problems().filter((t) => !t.includes('the disk is full'))).toEqual([]);
        for (const p of peers) expect(await p.ws.store.db.journal.count()).toBe(0);
      } finally {
        await net.close();
      }
    }),
    // SYNC_SEED / SYNC_RUNS explore further when changing the replicator; the suite stays seeded.
    { seed: Number(process.env.SYNC_SEED ?? 20261129), numRuns: Number(process.env.SYNC_RUNS ?? 40), endOnFailure: true },
  );
}, 120_000);
