// What an import will bring (or brought): per kind of entity, how many the tree holds, how many
// are new or changed, how many are here already; the size; and every file that was skipped, with
// why. The same table serves the preview and the result.
import { For, Show, type JSX } from 'solid-js';
import type { ImportCounts, ImportReport } from '../../sdk/index';
import { formatBytes, formatCount, formatCountOf } from '../../ui/format';

const ROWS: Array<{ kind: keyof ImportCounts; label: string }> = [
  { kind: 'experiments', label: 'Experiments' },
  { kind: 'runs', label: 'Runs' },
  { kind: 'params', label: 'Params' },
  { kind: 'tags', label: 'Tags' },
  { kind: 'metricKeys', label: 'Metric histories' },
  { kind: 'metricPoints', label: 'Metric points' },
  { kind: 'datasetInputs', label: 'Dataset inputs' },
  { kind: 'artifacts', label: 'Artifact files' },
  { kind: 'loggedModels', label: 'Logged models' },
  { kind: 'registeredModels', label: 'Registered models' },
  { kind: 'modelVersions', label: 'Model versions' },
  { kind: 'aliases', label: 'Aliases' },
];

/** A tree with thousands of bad files should not make the page build thousands of rows. */
const SHOWN_WARNINGS = 500;

export function ImportCountsTable(props: { report: ImportReport; newLabel: string }): JSX.Element {
  const rows = () => ROWS.filter((r) => props.report.found[r.kind] > 0);
  return (
    <table class="import-counts">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">In the tree</th>
          <th scope="col">{props.newLabel}</th>
          <th scope="col">Already here</th>
        </tr>
      </thead>
      <tbody>
        <For each={rows()}>
          {(r) => (
            <tr data-kind={r.kind}>
              <th scope="row">{r.label}</th>
              <td class="found">{formatCount(props.report.found[r.kind])}</td>
              <td class="fresh">{formatCount(props.report.imported[r.kind])}</td>
              <td class="unchanged">{formatCount(props.report.unchanged[r.kind])}</td>
            </tr>
          )}
        </For>
        <tr data-kind="artifactBytes">
          <th scope="row">Artifact bytes</th>
          <td class="found">{formatBytes(props.report.found.artifactBytes)}</td>
          <td class="fresh">{formatBytes(props.report.imported.artifactBytes)}</td>
          <td class="unchanged">{formatBytes(props.report.unchanged.artifactBytes)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function ImportWarnings(props: { report: ImportReport }): JSX.Element {
  return (
    <Show when={props.report.warnings.length > 0}>
      <details class="import-warnings" open={props.report.warnings.length <= 10}>
        <summary>
          {formatCountOf(props.report.warnings.length, 'warning')}
          <Show when={props.report.skippedFiles > 0}> · {formatCountOf(props.report.skippedFiles, 'file')} not imported</Show>
        </summary>
        <ul>
          <For each={props.report.warnings.slice(0, SHOWN_WARNINGS)}>
            {(w) => (
              <li>
                <code class="warning-path">{w.path}</code> <span class="warning-message">{w.message}</span>
              </li>
            )}
          </For>
          <Show when={props.report.warnings.length > SHOWN_WARNINGS}>
            <li class="muted">…and {formatCount(props.report.warnings.length - SHOWN_WARNINGS)} more.</li>
          </Show>
        </ul>
      </details>
    </Show>
  );
}
