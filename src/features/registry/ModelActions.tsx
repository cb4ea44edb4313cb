// Renaming and deleting a registered model. A rename moves the page to the new address (versions,
// aliases, the gate and pending requests follow the name in the SDK); a delete asks first, says
// what goes with the model, and returns to the list.
import { useNavigate } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import type { RegisteredModel } from '../../domain/registry/entities';
import { ConfirmDialog } from '../../ui/components/ConfirmDialog';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import { registeredModelHref } from './registry-route';

export function ModelActions(props: { model: RegisteredModel; versionCount: number }): JSX.Element {
  const { client } = useWorkspace();
  const navigate = useNavigate();
  const [renaming, setRenaming] = createSignal(false);
  const [newName, setNewName] = createSignal('');
  const [deleting, setDeleting] = createSignal(false);
  const { error, attempt, clear } = createAttempt();
  const rename = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const to = newName().trim();
    if (await attempt(async () => void (await client.renameRegisteredModel(props.model.name, to)))) {
      setRenaming(false);
      navigate(registeredModelHref(to), { replace: true });
    }
  };
  const remove = async (): Promise<void> => {
    if (await attempt(() => client.deleteRegisteredModel(props.model.name))) navigate('/models');
  };
  return (
    <div class="registered-model-actions">
      <Show
        when={renaming()}
        fallback={
          <>
            <button type="button" class="link model-rename" onClick={() => { clear(); setNewName(props.model.name); setRenaming(true); }}>Rename</button>
            <button type="button" class="link model-delete" onClick={() => { clear(); setDeleting(true); }}>Delete</button>
          </>
        }
      >
        <form class="inline-form" onSubmit={(e) => void rename(e)}>
          <input class="model-new-name" aria-label="New name" value={newName()} ref={(el) => queueMicrotask(() => el.select())} onInput={(e) => setNewName(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)} />
          <button type="submit" class="primary" disabled={newName().trim() === '' || newName().trim() === props.model.name}>Rename</button>
          <button type="button" class="link" onClick={() => setRenaming(false)}>Cancel</button>
        </form>
      </Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <ConfirmDialog open={deleting()} title="Delete this registered model?" confirmLabel="Delete model" danger onConfirm={() => void remove()} onCancel={() => setDeleting(false)}>
        <p>
          <strong class="delete-model-name">{props.model.name}</strong> and its {props.versionCount} version{props.versionCount === 1 ? '' : 's'}, aliases, tags and
          approval gate are removed. The runs and their logged models stay; the audit trail keeps the history.
        </p>
        <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      </ConfirmDialog>
    </div>
  );
}
