// One experiment in the sidebar: its name and number of runs, renamed in place (Enter saves,
// Escape cancels), deleted after a confirmation, or restored when it is a deleted one.
import { A } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import type { Experiment } from '../../sdk/index';
import { ConfirmDialog } from '../../ui/components/ConfirmDialog';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { useWorkspace } from '../../ui/workspace-context';
import { PencilIcon, TrashIcon } from './icons';
import { createAttempt } from '../../ui/primitives/attempt';

export interface ExperimentListItemProps {
  experiment: Experiment;
  /** active runs, or for a deleted experiment the runs a restore brings back */
  runCount: number;
  href: string;
}

/** MLflow refuses to delete the Default experiment. */
const DEFAULT_EXPERIMENT_ID = '0';

export function ExperimentListItem(props: ExperimentListItemProps): JSX.Element {
  const { client } = useWorkspace();
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const { error, attempt, clear } = createAttempt();
  const id = () => props.experiment.experimentId;
  const name = () => props.experiment.name;
  const deleted = () => props.experiment.lifecycleStage === 'deleted';

  const rename = async (input: HTMLInputElement): Promise<void> => {
    const next = input.value.trim();
    if (next === name()) return void setEditing(false);
    if (await attempt(() => client.renameExperiment(id(), next))) setEditing(false);
  };

  return (
    <li class="experiment-item" classList={{ deleted: deleted() }} data-experiment-id={id()}>
      <Show
        when={editing()}
        fallback={
          <div class="experiment-row">
            <A href={props.href} activeClass="active" end class="experiment-link">
              <span class="experiment-name" title={name()}>{name()}</span>
              <span class="count" title={deleted() ? 'runs (deleted)' : 'runs'}>{props.runCount}</span>
            </A>
            <span class="experiment-actions">
              <Show
                when={!deleted()}
                fallback={
                  <button type="button" class="restore" onClick={() => void attempt(() => client.restoreExperiment(id()))}>
                    Restore
                  </button>
                }
              >
                <button type="button" class="icon rename" aria-label={`Rename ${name()}`} title="Rename" onClick={() => setEditing(true)}>
                  <PencilIcon />
                </button>
                <Show when={id() !== DEFAULT_EXPERIMENT_ID}>
                  <button type="button" class="icon delete" aria-label={`Delete ${name()}`} title="Delete" onClick={() => setConfirming(true)}>
                    <TrashIcon />
                  </button>
                </Show>
              </Show>
            </span>
          </div>
        }
      >
        <form class="rename-form" onSubmit={(ev) => {
          ev.preventDefault();
          const input = ev.currentTarget.elements.namedItem('name');
          if (input instanceof HTMLInputElement) void rename(input);
        }}>
          <input
            name="name"
            aria-label={`New name for ${name()}`}
            value={name()}
            ref={(el) => queueMicrotask(() => { el.focus(); el.select(); })}
            onKeyDown={(ev) => {
              if (ev.key === 'Escape') {
                setEditing(false);
                clear();
              }
            }}
            // Leaving an untouched name closes the editor; an edited one stays open, unsaved
            // work is never dropped silently.
            onBlur={(ev) => ev.currentTarget.value.trim() === name() && setEditing(false)}
          />
        </form>
      </Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={confirming()}>
        <ConfirmDialog
          open
          title="Delete experiment?"
          confirmLabel="Delete"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void attempt(() => client.deleteExperiment(id()));
          }}
        >
          <p>
            <strong class="experiment-name-quoted">{name()}</strong>
            {props.runCount === 0 ? '' : ` and its ${props.runCount} run${props.runCount === 1 ? '' : 's'}`} will be deleted.
            You can restore {props.runCount === 0 ? 'it' : 'them'} under "Show deleted".
          </p>
        </ConfirmDialog>
      </Show>
    </li>
  );
}
