import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { MlflowError } from '../../src/domain/errors';
import { posixNormalize, validateKey, validateMetric, validateParamKeysUnique } from '../../src/domain/validation';
import { normaliseArtifactPath } from '../../src/domain/artifact-path';
import { newExperimentId, newRunId } from '../../src/domain/ids';

describe('posixNormalize matches Python posixpath.normpath', () => {
  test.each([
    ['', '.'], ['a//b', 'a/b'], ['a/./b', 'a/b'], ['a/b/..', 'a'], ['../a', '../a'], ['/../a', '/a'],
    ['//a', '//a'], ['///a', '/a'], ['a/', 'a'], ['.', '.'], ['a/../..', '..'],
  ])('%j -> %j', (input, expected) => expect(posixNormalize(input)).toBe(expected));
});

describe('key validation', () => {
  test('accepts MLflow-valid names and rejects the rest with MLflow messages', () => {
    for (const ok of ['loss', 'val acc', 'train/loss', 'a.b-c_d:e', 'ünïcødé', 'step 1/epoch:2']) expect(validateKey('metric', ok)).toBe(ok);
    expect(() => validateKey('metric', 'a$b')).toThrow(/Invalid metric name: 'a\$b'. Names may only contain/);
    expect(() => validateKey('tag', 'a/../b')).toThrow(/would resolve to 'b'/);
    expect(() => validateKey('parameter', undefined)).toThrow(/Parameter name cannot be None/);
  });

  test('metric values must be numbers; NaN/Infinity allowed; step and timestamp truncated to int64', () => {
    expect(validateMetric('m', Number.NaN, 0, 0).value).toBeNaN();
    expect(validateMetric('m', 1, 10.7, 2.9)).toEqual({ key: 'm', value: 1, timestamp: 10, step: 2 });
    expect(() => validateMetric('m', null, 0, 0)).toThrow(MlflowError);
  });

  test('duplicate param keys listed once each', () => {
    expect(() => validateParamKeysUnique(['a', 'b', 'a'])).toThrow("Duplicate parameter keys have been submitted: ['a']");
    expect(() => validateParamKeysUnique(['a', 'b'])).not.toThrow();
  });
});

describe('artifact paths', () => {
  test('normalises trailing slash and root forms', () => {
    expect(normaliseArtifactPath('model/')).toBe('model');
    expect(normaliseArtifactPath(undefined)).toBe('');
    expect(normaliseArtifactPath('.')).toBe('');
  });

  test('property: any accepted path has no traversal, no empty segments, is relative', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        let out: string;
        try {
          out = normaliseArtifactPath(s);
        } catch (e) {
          return e instanceof MlflowError && e.errorCode === 'INVALID_PARAMETER_VALUE';
        }
        const segments = out === '' ? [] : out.split('/');
        return !out.startsWith('/') && segments.every((p) => p !== '' && p !== '.' && p !== '..') && !/%2e/i.test(out);
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });
});

describe('ids', () => {
  test('run ids are 32 lowercase hex; experiment ids 18 digits; both unique', () => {
    const runs = new Set(Array.from({ length: 1000 }, newRunId));
    expect(runs.size).toBe(1000);
    for (const id of runs) expect(id).toMatch(/^[0-9a-f]{32}$/);
    const exps = new Set(Array.from({ length: 1000 }, newExperimentId));
    expect(exps.size).toBe(1000);
    for (const id of exps) expect(id).toMatch(/^[1-9]\d{17}$/);
  });
});
