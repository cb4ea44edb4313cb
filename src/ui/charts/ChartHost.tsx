// Mounts a chart spec's DOM node and swaps it whenever the spec's inputs change. `render`
// receives the host's width (tracked with a ResizeObserver) so charts fill their column; it runs
// inside an effect, so any signal it reads re-renders the chart.
import { createEffect, createSignal, onCleanup, onMount, type JSX } from 'solid-js';

export interface ChartHostProps {
  /** the chart's DOM node, or undefined to keep the host empty */
  render: (width: number) => Element | undefined;
  class?: string;
  /** fallback width before layout (and where ResizeObserver is missing, as in jsdom) */
  defaultWidth?: number;
}

export function ChartHost(props: ChartHostProps): JSX.Element {
  let host!: HTMLDivElement;
  const [width, setWidth] = createSignal(props.defaultWidth ?? 720);
  onMount(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const measure = (): void => {
      // Whole pixels, and only real changes: a re-render per sub-pixel jitter would thrash.
      const w = Math.floor(host.clientWidth);
      if (w > 0 && w !== width()) setWidth(w);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(host);
    onCleanup(() => ro.disconnect());
  });
  createEffect(() => {
    const node = props.render(width());
    host.replaceChildren(...(node ? [node] : []));
  });
  return <div ref={host} class={`chart-host ${props.class ?? ''}`} />;
}
