// A registered model's aliases (MLflow 2.3+): each points at one version; setting an alias that
// exists moves it. An alias the approval gate covers is not set directly: a request is filed.
import { createSignal, For, Show, type JSX } from 'solid-js';
import { gateCovers } from '../../domain/registry/approval-rules';
import type { ApprovalGate, ModelVersion, RegisteredModelAlias } from '../../domain/registry/entities';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';

export function AliasEditor(props: { name: string; aliases: RegisteredModelAlias[]; versions: ModelVersion[]; gate: ApprovalGate | undefined }): JSX.Element {
  const { client } = useWorkspace();
  const [alias, setAlias] = createSignal('');
  const [version, setVersion] = createSignal('');
  const [requested, setRequested] = createSignal<string>();
  const { error, attempt } = createAttempt();
  const chosenVersion = (): string => version() || props.versions[0]?.version || '';
  const gated = (a: string): boolean => gateCovers(props.gate, { kind: 'alias', alias: a });

  /** Sets (or moves) `a` to `v`, or asks for approval when the gate covers it. */
  const point = async (a: string, v: string): Promise<boolean> =>
    attempt(async () => {
      if (gated(a)) {
        await client.requestTransition(props.name, v, { alias: a });
        setRequested(`@${a} → version ${v} needs approval: the request is waiting under Approvals.`);
      } else {
        await client.setRegisteredModelAlias(props.name, a, v);
        setRequested(undefined);
      }
    });
  const add = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (await point(alias().trim(), chosenVersion())) setAlias('');
  };

  return (
    <div class="alias-editor">
      <Show when={props.aliases.length > 0} fallback={<p class="muted">No aliases. An alias names a version for code to load: <code>models:/{props.name}@champion</code>.</p>}>
        <table class="registry-table alias-table">
          <thead><tr><th>Alias</th><th>Version</th><th /></tr></thead>
          <tbody>
            <For each={props.aliases}>
              {(a) => (
                <tr data-alias={a.alias}>
                  <td><code>@{a.alias}</code><Show when={gated(a.alias)}> <span class="badge gated-badge">needs approval</span></Show></td>
                  <td>
                    <select class="alias-version" aria-label={`Version for alias ${a.alias}`} value={a.version} onChange={(e) => void point(a.alias, e.currentTarget.value)}>
                      <For each={props.versions}>{(v) => <option value={v.version}>Version {v.version}</option>}</For>
                    </select>
                  </td>
                  <td><button type="button" class="link alias-delete" aria-label={`Delete alias ${a.alias}`} onClick={() => void attempt(() => client.deleteRegisteredModelAlias(props.name, a.alias))}>Delete</button></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.versions.length > 0}>
        <form class="inline-form alias-add" onSubmit={(e) => void add(e)}>
          <input class="alias-name" aria-label="Alias" placeholder="alias, e.g. champion" value={alias()} onInput={(e) => setAlias(e.currentTarget.value)} />
          <select class="alias-add-version" aria-label="Version for the new alias" value={chosenVersion()} onChange={(e) => setVersion(e.currentTarget.value)}>
            <For each={props.versions}>{(v) => <option value={v.version}>Version {v.version}</option>}</For>
          </select>
          <button type="submit" disabled={alias().trim() === ''}>{gated(alias().trim()) ? 'Request alias' : 'Set alias'}</button>
        </form>
      </Show>
      <Show when={requested()}>{(text) => <p class="preview-note alias-requested" role="status">{text()}</p>}</Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </div>
  );
}
