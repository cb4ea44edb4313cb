// What an experiment with no runs shows: the three ways in (demo, SDK, REST). Mounted by the runs
// page in place of the runs table when the experiment has no runs and no filter is set:
//   <ExperimentEmptyState experimentId={id} experimentName={name} />
import type { JSX } from 'solid-js';
import { EmptyWorkspace } from '../../ui/components/EmptyWorkspace';
import { LoadDemoButton } from '../demo/LoadDemoButton';

export function ExperimentEmptyState(props: { experimentId?: string; experimentName?: string }): JSX.Element {
  return (
    <EmptyWorkspace experimentId={props.experimentId} experimentName={props.experimentName}>
      <LoadDemoButton />
    </EmptyWorkspace>
  );
}
