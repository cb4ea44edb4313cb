// "Register" on a run's logged model: a small form naming the registered model (an existing one
// from the list, or a new name). Registration is MLflow's: the model is created when missing,
// then a version pointing at runs:/<run id>/<path>.
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ModelVersion } from '../../domain/registry/entities';
import { MlflowError } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { searchAllModels } from './registry-data';
import { modelVersionHref } from './registry-route';
import './registry.css';

export function RegisterModelButton(props: { runId: string; artifactPath: string }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const [open, setOpen] = createSignal(false);
  const [name, setName] = createSignal('');
  const [registered, setRegistered] = createSignal<ModelVersion>();
  const [busy, setBusy] = createSignal(false);
  const { error, attempt, clear } = createAttempt();
  const names = createWorkspaceQuery(workspace, open, async (isOpen) => (isOpen ? (await searchAllModels(client, undefined)).map((m) => m.name) : []), { throttleMs: 2000 });
  // Where this logged model is registered already (a run id is hex: safe inside the quotes).
  const source = (): string => `runs:/${props.runId}/${props.artifactPath}`;
  const existing = createWorkspaceQuery(workspace, source, async (src) => {
    const { modelVersions } = await client.searchModelVersions({ filterString: `run_id = '${props.runId}'`, maxResults: 1000 });
    return modelVersions.filter((v) => v.source === src).sort((a, b) => a.name.localeCompare(b.name) || Number(a.version) - Number(b.version));
  }, { throttleMs: 1000 });
  const listId = `register-names-${props.artifactPath.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

  const register = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const modelName = name().trim();
    setBusy(true);
    await attempt(async () => {
      try {
        await client.getRegisteredModel(modelName);
      } catch (missing) {
        if (!(missing instanceof MlflowError && missing.errorCode === 'RESOURCE_DOES_NOT_EXIST')) throw missing;
        await client.createRegisteredModel(modelName);
      }
      setRegistered(await client.createModelVersion(modelName, source(), { runId: props.runId }));
      setOpen(false);
    });
    setBusy(false);
  };

  return (
    <span class="register-model">
      <For each={existing.value() ?? []}>
        {(v) => <A class="chip registered-chip" data-registered={`${v.name}/${v.version}`} href={modelVersionHref(v.name, v.version)}>{v.name} <span class="chip-version">v{v.version}</span></A>}
      </For>{' '}
      <Show
        when={open()}
        fallback={<button type="button" class="link register-model-open" onClick={() => { clear(); setRegistered(undefined); setOpen(true); }}>Register</button>}
      >
        <form class="inline-form register-model-form" onSubmit={(e) => void register(e)}>
          <input
            class="register-model-name"
            list={listId}
            aria-label="Registered model name"
            placeholder="model name (new or existing)"
            value={name()}
            ref={(el) => queueMicrotask(() => el.focus())}
            onInput={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          />
          <datalist id={listId}><For each={names.value() ?? []}>{(n) => <option value={n} />}</For></datalist>
          <button type="submit" class="primary register-model-submit" disabled={busy() || name().trim() === ''}>Register</button>
          <button type="button" class="link" onClick={() => setOpen(false)}>Cancel</button>
        </form>
      </Show>
      <Show when={registered()}>
        {(v) => (
          <span class="register-model-done" role="status">
            {' '}Registered as <A href={modelVersionHref(v().name, v().version)}><span class="registered-name">{v().name}</span> version {v().version}</A>
          </span>
        )}
      </Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </span>
  );
}
