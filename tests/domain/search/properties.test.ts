// Property tests (fast-check, fixed seeds): printing round-trips, arbitrary input only ever fails
// with a located MlflowError, and the compiled predicate agrees with a plain reference reading of
// MLflow's matching rules, with OR as || and NOT as the complement.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Run } from '../../../src/domain/entities';
import { MlflowError } from '../../../src/domain/errors';
import {
  compileRunFilter,
  decodePageToken,
  parseExperimentFilter,
  parseExperimentOrderBy,
  parseRunFilter,
  parseRunOrderBy,
  printRunFilter,
  type RunFilter,
} from '../../../src/domain/search';
import { comparisonArb, filterArb, narrowPools, runArb, widePools } from './generators';

const SEED = 20240611;
const opts = { seed: SEED, numRuns: 400 };

describe('round trip', () => {
  test('parse(print(ast)) equals ast for generated filters', () => {
    fc.assert(
      fc.property(filterArb(widePools), (ast) => {
        expect(parseRunFilter(printRunFilter(ast))).toEqual(ast);
      }),
      opts,
    );
  });

  test('every single comparison round-trips, in both dialects where MLflow has it', () => {
    fc.assert(
      fc.property(comparisonArb(widePools), (ast) => {
        expect(parseRunFilter(printRunFilter(ast))).toEqual(ast);
      }),
      opts,
    );
  });
});

// Fragments that make the random strings look like filters often enough to reach deep code.
const FRAGMENTS = [
  'metrics.a', 'params.p', 'tags.`t t`', 'attributes.status', 'run_id', 'datasets.name', 'x.y', 'created',
  '=', '!=', '>=', '<', '==', '~', 'LIKE', 'ilike', 'IN', 'NOT', 'IS', 'NULL', 'AND', 'and', 'OR',
  '(', ')', ',', ';', "'a'", "'", '"b"', '"', '`', '1', '-2.5', '.5', '1e+3', '0x1F', '--', ' ', '  ', '%', '$', '\\',
];
const filterish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join(' ')),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join('')),
);

function onlyLocatedMlflowErrors(input: string, fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    if (!(e instanceof MlflowError)) return;
    expect(e.errorCode).toBe('INVALID_PARAMETER_VALUE');
    const loc = e.location;
    if (loc !== undefined) {
      expect(loc.start).toBeGreaterThanOrEqual(0);
      expect(loc.end).toBeLessThanOrEqual(input.length);
      expect(loc.start).toBeLessThanOrEqual(loc.end);
      expect(input.slice(loc.start, loc.end)).toBe(loc.token);
    }
  }
}

