// CSV and TSV artifacts as a table: the first rows only (parsing and DOM both stop there), with a
// note when there are more, and the parser's complaints if the file is malformed.
import { createMemo, For, Show, type JSX } from 'solid-js';
import { parseDelimitedPreview } from '../../../domain/delimited-preview';

/** Rows rendered: enough to read a file's shape, few enough that the DOM stays light. */
const MAX_ROWS = 500;

export function TablePreview(props: { text: string; delimiter: ',' | '\t'; partial: boolean }): JSX.Element {
  const table = createMemo(() => parseDelimitedPreview(props.text, props.delimiter, { maxRows: MAX_ROWS, partial: props.partial }));
  return (
    <div class="table-preview">
      <Show when={table().moreRows}>
        <p class="preview-note">Showing the first {table().rows.length.toLocaleString()} rows.</p>
      </Show>
      <Show when={table().problems.length > 0}>
        <ul class="preview-note table-problems">
          <For each={table().problems}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>
      <div class="table-scroll preview-table-scroll">
        <table class="preview-table">
          <thead>
            <tr>
              <th class="row-number" scope="col">#</th>
              <For each={table().columns}>{(c) => <th scope="col">{c}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={table().rows}>
              {(row, i) => (
                <tr>
                  <td class="row-number">{i() + 1}</td>
                  <For each={row}>{(cell) => <td>{cell}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
