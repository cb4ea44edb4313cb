// Plain text and logs, as text (a Solid text node: nothing in the file is parsed as markup).
// Long lines wrap, so a one-line minified file does not become a kilometre of horizontal scroll.
import type { JSX } from 'solid-js';

export function TextPreview(props: { text: string }): JSX.Element {
  return (
    <pre class="text-preview" tabindex="0">
      {props.text}
    </pre>
  );
}
