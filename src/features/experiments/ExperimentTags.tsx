// An experiment's tags through the shared TagEditor. MLflow's own `mlflow.*` tags are left out (the
// description is shown by the header), and a deleted experiment's tags are read-only, as MLflow
// refuses to tag it.
import type { JSX } from 'solid-js';
import { isSystemTag } from '../../domain/system-tags';
import type { Experiment } from '../../sdk/index';
import { TagEditor } from '../../ui/components/TagEditor';
import { useWorkspace } from '../../ui/workspace-context';

export function ExperimentTags(props: { experiment: Experiment }): JSX.Element {
  const { client } = useWorkspace();
  const id = () => props.experiment.experimentId;
  const readOnly = () => props.experiment.lifecycleStage !== 'active';
  return (
    <section class="experiment-tags" aria-label="Experiment tags">
      <h3 class="tags-heading">Tags</h3>
      <TagEditor
        tags={props.experiment.tags}
        hidden={isSystemTag}
        readOnly={readOnly()}
        empty={readOnly() ? 'none' : undefined}
        onSet={(key, value) => client.setExperimentTag(id(), key, value)}
        onDelete={(key) => client.deleteExperimentTag(id(), key)}
      />
    </section>
  );
}
