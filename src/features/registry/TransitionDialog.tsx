// The confirm step of a stage transition. It says exactly what will happen: the version's move,
// and, with "archive the others" ticked, which versions go to Archived. When the model's gate
// covers the target stage, confirming files a request for someone else to approve instead.
import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import { gateCovers } from '../../domain/registry/approval-rules';
import type { ApprovalGate, ModelVersion, Stage } from '../../domain/registry/entities';
import { ConfirmDialog } from '../../ui/components/ConfirmDialog';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import { canArchiveExisting, versionList, versionsToArchive } from './transition-plan';

export interface PendingTransition {
  version: ModelVersion;
  stage: Stage;
}

export function TransitionDialog(props: {
  transition: PendingTransition | undefined;
  versions: readonly ModelVersion[];
  gate: ApprovalGate | undefined;
  onClose: () => void;
}): JSX.Element {
  const { client } = useWorkspace();
  const [archive, setArchive] = createSignal(false);
  const [comment, setComment] = createSignal('');
  const { error, attempt, clear } = createAttempt();
  const t = (): PendingTransition | undefined => props.transition;
  const stage = (): Stage => t()?.stage ?? 'None';
  const gated = (): boolean => gateCovers(props.gate, { kind: 'stage', stage: stage() });
  const archived = createMemo(() => {
    const x = t();
    return x ? versionsToArchive(props.versions, x.version.version, x.stage, archive()) : [];
  });
  const close = (): void => {
    setArchive(false);
    setComment('');
    clear();
    props.onClose();
  };
  const confirm = async (): Promise<void> => {
    const x = t();
    if (!x) return;
    const archiveExisting = archive() && canArchiveExisting(x.stage);
    const name = x.version.name;
    const ok = await attempt(async () => {
      if (gated()) {
        const text = comment().trim();
        await client.requestTransition(name, x.version.version, { stage: x.stage, archiveExistingVersions: archiveExisting }, text ? { comment: text } : {});
      } else {
        await client.transitionModelVersionStage(name, x.version.version, x.stage, archiveExisting);
      }
    });
    if (ok) close();
  };
  return (
    <ConfirmDialog
      open={t() !== undefined}
      title={gated() ? 'Request a stage transition' : 'Transition stage'}
      confirmLabel={gated() ? 'Request approval' : `Move to ${stage()}`}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      <div class="transition-dialog">
        <p class="transition-move">
          Version <strong>{t()?.version.version}</strong>: <span class="stage-from">{t()?.version.currentStage}</span> → <strong class="stage-to">{stage()}</strong>
        </p>
        <Show when={canArchiveExisting(stage())}>
          <label class="archive-existing">
            <input type="checkbox" checked={archive()} onChange={(e) => setArchive(e.currentTarget.checked)} />
            Archive the other versions now in {stage()}
          </label>
          <p class="archive-plan" data-archives={archived().map((v) => v.version).join(',')}>
            <Show when={archive()} fallback={<span class="muted">Other versions in {stage()} stay there.</span>}>
              <Show when={archived().length > 0} fallback={<span class="muted">No other version is in {stage()}: nothing will be archived.</span>}>
                This will archive <strong>{versionList(archived())}</strong> (now in {stage()}).
              </Show>
            </Show>
          </p>
        </Show>
        <Show when={gated()}>
          <p class="preview-note approval-note">{stage()} needs approval: this files a request that someone else approves.</p>
          <label class="request-comment-field">
            <span class="muted">Comment for the approver</span>
            <input class="transition-comment" value={comment()} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
        </Show>
        <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      </div>
    </ConfirmDialog>
  );
}
