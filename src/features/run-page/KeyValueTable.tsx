// Params or tags as a two-column table, sorted by key. Rows are keyed by key (not by entry), so a
// live refresh while a run logs updates values in place instead of rebuilding every row.
import { createMemo, For, Show, type JSX } from 'solid-js';

/** `note`: shown under a value (a param's conflict warning). */
export function KeyValueTable(props: { entries: Record<string, string>; empty: string; note?: (key: string) => JSX.Element }): JSX.Element {
  const keys = createMemo(() => Object.keys(props.entries).sort(), [], {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  });
  return (
    <Show when={keys().length > 0} fallback={props.empty ? <p class="muted">{props.empty}</p> : null}>
      <table class="kv">
        <tbody>
          <For each={keys()}>
            {(k) => (
              <tr data-key={k}>
                <th scope="row">{k}</th>
                <td class="kv-value">
                  {props.entries[k]}
                  {props.note?.(k)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
