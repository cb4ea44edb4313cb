// A chart legend of coloured swatches and names. Names are user data (run names can be
// `<img onerror=...>`), so they are only ever set as textContent, never parsed as HTML.

export interface LegendEntry {
  id: string;
  label: string;
  color: string;
}

export function chartLegend(entries: readonly LegendEntry[], doc: Document = document): HTMLElement {
  const list = doc.createElement('ul');
  list.className = 'chart-legend';
  for (const e of entries) {
    const item = doc.createElement('li');
    item.dataset.series = e.id;
    const swatch = doc.createElement('span');
    swatch.className = 'chart-swatch';
    swatch.style.background = e.color;
    const name = doc.createElement('span');
    name.className = 'chart-legend-label';
    name.textContent = e.label;
    item.append(swatch, name);
    list.append(item);
  }
  return list;
}

/** Wraps a Plot node and its legend in one element, the unit the Solid wrappers mount. */
export function chartFigure(plot: Element, legend: HTMLElement | null, doc: Document = document): HTMLElement {
  const figure = doc.createElement('div');
  figure.className = 'chart-figure';
  figure.append(plot);
  if (legend) figure.append(legend);
  return figure;
}
