import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Experiment } from '../../src/domain/entities';
import { compileExperimentFilter, parseExperimentFilter } from '../../src/domain/search';
import { experimentFilterFor, looksLikeFilter, readListState, withListState } from '../../src/features/experiments/experiment-search';

const experiment = (name: string, tags: Record<string, string> = {}): Experiment => ({
  experimentId: '1', name, artifactLocation: '', lifecycleStage: 'active', creationTime: 0, lastUpdateTime: 0, tags,
});
const matches = (typed: string, e: Experiment): boolean => compileExperimentFilter(parseExperimentFilter(experimentFilterFor(typed)))(e);

describe('the experiments search box', () => {
  test('plain text is a case-insensitive name fragment; blank is no filter', () => {
    expect(experimentFilterFor('mnist')).toBe("name ILIKE '%mnist%'");
    expect(experimentFilterFor('  ')).toBeUndefined();
    expect(experimentFilterFor(undefined)).toBeUndefined();
    expect(matches('MNIST', experiment('demo/mnist-cnn'))).toBe(true);
    expect(matches('mnist', experiment('cifar'))).toBe(false);
    // Words that are also keywords stay plain text when no comparison follows them.
    expect(looksLikeFilter('run in production')).toBe(false);
    expect(looksLikeFilter('is it null')).toBe(false);
    expect(matches("o'brien", experiment("O'Brien's model"))).toBe(true);
  });

  test('a comparator or LIKE/IS NULL/IN makes it a full MLflow filter', () => {
    for (const f of ["name = 'a'", "tags.team != 'x'", 'creation_time > 5', "name LIKE 'demo%'", "name ilike 'demo%'", 'tags.team IS NULL', "name IN ('a')"]) {
      expect(looksLikeFilter(f), f).toBe(true);
      expect(experimentFilterFor(f)).toBe(f);
    }
    expect(matches("tags.team = 'vision'", experiment('x', { team: 'vision' }))).toBe(true);
    expect(matches("tags.team = 'vision'", experiment('x'))).toBe(false);
  });

  test('an invalid filter reports the offending token', () => {
    const typed = "name = 'a' AND creation_time > 'yesterday'";
    let error: unknown;
    try {
      parseExperimentFilter(experimentFilterFor(typed));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE', location: { token: "'yesterday'" } });
  });

  test('any plain text finds every name that contains it (property)', () => {
    const plain = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'B', ' ', "'", '%', '_', '\\', '.', 'é', '(', '"', '-', '1') })
      .filter((s) => s.trim() !== '' && !looksLikeFilter(s));
    fc.assert(fc.property(plain, fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), (text, before, after) => {
      expect(matches(text, experiment(before + text.toUpperCase() + after))).toBe(true);
    }), { seed: 20250115, numRuns: 300 });
  });
});

describe('sidebar state in the URL', () => {
  test('reads ?q= and ?deleted=1, and carries them onto links', () => {
    expect(readListState({ q: 'mnist', deleted: '1' })).toEqual({ q: 'mnist', deleted: true });
    expect(readListState({ q: '', deleted: 'yes' })).toEqual({ q: undefined, deleted: false });
    expect(readListState({ q: ['a', 'b'] })).toEqual({ q: 'a', deleted: false });
    expect(withListState('/experiments/1', { q: "name = 'a b'", deleted: true })).toBe('/experiments/1?q=name+%3D+%27a+b%27&deleted=1');
    expect(withListState('/experiments/1', {})).toBe('/experiments/1');
  });
});