describe('arbitrary input', () => {
  test('run filters: accepted ones re-print stably, rejected ones throw a located MlflowError', () => {
    fc.assert(
      fc.property(filterish, fc.constantFrom<'orchard' | 'mlflow'>('orchard', 'mlflow'), (input, dialect) => {
        let ast: RunFilter | undefined;
        onlyLocatedMlflowErrors(input, () => {
          ast = parseRunFilter(input, { dialect });
        });
        if (ast !== undefined) {
          let printed: string | undefined;
          try {
            printed = printRunFilter(ast);
          } catch (e) {
            expect(e).toBeInstanceOf(MlflowError); // some parsed values have no printed form
          }
          if (printed !== undefined) expect(parseRunFilter(printed)).toEqual(ast);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  test('experiment filters, order_by entries and page tokens', () => {
    fc.assert(
      fc.property(filterish, (input) => {
        onlyLocatedMlflowErrors(input, () => parseExperimentFilter(input));
        onlyLocatedMlflowErrors(input, () => parseRunOrderBy([input]));
        onlyLocatedMlflowErrors(input, () => parseExperimentOrderBy([input]));
        onlyLocatedMlflowErrors(input, () => decodePageToken(input));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

/** A direct, uncompiled reading of MLflow's matching rules, to check the compiled closures. */
function reference(node: RunFilter, r: Run): boolean {
  switch (node.kind) {
    case 'and': return node.children.every((c) => reference(c, r));
    case 'or': return node.children.some((c) => reference(c, r));
    case 'not': return !reference(node.child, r);
    case 'compare': break;
  }
  const { type, key, comparator, value } = node;
  let values: Array<string | number | null | undefined>;
  if (type === 'metric') values = [Object.hasOwn(r.data.metrics, key) ? r.data.metrics[key] : undefined];
  else if (type === 'parameter') values = [Object.hasOwn(r.data.params, key) ? r.data.params[key] : undefined];
  else if (type === 'tag') values = [Object.hasOwn(r.data.tags, key) ? r.data.tags[key] : undefined];
  else if (type === 'dataset') {
    values = key === 'context'
      ? r.inputs.datasetInputs.flatMap((i) => i.tags.filter((t) => t.key === 'mlflow.data.context').map((t) => t.value))
      : r.inputs.datasetInputs.map((i) => (key === 'name' ? i.dataset.name : i.dataset.digest));
  } else {
    const info: Record<string, string | number | null> = {
      run_id: r.info.runId, run_name: r.info.runName, user_id: r.info.userId, status: r.info.status,
      artifact_uri: r.info.artifactUri, start_time: r.info.startTime, end_time: r.info.endTime,
    };
    values = [info[key]];
  }
  const present = values.filter((v): v is string | number => v !== undefined && v !== null);
  if (comparator === 'IS NULL') return present.length === 0;
  if (comparator === 'IS NOT NULL') return present.length > 0;
  const like = (v: string, p: string, flags: string) =>
    new RegExp(`^${[...p].map((ch) => (ch === '%' ? '[^]*' : ch === '_' ? '.' : ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))).join('')}$`, flags).test(v);
  return present.some((v) => {
    switch (comparator) {
      case '=': return v === value;
      case '!=': return v !== value;
      case '<': return typeof value === 'number' && typeof v === 'number' && v < value;
      case '<=': return typeof value === 'number' && typeof v === 'number' && v <= value;
      case '>': return typeof value === 'number' && typeof v === 'number' && v > value;
      case '>=': return typeof value === 'number' && typeof v === 'number' && v >= value;
      case 'LIKE': return typeof value === 'string' && typeof v === 'string' && like(v, value, 'su');
      case 'ILIKE': return typeof value === 'string' && typeof v === 'string' && like(v, value, 'isu');
      case 'IN': return Array.isArray(value) && (value as ReadonlyArray<string | number>).includes(v);
      case 'NOT IN': return Array.isArray(value) && !(value as ReadonlyArray<string | number>).includes(v);
    }
  });
}

describe('semantics', () => {
  test('the compiled predicate agrees with the reference reading', () => {
    fc.assert(
      fc.property(filterArb(narrowPools), fc.array(runArb, { minLength: 1, maxLength: 8 }), (ast, runs) => {
        const match = compileRunFilter(ast);
        for (const r of runs) expect(match(r)).toBe(reference(ast, r));
      }),
      opts,
    );
  });

  test('A OR B is A || B, A AND B is A && B, NOT A is the complement', () => {
    const pair = fc.tuple(filterArb(narrowPools, 2), filterArb(narrowPools, 2));
    fc.assert(
      fc.property(pair, fc.array(runArb, { minLength: 1, maxLength: 8 }), ([a, b], runs) => {
        const pa = compileRunFilter(a);
        const pb = compileRunFilter(b);
        const por = compileRunFilter(parseRunFilter(`(${printRunFilter(a)}) OR (${printRunFilter(b)})`));
        const pand = compileRunFilter(parseRunFilter(`(${printRunFilter(a)}) AND (${printRunFilter(b)})`));
        const pnot = compileRunFilter(parseRunFilter(`NOT (${printRunFilter(a)})`));
        for (const r of runs) {
          expect(por(r)).toBe(pa(r) || pb(r));
          expect(pand(r)).toBe(pa(r) && pb(r));
          expect(pnot(r)).toBe(!pa(r));
        }
      }),
      opts,
    );
  });
});
