// fast-check generators for run-filter ASTs and runs, shared by the property tests. "Pools" decide
// how wide the keys and values range: wide for printing round trips, narrow so that generated
// filters actually hit generated runs.
import fc from 'fast-check';
import type { Run, RunStatus } from '../../../src/domain/entities';
import { RUN_STATUSES } from '../../../src/domain/entities';
import { printKey, printString, type Comparator, type FilterValue, type RunFilter } from '../../../src/domain/search';
import { run } from './fixtures';

export interface Pools {
  key: fc.Arbitrary<string>;
  text: fc.Arbitrary<string>;
  number: fc.Arbitrary<number>;
  /** Lower-case values (run ids, dataset values), which MLflow keeps in IN lists. */
  lower: fc.Arbitrary<string>;
}

const printable = (print: (s: string) => string) => (s: string): boolean => {
  try {
    print(s);
    return true;
  } catch {
    return false;
  }
};

const chars = (alphabet: string[], max: number) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((a) => a.join(''));

export const widePools: Pools = {
  key: chars(['a', 'B', '_', '1', '.', ' ', '-', '/', 'é', "'", '"', '`', '%', '\\', '日'], 8).filter(printable(printKey)),
  text: chars(['a', 'B', ' ', '%', '_', "'", '"', '\\', '.', '(', ')', 'é', '\n', '😀'], 8).filter(printable(printString)),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }),
  lower: fc.stringMatching(/^[a-f0-9-]{0,6}[a-f][a-f0-9]{0,6}$/),
};

export const narrowPools: Pools = {
  key: fc.constantFrom('k1', 'k2'),
  text: fc.constantFrom('a', 'b', 'ab', 'A', '', 'a%', '_', '%b%', 'A_', 'a.'),
  number: fc.constantFrom(-1, 0, 0.5, 1, 2),
  lower: fc.constantFrom('r1', 'r2', 'x'),
};

const STRING_ATTRS = ['run_id', 'run_name', 'user_id', 'status', 'artifact_uri'] as const;
const NUMERIC: Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING: Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];

const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 1, maxLength: 3 });
type Type = 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset';
const cmp = (type: Type, key: string, comparator: Comparator, value: FilterValue): RunFilter => ({ kind: 'compare', type, key, comparator, value });

export function comparisonArb(p: Pools): fc.Arbitrary<RunFilter> {
  const numeric = (type: 'metric' | 'attribute', key: fc.Arbitrary<string>) =>
    fc.oneof(
      fc.tuple(key, fc.constantFrom(...NUMERIC), p.number).map(([k, c, v]) => cmp(type, k, c, v)),
      fc.tuple(key, fc.constantFrom<Comparator>('IN', 'NOT IN'), list(p.number)).map(([k, c, v]) => cmp(type, k, c, v)),
    );
  const text = (type: 'parameter' | 'tag' | 'attribute' | 'dataset', key: fc.Arbitrary<string>, items: fc.Arbitrary<string>) =>
    fc.oneof(
      fc.tuple(key, fc.constantFrom(...STRING), p.text).map(([k, c, v]) => cmp(type, k, c, v)),
      fc.tuple(key, fc.constantFrom<Comparator>('IN', 'NOT IN'), list(items)).map(([k, c, v]) => cmp(type, k, c, v)),
    );
  const isNull = fc
    .tuple(fc.constantFrom<'metric' | 'parameter' | 'tag'>('metric', 'parameter', 'tag'), p.key, fc.constantFrom<Comparator>('IS NULL', 'IS NOT NULL'))
    .map(([t, k, c]) => cmp(t, k, c, null));
  return fc.oneof(
    numeric('metric', p.key),
    text('parameter', p.key, p.text),
    text('tag', p.key, p.text),
    numeric('attribute', fc.constantFrom('start_time', 'end_time')),
    text('attribute', fc.constantFrom('run_id'), p.lower),
    text('attribute', fc.constantFrom(...STRING_ATTRS.filter((a) => a !== 'run_id')), p.text),
    text('dataset', fc.constantFrom('name', 'digest', 'context'), p.lower),
    isNull,
  );
}

/** Flattens nested AND/AND and OR/OR, as the parser does. */
export function normalize(node: RunFilter): RunFilter {
  if (node.kind === 'compare') return node;
  if (node.kind === 'not') return { kind: 'not', child: normalize(node.child) };
  const children = node.children.map(normalize).flatMap((c) => (c.kind === node.kind ? c.children : [c]));
  return { kind: node.kind, children };
}

export function filterArb(p: Pools, depth = 3): fc.Arbitrary<RunFilter> {
  const { tree } = fc.letrec<{ tree: RunFilter }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      comparisonArb(p),
      fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((children): RunFilter => ({ kind: 'and', children })),
      fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((children): RunFilter => ({ kind: 'or', children })),
      tie('tree').map((child): RunFilter => ({ kind: 'not', child })),
    ),
  }));
  return tree.map(normalize);
}

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const record = <T>(keys: string[], a: fc.Arbitrary<T>) =>
  fc.tuple(...keys.map((k) => maybe(a).map((v) => [k, v] as const))).map((pairs) => {
    const out: Record<string, T> = {};
    for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
    return out;
  });

export const runArb: fc.Arbitrary<Run> = fc
  .record({
    id: fc.constantFrom('r1', 'r2', 'x', 'R1'),
    name: fc.constantFrom('a', 'ab', 'A'),
    status: fc.constantFrom<RunStatus>(...RUN_STATUSES),
    start: fc.constantFrom(-1, 0, 1, 2),
    end: fc.constantFrom<number | null>(null, 0, 1),
    metrics: record(['k1', 'k2'], fc.constantFrom(-1, 0, 0.5, 1, 2, Number.NaN, Infinity)),
    params: record(['k1', 'k2'], narrowPools.text),
    tags: record(['k1', 'k2'], narrowPools.text),
    datasets: fc.array(fc.tuple(fc.constantFrom('r1', 'x', 'X'), fc.constantFrom('r2', 'x'), maybe(fc.constantFrom('r1', 'x'))), { maxLength: 2 }),
  })
  .map((s) => run({ ...s, datasets: s.datasets.map(([n, d, c]) => (c === undefined ? [n, d] : [n, d, c])) }));
