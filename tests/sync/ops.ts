// Random user operations for the convergence tests, run through the public SDK against whatever a
// peer sees in its own tables (so they are realistic: a peer acts on its view, possibly stale).
// Small pools of names, keys and values make collisions likely: two peers naming experiments the
// same, logging the same param with different values, tagging the same key.
import fc from 'fast-check';
import { MlflowError } from '../../src/domain/errors';
import type { Peer } from './harness';

export type Op =
  | { kind: 'createExperiment'; peer: number; name: number }
  | { kind: 'renameExperiment'; peer: number; exp: number; name: number }
  | { kind: 'deleteExperiment' | 'restoreExperiment'; peer: number; exp: number }
  | { kind: 'experimentTag'; peer: number; exp: number; key: number; value: number | null }
  | { kind: 'createRun'; peer: number; exp: number }
  | { kind: 'logParam'; peer: number; run: number; key: number; value: number }
  | { kind: 'runTag'; peer: number; run: number; key: number; value: number | null }
  | { kind: 'logMetrics'; peer: number; run: number; key: number; points: Array<[number, number]> }
  | { kind: 'terminate'; peer: number; run: number }
  | { kind: 'renameRun'; peer: number; run: number; name: number }
  | { kind: 'deleteRun' | 'restoreRun'; peer: number; run: number }
  | { kind: 'moveRun'; peer: number; run: number; exp: number }
  | { kind: 'artifact'; peer: number; run: number; path: number; content: number }
  | { kind: 'inputs'; peer: number; run: number; dataset: number; tag: number }
  /** two peers log the same param of the same run with different values before hearing of each other */
  | { kind: 'paramRace'; peer: number; other: number; run: number; key: number };

const NAMES = ['alpha', 'beta', 'gamma'];
const KEYS = ['lr', 'k', 'mlflow.runName'];
const PARAM_KEYS = ['lr', 'depth'];
const PATHS = ['a.txt', 'd/b.txt', 'd/c.txt'];

export function opArb(peers: number): fc.Arbitrary<Op> {
  const peer = fc.integer({ min: 0, max: peers - 1 });
  const idx = fc.nat({ max: 50 });
  const small = fc.nat({ max: 2 });
  return fc.oneof(
    fc.record({ kind: fc.constant('createExperiment' as const), peer, name: small }),
    fc.record({ kind: fc.constant('renameExperiment' as const), peer, exp: idx, name: small }),
    fc.record({ kind: fc.constantFrom('deleteExperiment' as const, 'restoreExperiment' as const), peer, exp: idx }),
    fc.record({ kind: fc.constant('experimentTag' as const), peer, exp: idx, key: small, value: fc.option(small, { nil: null }) }),
    fc.record({ kind: fc.constant('createRun' as const), peer, exp: idx }),
    fc.record({ kind: fc.constant('createRun' as const), peer, exp: idx }),
    fc.record({ kind: fc.constant('logParam' as const), peer, run: idx, key: fc.nat({ max: 1 }), value: small }),
    fc.record({ kind: fc.constant('runTag' as const), peer, run: idx, key: small, value: fc.option(small, { nil: null }) }),
    fc.record({
      kind: fc.constant('logMetrics' as const),
      peer,
      run: idx,
      key: fc.nat({ max: 1 }),
      points: fc.array(fc.tuple(fc.nat({ max: 20 }), fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN))), { minLength: 1, maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('terminate' as const), peer, run: idx }),
    fc.record({ kind: fc.constant('renameRun' as const), peer, run: idx, name: small }),
    fc.record({ kind: fc.constantFrom('deleteRun' as const, 'restoreRun' as const), peer, run: idx }),
    fc.record({ kind: fc.constant('moveRun' as const), peer, run: idx, exp: idx }),
    fc.record({ kind: fc.constant('artifact' as const), peer, run: idx, path: small, content: small }),
    fc.record({ kind: fc.constant('inputs' as const), peer, run: idx, dataset: fc.nat({ max: 1 }), tag: small }),
    fc.record({ kind: fc.constant('paramRace' as const), peer, other: peer, run: idx, key: fc.nat({ max: 1 }) }),
  );
}

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

/** Runs one operation on a peer; refusals by the SDK (MlflowError) are part of the game. */
export async function runOp(p: Peer, op: Op, clock: { t: number }, peers: readonly Peer[] = [p]): Promise<void> {
  const db = p.ws.store.db;
  const exps = (await db.experiments.toArray()).sort((a, b) => (a.experimentId < b.experimentId ? -1 : 1));
  const runs = (await db.runs.toArray()).sort((a, b) => (a.runId < b.runId ? -1 : 1));
  const exp = 'exp' in op ? pick(exps, op.exp)?.experimentId : undefined;
  const run = 'run' in op ? pick(runs, op.run)?.runId : undefined;
  const c = p.client;
  try {
    switch (op.kind) {
      case 'createExperiment':
        await c.createExperiment(NAMES[op.name] as string);
        return;
      case 'renameExperiment':
        if (exp) await c.renameExperiment(exp, NAMES[op.name] as string);
        return;
      case 'deleteExperiment':
        if (exp) await c.deleteExperiment(exp);
        return;
      case 'restoreExperiment':
        if (exp) await c.restoreExperiment(exp);
        return;
      case 'experimentTag':
        if (!exp) return;
        if (op.value === null) await c.deleteExperimentTag(exp, `t${op.key}`);
        else await c.setExperimentTag(exp, `t${op.key}`, `v${op.value}`);
        return;
      case 'createRun':
        if (exp) await c.createRun(exp);
        return;
      case 'logParam':
        if (run) await c.logParam(run, PARAM_KEYS[op.key] as string, `p${op.value}`);
        return;
      case 'runTag':
        if (!run) return;
        if (op.value === null) await c.deleteTag(run, KEYS[op.key] as string);
        else await c.setTag(run, KEYS[op.key] as string, `v${op.value}`);
        return;
      case 'logMetrics':
        if (run) await c.logBatch(run, { metrics: op.points.map(([step, value]) => ({ key: `m${op.key}`, value, step, timestamp: clock.t++ })) });
        return;
      case 'terminate':
        if (run) await c.setTerminated(run, 'FINISHED', clock.t++);
        return;
      case 'renameRun':
        if (run) await c.updateRun(run, { runName: `run-${op.name}` });
        return;
      case 'deleteRun':
        if (run) await c.deleteRun(run);
        return;
      case 'restoreRun':
        if (run) await c.restoreRun(run);
        return;
      case 'moveRun':
        if (run && exp) await c.moveRuns([run], exp);
        return;
      case 'artifact':
        if (run) await c.logArtifact(run, PATHS[op.path] as string, `content-${op.content}`);
        return;
      case 'inputs':
        if (run) await c.logInputs(run, [{ dataset: { name: `ds${op.dataset}`, digest: 'd1', sourceType: 'local', source: 'file' }, tags: [{ key: 'ctx', value: `c${op.tag}` }] }]);
        return;
      case 'paramRace': {
        const other = peers[op.other];
        if (!run || !other || other === p) return;
        const key = `race${op.key}`;
        await Promise.all([
          c.logParam(run, key, `from-${p.index}`).catch(ignoreRefusal),
          other.client.logParam(run, key, `from-${other.index}`).catch(ignoreRefusal),
        ]);
        return;
      }
    }
  } catch (e) {
    ignoreRefusal(e);
  }
}

function ignoreRefusal(e: unknown): void {
  if (!(e instanceof MlflowError)) throw e;
}
