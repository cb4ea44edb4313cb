// MLflow FileStore metric lines: what MLflow writes (Python repr of the value) parses back to the
// same doubles, old 2-field lines read step 0, MLflow 3's extra fields are read past, and lines
// that are not `timestamp value step` are reported with their line number.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatMetricLine, parseMetricLines } from '../../../src/domain/mlruns/metric-lines';
import { pythonFloatRepr } from '../../../src/domain/mlruns/python-float';

const parse = (text: string) => parseMetricLines(new TextEncoder().encode(text));
const rows = (text: string) => {
  const p = parse(text);
  return Array.from(p.values, (v, i) => [p.timestamps[i], v, p.steps[i]]);
};

describe('pythonFloatRepr is Python 3 repr(float)', () => {
  test.each([
    [0.5, '0.5'],
    [1, '1.0'],
    [-0, '-0.0'],
    [0.1, '0.1'],
    [123.456, '123.456'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e-7, '1.5e-07'],
    [1e16, '1e+16'],
    [1234567890123456.7, '1234567890123456.8'],
    [123456789012345680, '1.2345678901234568e+17'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%s -> %s', (x, text) => {
    expect(pythonFloatRepr(x)).toBe(text);
  });
});

describe('parseMetricLines', () => {
  test('lines as MLflow writes them, old 2-field lines (step 0), and MLflow 3 dataset / run-id fields', () => {
    expect(rows('1677130794832 0.5 0\n')).toEqual([[1677130794832, 0.5, 0]]);
    expect(rows('1500000000000 2.5\n1500000000001 3')).toEqual([[1500000000000, 2.5, 0], [1500000000001, 3, 0]]);
    expect(rows('1752561751939 0.08967487203053559 0 dataset 48848ef0\n')).toEqual([[1752561751939, 0.08967487203053559, 0]]);
    expect(rows('1752562485640 356.6847104398046 0 1c3ad6ed2fad4886b68a1eae234484a6\n')).toEqual([[1752562485640, 356.6847104398046, 0]]);
    expect(rows('1 1e-05 -3\r\n2 -1.5E+20 7\r\n')).toEqual([[1, 1e-5, -3], [2, -1.5e20, 7]]);
  });

  test('nan and inf as Python writes them (and the spellings Python float() accepts)', () => {
    const p = parse('1 nan 0\n2 inf 1\n3 -inf 2\n4 NaN 3\n5 -Infinity 4\n6 +inf 5\n');
    expect(Number.isNaN(p.values[0])).toBe(true);
    expect(Number.isNaN(p.values[3])).toBe(true);
    expect([p.values[1], p.values[2], p.values[4], p.values[5]]).toEqual([Infinity, -Infinity, -Infinity, Infinity]);
  });

  test('blank lines are skipped; malformed lines are reported with their number, the rest kept', () => {
    const p = parse('1 0.5 0\n\n1 2 3 4 5 6 7\nabc 0.5 1\n2 x 1\n3 0.5 1.5\n4\n5 0.25 2\n');
    expect(Array.from(p.values)).toEqual([0.5, 0.25]);
    expect(p.problemCount).toBe(5);
    expect(p.problems.map((x) => [x.line, x.reason])).toEqual([
      [3, "expected 'timestamp value step', got 7 fields"],
      [4, "timestamp 'abc' is not an integer"],
      [5, "value 'x' is not a number"],
      [6, "step '1.5' is not an integer"],
      [7, "expected 'timestamp value step', got 1 field"],
    ]);
    expect(p.problems[1]!.text).toBe('abc 0.5 1');
  });

  test('exact columns: the arrays hold only the points', () => {
    const p = parse('1 0.5 0\n2 0.25 1\n');
    expect(p.values).toBeInstanceOf(Float64Array);
    expect(p.values.length).toBe(2);
    expect(p.values.buffer.byteLength).toBe(16);
  });

  test('property: any lines MLflow can write parse back to the same points', () => {
    const point = fc.record({
      timestamp: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      value: fc.double(),
      step: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), fc.boolean(), (points, finalNewline) => {
        const text = points.map((p) => formatMetricLine(p.timestamp, p.value, p.step)).join('');
        const parsed = parse(finalNewline ? text : text.replace(/\n$/, ''));
        expect(parsed.problemCount).toBe(0);
        expect(parsed.values.length).toBe(points.length);
        points.forEach((p, i) => {
          expect(Object.is(parsed.values[i], p.value)).toBe(true);
          expect(parsed.timestamps[i]).toBe(p.timestamp);
          expect(parsed.steps[i]).toBe(p.step);
        });
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  test('property: decimal texts parse like JavaScript Number() (the fast path is exact)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,20}$/), fc.stringMatching(/^[0-9]{0,20}$/), fc.option(fc.integer({ min: -330, max: 310 })))
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}${exp === null ? '' : `e${exp}`}`);
    fc.assert(
      fc.property(decimal, (text) => {
        const p = parse(`1 ${text} 0\n`);
        expect(p.problemCount).toBe(0);
        expect(Object.is(p.values[0], Number(text))).toBe(true);
      }),
      { seed: 3, numRuns: 2000 },
    );
  });
});
