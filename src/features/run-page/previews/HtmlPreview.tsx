// An HTML artifact (sklearn's estimator.html, a profiling report) rendered ONLY inside
// <iframe sandbox="">: the empty sandbox gives the document an opaque origin and turns off
// scripts, forms, popups, plugins and top navigation, so nothing in it can touch this page, its
// IndexedDB or its service worker. `sandbox` is a static attribute in the template, so it is on
// the element before `srcdoc` is set and before the frame is attached (and so before it loads).
import type { JSX } from 'solid-js';
import { baseName } from '../../../domain/artifact-preview';

export function HtmlPreview(props: { html: string; path: string }): JSX.Element {
  return (
    <div class="html-preview">
      <p class="preview-note">Rendered in a sandbox: scripts, forms and links inside this file are disabled.</p>
      <iframe sandbox="" class="html-frame" title={`HTML artifact ${baseName(props.path)}`} srcdoc={props.html} referrerpolicy="no-referrer" />
    </div>
  );
}
