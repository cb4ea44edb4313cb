// The run's parameters (write-once in MLflow, so there is nothing to edit here).
import type { JSX } from 'solid-js';
import { KeyValueTable } from './KeyValueTable';

export function ParamsSection(props: { params: Record<string, string> }): JSX.Element {
  return (
    <div class="params-section">
      <KeyValueTable entries={props.params} empty="No parameters logged." />
    </div>
  );
}
