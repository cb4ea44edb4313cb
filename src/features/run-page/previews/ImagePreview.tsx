// An image artifact through an object URL in an <img>. SVG too: inside <img> an SVG is an image,
// so its scripts and event handlers never run (it is never inlined into the page). The URL is
// revoked when the preview goes away or the Blob changes, so browsing images does not leak memory.
import { createMemo, createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { baseName, imageMimeType } from '../../../domain/artifact-preview';

export function ImagePreview(props: { blob: Blob; path: string }): JSX.Element {
  const [size, setSize] = createSignal<{ w: number; h: number }>();
  const [failed, setFailed] = createSignal(false);
  const url = createMemo(() => {
    // Stored artifacts carry no MIME type; <img> needs one to render SVG (raster formats are sniffed).
    const typed = new Blob([props.blob], { type: imageMimeType(props.path) ?? '' });
    const u = URL.createObjectURL(typed);
    onCleanup(() => URL.revokeObjectURL(u));
    return u;
  });
  return (
    <figure class="image-preview">
      <img
        src={url()}
        alt={baseName(props.path)}
        onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
        onError={() => setFailed(true)}
      />
      <figcaption class="muted">
        <Show when={!failed()} fallback="This file could not be decoded as an image.">
          <Show when={size()}>{(s) => `${s().w} × ${s().h} px`}</Show>
        </Show>
      </figcaption>
    </figure>
  );
}
