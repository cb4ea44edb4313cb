// JSON pretty-printed with two-space indents; a file that does not parse is shown raw with the
// parser's complaint (Python writes NaN and Infinity, which are not JSON).
import { createMemo, Show, type JSX } from 'solid-js';
import { prettyJson } from '../../../domain/text-preview';

export function JsonPreview(props: { text: string }): JSX.Element {
  const pretty = createMemo(() => prettyJson(props.text));
  const formatted = (): string | undefined => {
    const p = pretty();
    return p.ok ? p.text : undefined;
  };
  const error = (): string => {
    const p = pretty();
    return p.ok ? '' : p.error;
  };
  return (
    <Show
      when={formatted()}
      fallback={
        <>
          <p class="preview-note">Not valid JSON ({error()}); showing the file as it is.</p>
          <pre class="text-preview" tabindex="0">{props.text}</pre>
        </>
      }
    >
      {(text) => <pre class="text-preview json-preview" tabindex="0">{text()}</pre>}
    </Show>
  );
}
