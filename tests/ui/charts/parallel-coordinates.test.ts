// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { axisOf, positionOn } from '../../../src/ui/charts/axis-values';
import { parallelCoordinatesChart, type ParallelRow } from '../../../src/ui/charts/parallel-coordinates';

const row = (id: string, values: ParallelRow['values'], label = `run ${id}`): ParallelRow => ({ id, label, color: '#3ca951', values });

describe('axis values', () => {
  test('numeric strings make a numeric axis; anything else a categorical one in natural order', () => {
    expect(axisOf(['0.1', 0.5, undefined, NaN])).toEqual({ kind: 'numeric', lo: 0.1, hi: 0.5 });
    expect(axisOf(['adam', 'sgd', 'adam', 'layer10', 'layer2'])).toEqual({ kind: 'categorical', categories: ['adam', 'layer2', 'layer10', 'sgd'] });
    const cat = axisOf(['a', 'b', 'c']);
    expect([positionOn(cat, 'a'), positionOn(cat, 'b'), positionOn(cat, 'c'), positionOn(cat, undefined)]).toEqual([0, 0.5, 1, NaN]);
    expect(positionOn(axisOf([3, 3]), 3)).toBe(0.5);
  });
});

describe('parallelCoordinatesChart', () => {
  test('one path per run across all axes, an axis label per dimension', () => {
    const el = parallelCoordinatesChart({
      dimensions: ['params.lr', 'params.optimizer', 'metrics.acc'],
      rows: [row('a', ['0.1', 'adam', 0.9]), row('b', ['0.01', 'sgd', 0.8]), row('c', ['0.001', 'adam', 0.95])],
    });
    const paths = [...el.querySelectorAll('g[data-kind="pc-line"] path')];
    expect(paths).toHaveLength(3);
    expect(paths.map((p) => p.closest('[data-series]')?.getAttribute('data-series'))).toEqual(['a', 'b', 'c']);
    const axisText = [...el.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(axisText).toEqual(['params.lr', 'params.optimizer', 'metrics.acc']);
    // Category labels on the optimizer axis.
    expect(el.textContent).toContain('adam');
    expect(el.textContent).toContain('sgd');
  });

  test('missing and non-finite values break a line but never crash or emit NaN coordinates', () => {
    const el = parallelCoordinatesChart({
      dimensions: ['params.lr', 'metrics.loss', 'metrics.acc'],
      rows: [row('a', ['0.1', NaN, 0.9]), row('b', [undefined, Infinity, undefined]), row('c', ['0.2', 1, -Infinity])],
    });
    for (const p of el.querySelectorAll('path')) expect(p.getAttribute('d') ?? '').not.toMatch(/NaN|Infinity/);
  });

  test('hostile names and values are text', () => {
    const el = parallelCoordinatesChart({ dimensions: ['params.<b>x</b>', 'metrics.m'], rows: [row('a', ['<img onerror=1>', 1], '<script>alert(1)</script>'), row('b', ['ok', 2])] });
    expect(el.querySelector('img, script, b')).toBeNull();
    expect(el.textContent).toContain('<img onerror=1>');
    expect(el.querySelector('.chart-legend')?.textContent).toContain('<script>alert(1)</script>');
  });
});
