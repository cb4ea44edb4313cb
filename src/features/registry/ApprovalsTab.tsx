// A model's approval workflow: the gate (which stages and aliases need a second person's
// approval), the requests waiting, and the ones already decided.
import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import { STAGES, type ApprovalGate, type ApprovalRequest, type Stage } from '../../domain/registry/entities';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatTimestamp } from '../../ui/format';
import { createAttempt } from '../../ui/primitives/attempt';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { createUserProfile } from '../settings/user-profile';
import { PendingRequests } from './PendingRequests';
import { actorLabel, requestSummary } from './registry-text';

function GateEditor(props: { name: string; gate: ApprovalGate | undefined }): JSX.Element {
  const { client } = useWorkspace();
  const [stages, setStages] = createSignal<Stage[]>([]);
  const [aliases, setAliases] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  const { error, attempt } = createAttempt();
  // The form follows the stored gate only when it really changes: every registry change brings a
  // fresh gate object, and must not undo boxes ticked but not yet saved.
  createEffect(on(() => JSON.stringify([props.gate?.stages ?? [], props.gate?.aliases ?? []]), () => {
    setStages(props.gate?.stages ?? []);
    setAliases((props.gate?.aliases ?? []).join(', '));
  }));
  const aliasList = (): string[] => [...new Set(aliases().split(',').map((a) => a.trim()).filter(Boolean))];
  const toggle = (s: Stage, checked: boolean): void => {
    setSaved(false);
    setStages((list) => (checked ? [...list, s] : list.filter((x) => x !== s)));
  };
  const save = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setSaved(await attempt(() => client.setApprovalGate(props.name, { stages: STAGES.filter((s) => stages().includes(s)), aliases: aliasList() })));
  };
  return (
    <form class="gate-editor" onSubmit={(e) => void save(e)}>
      <fieldset>
        <legend>Moving a version to these stages needs approval</legend>
        <For each={STAGES}>
          {(s) => (
            <label class="gate-stage" data-stage={s}>
              <input type="checkbox" checked={stages().includes(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} /> {s}
            </label>
          )}
        </For>
      </fieldset>
      <label class="gate-aliases">
        <span>Setting these aliases needs approval <span class="muted">(comma-separated)</span></span>
        <input placeholder="champion, prod" value={aliases()} onInput={(e) => { setAliases(e.currentTarget.value); setSaved(false); }} />
      </label>
      <div class="inline-form">
        <button type="submit" class="primary gate-save">Save approval gate</button>
        <Show when={saved()}><span class="profile-saved" role="status">Saved.</span></Show>
      </div>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </form>
  );
}

function DecidedRequests(props: { requests: ApprovalRequest[] }): JSX.Element {
  return (
    <Show when={props.requests.length > 0} fallback={<p class="muted">None yet.</p>}>
      <table class="registry-table decided-requests">
        <thead><tr><th>Request</th><th>Requested by</th><th>Decision</th><th>By</th><th>When</th><th>Comment</th></tr></thead>
        <tbody>
          <For each={props.requests}>
            {(r) => (
              <tr data-request={r.id} data-status={r.status}>
                <td>{requestSummary(r)}</td>
                <td>{actorLabel(r.requestedBy)}</td>
                <td><span class={`badge status-${r.status.toLowerCase()}`}>{r.status.toLowerCase()}</span></td>
                <td>{actorLabel(r.decidedBy)}</td>
                <td>{r.decidedAt ? formatTimestamp(r.decidedAt) : ''}</td>
                <td class="kv-value">{r.decisionComment ?? ''}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}

export function ApprovalsTab(props: { name: string; gate: ApprovalGate | undefined }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const me = createUserProfile(workspace);
  const requests = createWorkspaceQuery(workspace, () => props.name, (name) => client.listTransitionRequests({ name }));
  const pending = (): ApprovalRequest[] => (requests.value() ?? []).filter((r) => r.status === 'PENDING');
  const decided = (): ApprovalRequest[] => (requests.value() ?? []).filter((r) => r.status !== 'PENDING').sort((a, b) => (b.decidedAt ?? 0) - (a.decidedAt ?? 0));
  return (
    <div class="approvals-tab">
      <h3>Approval gate</h3>
      <GateEditor name={props.name} gate={props.gate} />
      <h3>Waiting for approval</h3>
      <Show when={requests.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <PendingRequests requests={pending()} me={me()} />
      <h3>Decided</h3>
      <DecidedRequests requests={decided()} />
    </div>
  );
}
