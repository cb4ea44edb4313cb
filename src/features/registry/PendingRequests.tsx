// Transition requests waiting for a decision: what is asked (version -> stage or alias), by whom,
// when and why, with approve / reject for everyone else and cancel for the requester. The SDK
// enforces the rule (an approver other than the requester); the UI only offers what can work.
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ApprovalRequest } from '../../domain/registry/entities';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatTimestamp } from '../../ui/format';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import type { UserProfile } from '../settings/user-profile';
import { createKeyedList } from './keyed-list';
import { actorLabel, isSameActor, requestSummary } from './registry-text';
import { modelVersionHref, registeredModelHref } from './registry-route';

function RequestRow(props: { request: ApprovalRequest; me: UserProfile | undefined; showModel: boolean }): JSX.Element {
  const { client } = useWorkspace();
  const [comment, setComment] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const decide = createAttempt();
  const mine = (): boolean => isSameActor(props.request.requestedBy, props.me);
  const act = async (action: (id: string, options: { comment?: string }) => Promise<unknown>): Promise<void> => {
    setBusy(true);
    const text = comment().trim();
    await decide.attempt(async () => void (await action(props.request.id, text ? { comment: text } : {})));
    setBusy(false);
  };
  return (
    <li class="approval-request" data-request={props.request.id} data-version={props.request.version}>
      <div class="request-what">
        <Show when={props.showModel}>
          <A class="request-model" href={registeredModelHref(props.request.name, 'approvals')}>{props.request.name}</A>{': '}
        </Show>
        <A href={modelVersionHref(props.request.name, props.request.version)}>{requestSummary(props.request)}</A>
      </div>
      <div class="request-who muted">
        requested by <span class="request-requester">{actorLabel(props.request.requestedBy)}</span> · {formatTimestamp(props.request.requestedAt)}
      </div>
      <Show when={props.request.comment}><blockquote class="request-comment">{props.request.comment}</blockquote></Show>
      <div class="request-actions inline-form">
        <input class="decision-comment" aria-label="Comment" placeholder="comment (optional)" value={comment()} onInput={(e) => setComment(e.currentTarget.value)} />
        <Show
          when={!mine()}
          fallback={
            <>
              <span class="muted">Waiting for someone else to approve.</span>
              <button type="button" class="request-cancel" disabled={busy()} onClick={() => void act((id, o) => client.cancelTransition(id, o))}>Cancel request</button>
            </>
          }
        >
          <button type="button" class="primary request-approve" disabled={busy()} onClick={() => void act((id, o) => client.approveTransition(id, o))}>Approve</button>
          <button type="button" class="danger request-reject" disabled={busy()} onClick={() => void act((id, o) => client.rejectTransition(id, o))}>Reject</button>
        </Show>
      </div>
      <Show when={decide.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </li>
  );
}

export function PendingRequests(props: { requests: ApprovalRequest[]; me: UserProfile | undefined; showModel?: boolean }): JSX.Element {
  const rows = createKeyedList(() => props.requests, (r) => r.id);
  return (
    <Show when={rows.keys().length > 0} fallback={<p class="muted no-requests">No requests are waiting.</p>}>
      <ul class="approval-requests">
        <For each={rows.keys()}>
          {(id) => <Show when={rows.get(id)}>{(r) => <RequestRow request={r()} me={props.me} showModel={props.showModel ?? false} />}</Show>}
        </For>
      </ul>
    </Show>
  );
}
