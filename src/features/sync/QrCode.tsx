// A QR code drawn as SVG rects by Solid (never innerHTML), dark on light in both themes because
// phone cameras expect that.
import { createMemo, For, type JSX } from 'solid-js';
import { qrPicture } from './qr-runs';

export function QrCode(props: { text: string; label: string; pixels?: number }): JSX.Element {
  const picture = createMemo(() => qrPicture(props.text));
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${picture().size} ${picture().size}`}
      width={props.pixels ?? 220}
      height={props.pixels ?? 220}
      shape-rendering="crispEdges"
    >
      <rect class="qr-light" width={picture().size} height={picture().size} />
      <For each={picture().runs}>{(run) => <rect class="qr-dark" x={run.x} y={run.y} width={run.width} height={1} />}</For>
    </svg>
  );
}
