// The top of an experiment's page: its name, id, run count and age, its description (MLflow's
// `mlflow.note.content` experiment tag, shown as plain text), a restore button when it is
// deleted, and its tags. Mounted by the runs page above the runs table:
//   <ExperimentHeader experimentId={params.experimentId} />
// `showName={false}` when the page already shows the name (the runs page's experiment chips).
import { createSignal, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatRelativeTime } from '../../ui/format';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { ExperimentTags } from './ExperimentTags';
import './experiments.css';
import { Markdown } from '../../ui/components/Markdown';

const DESCRIPTION_TAG = 'mlflow.note.content';

export function ExperimentHeader(props: { experimentId: string; showName?: boolean }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const details = createWorkspaceQuery(
    workspace,
    () => props.experimentId,
    async (experimentId) => {
      const [experiment, active, all] = await Promise.all([
        client.getExperiment(experimentId),
        client.countRuns({ experimentIds: [experimentId] }),
        client.countRuns({ experimentIds: [experimentId], runViewType: 'ALL' }),
      ]);
      return { experiment, activeRuns: active[experimentId] ?? 0, allRuns: all[experimentId] ?? 0 };
    },
  );
  const [restoreError, setRestoreError] = createSignal<unknown>();
  const restore = async (): Promise<void> => {
    try {
      await client.restoreExperiment(props.experimentId);
      setRestoreError(undefined);
    } catch (e) {
      setRestoreError(() => e);
    }
  };

  return (
    <Show when={!details.error()} fallback={<ErrorNotice error={details.error()} />}>
      <Show when={details.value()}>
        {(d) => (
          <header class="experiment-header" classList={{ deleted: d().experiment.lifecycleStage === 'deleted' }}>
            <div class="experiment-heading">
              <Show when={props.showName ?? true}>
                <h2 class="experiment-title">{d().experiment.name}</h2>
              </Show>
              <Show when={d().experiment.lifecycleStage === 'deleted'}>
                <span class="badge badge-deleted">Deleted</span>
                <button type="button" class="restore" onClick={() => void restore()}>Restore</button>
              </Show>
            </div>
            <p class="experiment-meta muted">
              <span>ID <code>{d().experiment.experimentId}</code></span>
              <span class="experiment-run-count">{d().experiment.lifecycleStage === 'deleted' ? d().allRuns : d().activeRuns} runs</span>
              <span title={new Date(d().experiment.creationTime).toLocaleString()}>created {formatRelativeTime(d().experiment.creationTime)}</span>
            </p>
            <Show when={d().experiment.tags[DESCRIPTION_TAG]}>
              {(text) => <Markdown source={text()} class="experiment-description" />}
            </Show>
            <Show when={restoreError()}>{(e) => <ErrorNotice error={e()} />}</Show>
            <ExperimentTags experiment={d().experiment} />
          </header>
        )}
      </Show>
    </Show>
  );
}
