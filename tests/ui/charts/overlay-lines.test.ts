// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { overlayLinesChart, type OverlayLine } from '../../../src/ui/charts/overlay-lines';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

function line(id: string, ys: number[], extra: Partial<OverlayLine> = {}): OverlayLine {
  return { id, label: `run ${id}`, color: '#4269d0', raw: { x: f64(ys.map((_, i) => i)), y: f64(ys) }, ...extra };
}

const pathsOf = (el: Element, kind: string): Element[] => [...el.querySelectorAll(`g[data-kind="${kind}"] path`)];

describe('overlayLinesChart', () => {
  test('one path per run, tagged with its id, and a legend naming each run', () => {
    const el = overlayLinesChart({ lines: [line('a', [1, 2, 3]), line('b', [3, 2, 1]), line('c', [2, 2, 2])], xAxis: 'step', yLabel: 'loss' });
    const raw = pathsOf(el, 'raw');
    expect(raw).toHaveLength(3);
    expect(raw.map((p) => p.closest('[data-series]')?.getAttribute('data-series'))).toEqual(['a', 'b', 'c']);
    expect([...el.querySelectorAll('.chart-legend li')].map((li) => li.textContent)).toEqual(['run a', 'run b', 'run c']);
    expect(el.querySelector('svg')).not.toBeNull();
  });

  test('smoothing adds a smoothed path over a faint raw one', () => {
    const l = line('a', [1, 5, 2], { smoothed: { x: f64([0, 1, 2]), y: f64([1, 3, 2.6]) } });
    const el = overlayLinesChart({ lines: [l], xAxis: 'step', yLabel: 'loss' });
    expect(pathsOf(el, 'raw')).toHaveLength(1);
    expect(pathsOf(el, 'smoothed')).toHaveLength(1);
    expect(el.querySelector('g[data-kind="raw"] > g')?.getAttribute('stroke-opacity')).toBe('0.25');
  });

  test('NaN and ±Infinity neither crash nor produce non-finite coordinates', () => {
    const el = overlayLinesChart({
      lines: [line('a', [1, Number.NaN, 3, Infinity, -Infinity, 2]), line('b', [Number.NaN, Number.NaN])],
      xAxis: 'relative',
      yLabel: 'loss',
      logY: true,
    });
    for (const p of el.querySelectorAll('path')) expect(p.getAttribute('d') ?? '').not.toMatch(/NaN|Infinity/);
  });

  test('a log axis over data with nothing positive (no domain) still renders', () => {
    const el = overlayLinesChart({ lines: [line('a', [Number.NaN, Number.NaN])], xAxis: 'wall', yLabel: 'loss', logY: true, yDomain: null });
    expect(el.querySelector('svg')).not.toBeNull();
  });

  test('an explicit y-domain (ignore outliers) sets the axis; log scale is used when asked', () => {
    const el = overlayLinesChart({ lines: [line('a', [1, 10, 100, 1e6])], xAxis: 'step', yLabel: 'loss', logY: true, yDomain: [1, 100] });
    const ticks = [...el.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => Number(t.textContent?.replace(/,/g, '')));
    expect(ticks.length).toBeGreaterThan(0);
    // The 1e6 spike is outside the domain: no tick reaches it, and its path is clipped.
    expect(Math.max(...ticks.filter(Number.isFinite))).toBeLessThanOrEqual(100);
    expect(el.querySelector('g[data-kind="raw"]')?.getAttribute('clip-path')).toMatch(/^url\(/);
  });

  test('aggregated groups draw a band and a mean line instead of the runs', () => {
    const band = { id: 'g1', label: 'lr=0.1', color: '#ff725c', x: f64([0, 1, 2]), mean: f64([1, 2, 3]), min: f64([0, 1, 2]), max: f64([2, 3, 4]) };
    const el = overlayLinesChart({ lines: [line('a', [1, 2])], bands: [band], xAxis: 'wall', yLabel: 'acc' });
    expect(pathsOf(el, 'band')).toHaveLength(1);
    expect(pathsOf(el, 'mean')).toHaveLength(1);
    expect(pathsOf(el, 'raw')).toHaveLength(0);
    expect(el.querySelector('.chart-legend')?.textContent).toBe('lr=0.1');
  });

  test('hostile run names are text in the legend, never markup', () => {
    const el = overlayLinesChart({ lines: [line('a', [1, 2], { label: '<img src=x onerror="alert(1)">' })], xAxis: 'step', yLabel: '<script>x</script>' });
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('.chart-legend')?.textContent).toBe('<img src=x onerror="alert(1)">');
  });
});
