// Parallel coordinates of chosen params and metrics across runs: one vertical axis per
// dimension, one polyline per run. Plot has no such mark, so (as in Observable's examples) each
// dimension is normalised to 0..1 and placed on a point scale; numeric dimensions label their
// range, categorical ones their categories. A missing value breaks the run's line at that axis.
import * as Plot from '@observablehq/plot';
import { formatMetric } from '../format';
import { axisOf, positionOn, type AxisKind, type RunValue } from './axis-values';
import { chartFigure, chartLegend, type LegendEntry } from './legend';
import { tagged } from './tagged';

export interface ParallelRow extends LegendEntry {
  /** one per dimension, in `dimensions` order */
  values: readonly RunValue[];
}

export interface ParallelOptions {
  dimensions: readonly string[];
  rows: readonly ParallelRow[];
  width?: number;
  height?: number;
  document?: Document;
}

const MAX_CATEGORY_LABELS = 12;

interface Tick {
  dim: string;
  t: number;
  label: string;
}

function ticksOf(dim: string, axis: AxisKind): Tick[] {
  if (axis.kind === 'numeric') {
    if (axis.hi === axis.lo) return [{ dim, t: 0.5, label: formatMetric(axis.lo) }];
    return [0, 0.25, 0.5, 0.75, 1].map((t) => ({ dim, t, label: formatMetric(axis.lo + (axis.hi - axis.lo) * t) }));
  }
  const step = Math.ceil(axis.categories.length / MAX_CATEGORY_LABELS);
  return axis.categories
    .filter((_, i) => i % step === 0)
    .map((c) => ({ dim, t: positionOn(axis, c), label: c.length > 18 ? `${c.slice(0, 17)}…` : c }));
}

export function parallelCoordinatesChart(options: ParallelOptions): HTMLElement {
  const doc = options.document ?? document;
  const dims = options.dimensions;
  const axes = dims.map((_, d) => axisOf(options.rows.map((r) => r.values[d])));
  const ticks = dims.flatMap((dim, d) => ticksOf(dim, axes[d] as AxisKind));
  const lines = options.rows.map((row) => {
    const points = dims.map((dim, d) => ({ dim, t: positionOn(axes[d] as AxisKind, row.values[d]) }));
    return Plot.line(points, { x: 'dim', y: 't', stroke: row.color, strokeWidth: 1.5, strokeOpacity: 0.85, title: () => row.label, render: tagged(row.id, 'pc-line') });
  });
  const plot = Plot.plot({
    document: doc,
    width: options.width ?? Math.max(360, 160 * dims.length),
    height: options.height ?? 320,
    marginLeft: 30,
    marginRight: 60,
    marginTop: 30,
    style: { background: 'transparent', overflow: 'visible' },
    x: { type: 'point', domain: [...dims], axis: 'top', label: null, tickFormat: (d: string) => (d.length > 28 ? `${d.slice(0, 27)}…` : d) },
    // Inset: lines at an axis's extremes stay clear of the frame's edge.
    y: { domain: [0, 1], axis: null, insetTop: 6, insetBottom: 6 },
    marks: [
      Plot.ruleX(dims, { y1: 0, y2: 1, stroke: 'currentColor', strokeOpacity: 0.4 }),
      ...lines,
      Plot.text(ticks, { x: 'dim', y: 't', text: 'label', textAnchor: 'start', dx: 5, fill: 'currentColor', stroke: 'var(--plot-background)', strokeWidth: 3, paintOrder: 'stroke' }),
    ],
  });
  return chartFigure(plot, chartLegend(options.rows, doc), doc);
}
