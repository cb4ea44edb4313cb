// Clean-up (MLflow's `mlflow gc`, plus two rules of Orchard's): choose rules, see exactly what
// would go, then confirm. Changing a rule drops the preview, so what is confirmed is always what
// was shown; if the workspace changed in between, applying fails and nothing is removed.
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ExperimentSize, RetentionPlan } from '../../sdk/index';
import { ConfirmDialog } from '../../ui/components/ConfirmDialog';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { formatBytes } from '../../ui/format';
import { useWorkspace } from '../../ui/workspace-context';
import { DEFAULT_RETENTION_FORM, rulesFromForm, type RetentionFormValues } from './retention-form';
import { RetentionPreview } from './RetentionPreview';
import { isEmptyPlan, planSummary } from './storage-words';

export function RetentionPanel(props: { experiments: readonly ExperimentSize[]; onApplied: () => void }): JSX.Element {
  const { client } = useWorkspace();
  const [form, setForm] = createSignal<RetentionFormValues>({ ...DEFAULT_RETENTION_FORM });
  const [plan, setPlan] = createSignal<RetentionPlan>();
  const [confirming, setConfirming] = createSignal(false);
  const [done, setDone] = createSignal<string>();
  const previewing = createAttempt();
  const applying = createAttempt();
  const set = <K extends keyof RetentionFormValues>(key: K, value: RetentionFormValues[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
    setPlan(undefined);
    setDone(undefined);
  };
  const preview = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setDone(undefined);
    await previewing.attempt(async () => {
      setPlan(await client.planRetention(rulesFromForm(form())));
    });
  };
  const apply = async (): Promise<void> => {
    const p = plan();
    setConfirming(false);
    if (!p) return;
    const ok = await applying.attempt(async () => {
      await client.applyRetention(p);
    });
    if (ok) {
      setDone(`Removed ${planSummary(p)} freed.`);
      setPlan(undefined);
      props.onApplied();
    }
  };
  const active = () => props.experiments.filter((e) => e.lifecycleStage === 'active');
  const removable = () => {
    const p = plan();
    return p !== undefined && !isEmptyPlan(p);
  };
  return (
    <section class="storage-section" aria-labelledby="retention-heading">
      <h3 id="retention-heading">Clean up</h3>
      <p class="muted">
        Deleting a run or an experiment only marks it deleted (it can be restored) and keeps its bytes. Clean-up removes them for good,
        like MLflow’s <code>mlflow gc</code>. You always see what will go first.
      </p>
      <form class="retention-form" onSubmit={(e) => void preview(e)}>
        <label class="retention-rule">
          <input type="checkbox" name="deleted" checked={form().deleted} onChange={(e) => set('deleted', e.currentTarget.checked)} />
          <span>Runs and experiments deleted at least</span>
          <input type="number" name="deletedForDays" min="0" step="1" value={form().deletedForDays} disabled={!form().deleted} onInput={(e) => set('deletedForDays', e.currentTarget.value)} />
          <span>days ago</span>
        </label>
        <label class="retention-rule">
          <input type="checkbox" name="keepLast" checked={form().keepLast} onChange={(e) => set('keepLast', e.currentTarget.checked)} />
          <span>Keep only the newest</span>
          <input type="number" name="keepLastRuns" min="1" step="1" value={form().keepLastRuns} disabled={!form().keepLast} onInput={(e) => set('keepLastRuns', e.currentTarget.value)} />
          <span>runs of each experiment (runs still running are kept)</span>
        </label>
        <label class="retention-rule">
          <input type="checkbox" name="startedBefore" checked={form().startedBefore} onChange={(e) => set('startedBefore', e.currentTarget.checked)} />
          <span>Runs started before</span>
          <input type="date" name="startedBeforeDate" value={form().startedBeforeDate} disabled={!form().startedBefore} onInput={(e) => set('startedBeforeDate', e.currentTarget.value)} />
        </label>
        <Show when={form().keepLast || form().startedBefore}>
          <label class="retention-rule">
            <span>These two rules apply to</span>
            <select name="experimentId" value={form().experimentId} onChange={(e) => set('experimentId', e.currentTarget.value)}>
              <option value="">every experiment</option>
              <For each={active()}>{(e) => <option value={e.experimentId}>{e.name}</option>}</For>
            </select>
          </label>
        </Show>
        <p class="muted">Files that no run uses any more are always included.</p>
        <div class="retention-actions">
          <button type="submit" class="primary preview-retention">Preview</button>
          <Show when={removable()}>
            <button type="button" class="danger apply-retention" onClick={() => setConfirming(true)}>Delete for good…</button>
          </Show>
        </div>
      </form>
      <Show when={previewing.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={applying.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={done()}>{(text) => <p class="retention-done" role="status">{text()}</p>}</Show>
      <Show when={plan()}>{(p) => <RetentionPreview plan={p()} />}</Show>
      <ConfirmDialog
        open={confirming()}
        title="Delete for good?"
        confirmLabel="Delete for good"
        danger
        onConfirm={() => void apply()}
        onCancel={() => setConfirming(false)}
      >
        <Show when={plan()}>
          {(p) => (
            <p>
              {planSummary(p())} will be removed from this browser. This cannot be undone{p().modelVersions.length > 0 ? ', and the registered model versions listed will no longer load' : ''}.
              <br />
              <span class="muted">Frees about {formatBytes(p().bytes.total)}.</span>
            </p>
          )}
        </Show>
      </ConfirmDialog>
    </section>
  );
}
