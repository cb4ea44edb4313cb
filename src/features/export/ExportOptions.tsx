// How to export: MLflow's folder layout (a zip `mlflow ui` opens) or Orchard's single JSON file,
// and whether artifact bytes and the model registry come along.
import type { JSX } from 'solid-js';
import type { ExportFormat } from './export-file';

export interface ExportOptionsValue {
  format: ExportFormat;
  includeArtifacts: boolean;
  includeRegistry: boolean;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptionsValue = { format: 'zip', includeArtifacts: true, includeRegistry: true };

export function ExportOptions(props: { value: ExportOptionsValue; disabled: boolean; onChange: (value: ExportOptionsValue) => void }): JSX.Element {
  const set = <K extends keyof ExportOptionsValue>(key: K, v: ExportOptionsValue[K]): void => props.onChange({ ...props.value, [key]: v });
  return (
    <div class="export-options">
      <fieldset class="export-fieldset" disabled={props.disabled}>
        <legend>Format</legend>
        <label class="export-choice export-option">
          <input type="radio" name="format" value="zip" checked={props.value.format === 'zip'} onChange={() => set('format', 'zip')} />
          <span>MLflow folder (zip)</span>
          <span class="muted export-hint">unzip it and run <code>mlflow ui</code> in that folder</span>
        </label>
        <label class="export-choice export-option">
          <input type="radio" name="format" value="json" checked={props.value.format === 'json'} onChange={() => set('format', 'json')} />
          <span>Orchard JSON</span>
          <span class="muted export-hint">one file with everything, for scripts; built in memory, so the zip suits very large exports better</span>
        </label>
      </fieldset>
      <fieldset class="export-fieldset" disabled={props.disabled}>
        <legend>Include</legend>
        <label class="export-choice export-option">
          <input type="checkbox" name="includeArtifacts" checked={props.value.includeArtifacts} onChange={(e) => set('includeArtifacts', e.currentTarget.checked)} />
          <span>Include artifacts</span>
          <span class="muted export-hint">{props.value.format === 'json' ? 'their bytes inside the file; without, only their names, sizes and hashes' : 'the files each run logged'}</span>
        </label>
        <label class="export-choice export-option">
          <input type="checkbox" name="includeRegistry" checked={props.value.includeRegistry} onChange={(e) => set('includeRegistry', e.currentTarget.checked)} />
          <span>Include model registry</span>
          <span class="muted export-hint">the registered models with versions from these runs (all of them when exporting the whole workspace)</span>
        </label>
      </fieldset>
    </div>
  );
}
