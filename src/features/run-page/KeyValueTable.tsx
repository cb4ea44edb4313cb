// Params or tags as a two-column table, sorted by key.
import { For, Show, type JSX } from 'solid-js';

export function KeyValueTable(props: { entries: Record<string, string>; empty: string }): JSX.Element {
  const rows = () => Object.entries(props.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <Show when={rows().length > 0} fallback={<p class="muted">{props.empty}</p>}>
      <table class="kv">
        <tbody>
          <For each={rows()}>{([k, v]) => <tr><th scope="row">{k}</th><td>{v}</td></tr>}</For>
        </tbody>
      </table>
    </Show>
  );
}
