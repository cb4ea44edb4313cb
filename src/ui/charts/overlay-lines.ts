// Metric lines of several runs over one x-axis (the Compare view's main chart): a pure function
// from prepared series (the metrics worker's output) to a DOM node, via Observable Plot. Each
// run's line is one <path> tagged data-series=<run id>; with smoothing the raw line stays as a
// faint trace under the smoothed one (as in TensorBoard and MLflow). Aggregated groups draw a
// mean line over a min-max band instead. NaN in a series breaks its line; nothing here walks
// more points than the worker chose to keep.
import * as Plot from '@observablehq/plot';
import { chartFigure, chartLegend, type LegendEntry } from './legend';
import { formatSeconds } from './format-axis';
import { tagged } from './tagged';

export type OverlayXAxis = 'step' | 'wall' | 'relative';

export interface OverlayLine extends LegendEntry {
  raw: { x: Float64Array; y: Float64Array };
  smoothed?: { x: Float64Array; y: Float64Array };
}

export interface OverlayBand extends LegendEntry {
  x: Float64Array;
  mean: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export interface OverlayChartOptions {
  lines: readonly OverlayLine[];
  /** when present, drawn instead of `lines` (aggregated groups) */
  bands?: readonly OverlayBand[];
  xAxis: OverlayXAxis;
  yLabel: string;
  logY?: boolean;
  /** null/undefined: from the data */
  yDomain?: readonly [number, number] | null;
  width?: number;
  height?: number;
  document?: Document;
}

const X_SCALE: Record<OverlayXAxis, Plot.ScaleOptions> = {
  step: { label: 'step', type: 'linear' },
  wall: { label: 'time', type: 'time' },
  relative: { label: 'time since run start', type: 'linear', tickFormat: formatSeconds },
};

function line(xy: { x: Float64Array; y: Float64Array }, color: string, id: string, kind: string, style: Plot.LineYOptions): Plot.Markish {
  return Plot.lineY(xy.x, { x: xy.x, y: xy.y, stroke: color, clip: true, render: tagged(id, kind), ...style });
}

function seriesMarks(options: OverlayChartOptions): Plot.Markish[] {
  if (options.bands) {
    return options.bands.flatMap((b) => [
      Plot.areaY(b.x, { x: b.x, y1: b.min, y2: b.max, fill: b.color, fillOpacity: 0.18, clip: true, render: tagged(b.id, 'band') }),
      line({ x: b.x, y: b.mean }, b.color, b.id, 'mean', { strokeWidth: 2 }),
    ]);
  }
  return options.lines.flatMap((l) =>
    l.smoothed
      ? [line(l.raw, l.color, l.id, 'raw', { strokeOpacity: 0.25, strokeWidth: 1 }), line(l.smoothed, l.color, l.id, 'smoothed', { strokeWidth: 1.75 })]
      : [line(l.raw, l.color, l.id, 'raw', { strokeWidth: 1.5 })],
  );
}

/** One flat list of the drawn points, for the hover tip (names as a channel, shown as text). */
function hoverMarks(options: OverlayChartOptions): Plot.Markish[] {
  const parts = options.bands
    ? options.bands.map((b) => ({ label: b.label, color: b.color, x: b.x, y: b.mean }))
    : options.lines.map((l) => ({ label: l.label, color: l.color, ...(l.smoothed ?? l.raw) }));
  const total = parts.reduce((n, p) => n + p.x.length, 0);
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  const label: string[] = new Array(total);
  const color: string[] = new Array(total);
  let at = 0;
  for (const p of parts) {
    x.set(p.x, at);
    y.set(p.y, at);
    label.fill(p.label, at, at + p.x.length);
    color.fill(p.color, at, at + p.x.length);
    at += p.x.length;
  }
  const channels = { x, y, fill: color, title: label };
  return [
    Plot.dot(x, Plot.pointer({ ...channels, r: 3.5, stroke: 'white' })),
    Plot.tip(x, Plot.pointer({ x, y, title: (_: unknown, i: number) => `${label[i]}\n${options.yLabel}: ${y[i]}\n${X_SCALE[options.xAxis].label}: ${formatX(options.xAxis, x[i] as number)}` })),
  ];
}

function formatX(axis: OverlayXAxis, v: number): string {
  if (axis === 'wall') return new Date(v).toLocaleString();
  if (axis === 'relative') return formatSeconds(v);
  return String(v);
}

export function overlayLinesChart(options: OverlayChartOptions): HTMLElement {
  const doc = options.document ?? document;
  const logY = options.logY ?? false;
  const plot = Plot.plot({
    document: doc,
    width: options.width ?? 720,
    height: options.height ?? 320,
    marginLeft: 60,
    style: { background: 'transparent', overflow: 'visible' },
    x: X_SCALE[options.xAxis],
    y: {
      type: logY ? 'log' : 'linear',
      label: options.yLabel,
      grid: true,
      domain: options.yDomain ? [...options.yDomain] : undefined,
      // A log axis defaults to SI prefixes ("600m" reads as minutes); plain numbers instead,
      // and as a specifier (not a function) so d3 still thins the labels between decades.
      tickFormat: logY ? '~g' : undefined,
    },
    color: { type: 'identity' },
    marks: [...seriesMarks(options), ...hoverMarks(options)],
  });
  const entries = options.bands ?? options.lines;
  return chartFigure(plot, chartLegend(entries, doc), doc);
}
