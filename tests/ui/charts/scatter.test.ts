// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { scatterChart, type ScatterPoint } from '../../../src/ui/charts/scatter';
import { RUN_PALETTE, runColors } from '../../../src/ui/charts/run-colors';

const pt = (id: string, x: ScatterPoint['x'], y: ScatterPoint['y']): ScatterPoint => ({ id, label: `run ${id}`, color: '#ff725c', x, y });

describe('scatterChart', () => {
  test('one dot per run that has both values, tagged with its id; the others counted', () => {
    const el = scatterChart({ points: [pt('a', '0.1', 0.9), pt('b', '0.01', 0.8), pt('c', undefined, 0.7), pt('d', '0.5', NaN)], xLabel: 'params.lr', yLabel: 'metrics.acc' });
    const dots = [...el.querySelectorAll('circle[data-series]')];
    expect(dots.map((c) => c.getAttribute('data-series'))).toEqual(['a', 'b']);
    expect(el.querySelector('.chart-note')?.textContent).toBe('2 runs without both values not shown');
  });

  test('categorical values get a categorical axis', () => {
    const el = scatterChart({ points: [pt('a', 'adam', 1), pt('b', 'sgd', 2)], xLabel: 'params.optimizer', yLabel: 'metrics.acc' });
    const ticks = [...el.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['adam', 'sgd']);
  });

  test('no drawable points still renders an empty chart', () => {
    const el = scatterChart({ points: [pt('a', undefined, undefined)], xLabel: 'x', yLabel: 'y' });
    expect(el.querySelector('svg')).not.toBeNull();
    expect(el.querySelectorAll('circle')).toHaveLength(0);
  });
});

describe('runColors', () => {
  test('stable per run, and distinct for up to 20 runs', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `${i}`.padStart(32, 'a'));
    const colors = runColors(ids);
    expect(new Set(colors.values()).size).toBe(20);
    expect(runColors(ids)).toEqual(colors);
    // A run keeps its colour when it is compared alone (no contest for its slot).
    const first = ids[0]!;
    expect(runColors([first]).get(first)).toBe(colors.get(first));
    expect(RUN_PALETTE).toContain(colors.get(first));
    // Up to ten runs use the ten distinct hues, never a darker companion of one already shown.
    expect([...runColors(ids.slice(0, 10)).values()].every((c) => RUN_PALETTE.indexOf(c as (typeof RUN_PALETTE)[number]) < 10)).toBe(true);
  });

  test('beyond the palette, a hue from the hash (a colour Plot can parse)', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `run-${i}`);
    const colors = runColors(ids);
    expect(colors.get('run-24')).toMatch(/^hsl\(\d+, 65%, 45%\)$|^#/);
  });
});
