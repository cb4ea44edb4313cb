// A metric history as a line chart: a pure function from columns to an SVG node (Observable
// Plot), so it can be tested without a page. NaN points break the line instead of dropping to 0.
import * as Plot from '@observablehq/plot';
import type { MetricColumns } from '../../domain/metric-history';

export interface MetricLineOptions {
  title: string;
  width?: number;
  height?: number;
  document?: Document;
}

export function metricLineChart(cols: MetricColumns, options: MetricLineOptions): SVGSVGElement | HTMLElement {
  const points = Array.from(cols.steps, (step, i) => ({ step, value: cols.values[i] as number }));
  const finite = points.filter((p) => Number.isFinite(p.value));
  return Plot.plot({
    document: options.document,
    width: options.width ?? 420,
    height: options.height ?? 200,
    marginLeft: 50,
    style: { background: 'transparent' },
    x: { label: 'step' },
    y: { label: options.title, grid: true },
    marks: [
      Plot.lineY(points, { x: 'step', y: (p: { value: number }) => (Number.isFinite(p.value) ? p.value : NaN), stroke: 'var(--accent)' }),
      finite.length === 1 ? Plot.dot(finite, { x: 'step', y: 'value', fill: 'var(--accent)' }) : null,
    ],
  });
}
