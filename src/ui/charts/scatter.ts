// Any two values of the compared runs against each other (a param against a metric, say): one
// dot per run in the run's colour, its name in the hover tip (text, never markup). Numeric
// values get a linear axis, anything else a categorical one; runs lacking either value are left
// out and counted in the caption.
import * as Plot from '@observablehq/plot';
import { axisOf, isPresent, numericOf, type AxisKind, type RunValue } from './axis-values';
import { chartFigure, chartLegend, type LegendEntry } from './legend';

export interface ScatterPoint extends LegendEntry {
  x: RunValue;
  y: RunValue;
}

export interface ScatterOptions {
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  document?: Document;
}

function scaleOf(axis: AxisKind, label: string): Plot.ScaleOptions {
  return axis.kind === 'numeric'
    ? { type: 'linear', label, grid: true, nice: true }
    : { type: 'point', label, domain: axis.categories, padding: 0.5 };
}

function positionValue(axis: AxisKind, v: number | string): number | string {
  return axis.kind === 'numeric' ? (numericOf(v) as number) : String(v);
}

export function scatterChart(options: ScatterOptions): HTMLElement {
  const doc = options.document ?? document;
  const drawn = options.points.filter((p): p is ScatterPoint & { x: number | string; y: number | string } => isPresent(p.x) && isPresent(p.y));
  const xAxis = axisOf(drawn.map((p) => p.x));
  const yAxis = axisOf(drawn.map((p) => p.y));
  const data = drawn.map((p) => ({ id: p.id, label: p.label, color: p.color, x: positionValue(xAxis, p.x), y: positionValue(yAxis, p.y) }));
  const plot = Plot.plot({
    document: doc,
    width: options.width ?? 480,
    height: options.height ?? 320,
    marginLeft: 60,
    marginBottom: 40,
    inset: 10, // dots at the extremes are drawn whole, not cut by the frame
    style: { background: 'transparent', overflow: 'visible' },
    x: scaleOf(xAxis, options.xLabel),
    y: scaleOf(yAxis, options.yLabel),
    color: { type: 'identity' },
    marks: [
      Plot.dot(data, {
        x: 'x',
        y: 'y',
        fill: 'color',
        r: 5,
        stroke: 'var(--plot-background)',
        // Each circle gets its run's id, so a test or a hover handler can find it.
        render: (index, scales, values, dimensions, context, next) => {
          const g = next?.(index, scales, values, dimensions, context) ?? null;
          g?.querySelectorAll('circle').forEach((c, j) => c.setAttribute('data-series', data[index[j] as number]?.id ?? ''));
          return g;
        },
      }),
      Plot.tip(data, Plot.pointer({ x: 'x', y: 'y', title: (d: (typeof data)[number]) => `${d.label}\n${options.xLabel}: ${d.x}\n${options.yLabel}: ${d.y}` })),
    ],
  });
  const missing = options.points.length - drawn.length;
  const legend = chartLegend(drawn, doc);
  if (missing > 0) {
    const note = doc.createElement('li');
    note.className = 'chart-note';
    note.textContent = `${missing} run${missing === 1 ? '' : 's'} without both values not shown`;
    legend.append(note);
  }
  return chartFigure(plot, legend, doc);
}
