// Deleting one model version, after asking: its aliases go with it and its number is never reused
// (MLflow's rule). The run and its logged model stay.
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ModelVersion } from '../../domain/registry/entities';
import { ConfirmDialog } from '../../ui/components/ConfirmDialog';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import { registeredModelHref } from './registry-route';

export function DeleteVersionButton(props: { version: ModelVersion }): JSX.Element {
  const { client } = useWorkspace();
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const { error, attempt, clear } = createAttempt();
  const remove = async (): Promise<void> => {
    if (await attempt(() => client.deleteModelVersion(props.version.name, props.version.version))) navigate(registeredModelHref(props.version.name));
  };
  return (
    <>
      <button type="button" class="link version-delete" onClick={() => { clear(); setOpen(true); }}>Delete version</button>
      <ConfirmDialog open={open()} title={`Delete version ${props.version.version}?`} confirmLabel="Delete version" danger onConfirm={() => void remove()} onCancel={() => setOpen(false)}>
        <p>
          Version {props.version.version} of <strong>{props.version.name}</strong> ({props.version.currentStage}) is removed, and its number is not
          given again.
          <Show when={props.version.aliases.length > 0}>
            {' '}Its aliases go with it: <For each={props.version.aliases}>{(a, i) => <>{i() > 0 ? ', ' : ''}<code>@{a}</code></>}</For>.
          </Show>
        </p>
        <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      </ConfirmDialog>
    </>
  );
}
