// A Plot render transform that marks a mark's <g> with the series it draws (a run id) and what
// part it is (raw, smoothed, band ...), so styles, tests and hover code can find a run's shapes.
import type * as Plot from '@observablehq/plot';

export function tagged(series: string, kind: string): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.(index, scales, values, dimensions, context) ?? null;
    g?.setAttribute('data-series', series);
    g?.setAttribute('data-kind', kind);
    return g;
  };
}
