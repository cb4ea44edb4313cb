// What an experiment with no runs shows: the ways in (demo or an MLflow import, SDK, REST). Mounted by the runs
// page in place of the runs table when the experiment has no runs and no filter is set:
//   <ExperimentEmptyState experimentId={id} experimentName={name} />
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { EmptyWorkspace } from '../../ui/components/EmptyWorkspace';
import { LoadDemoButton } from '../demo/LoadDemoButton';

export function ExperimentEmptyState(props: { experimentId?: string; experimentName?: string }): JSX.Element {
  return (
    <EmptyWorkspace experimentId={props.experimentId} experimentName={props.experimentName}>
      <LoadDemoButton />
      <p class="empty-import">
        Or bring your MLflow runs: <A href="/import" class="import-link">import an mlruns folder</A>.
      </p>
    </EmptyWorkspace>
  );
}
