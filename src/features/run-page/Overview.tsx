// The run at a glance: status, id (with a copy button), times, who ran it from where, datasets,
// and its parent and child runs. A running run's duration ticks every second.
import { createEffect, createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';
import { PARENT_RUN_ID_TAG, SOURCE_NAME_TAG, SOURCE_TYPE_TAG, USER_TAG } from '../../domain/system-tags';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { formatDuration, formatTimestamp } from '../../ui/format';
import { ChildRuns, ParentRunLink } from './RelatedRuns';

const GIT_COMMIT_TAG = 'mlflow.source.git.commit';
const COPIED_MS = 1500;

function CopyButton(props: { text: string; label: string }): JSX.Element {
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      // No clipboard permission (or an insecure origin): say so rather than pretend.
      setState('failed');
    }
    clearTimeout(timer);
    timer = setTimeout(() => setState('idle'), COPIED_MS);
  };
  return (
    <button type="button" class="copy-button" aria-label={props.label} onClick={() => void copy()}>
      {state() === 'copied' ? 'Copied ✓' : state() === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

/** Now, refreshed every second while `active()`; a finished run's duration needs no clock. */
function createTicker(active: () => boolean): () => number {
  const [now, setNow] = createSignal(Date.now());
  createEffect(() => {
    if (!active()) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    onCleanup(() => clearInterval(id));
  });
  return now;
}

export function Overview(props: { run: Run }): JSX.Element {
  const info = () => props.run.info;
  const tag = (key: string): string | undefined => props.run.data.tags[key];
  const now = createTicker(() => info().endTime === null);
  const datasets = () => props.run.inputs.datasetInputs;

  return (
    <dl class="overview">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={info().status} />
        <Show when={info().lifecycleStage === 'deleted'}> <span class="badge badge-deleted">deleted</span></Show>
      </dd>
      <dt>Run ID</dt>
      <dd>
        <code class="run-id">{info().runId}</code> <CopyButton text={info().runId} label="Copy run ID" />
      </dd>
      <dt>Started</dt>
      <dd>{formatTimestamp(info().startTime)}</dd>
      <dt>Ended</dt>
      <dd>{formatTimestamp(info().endTime) || '—'}</dd>
      <dt>Duration</dt>
      <dd class="run-duration">{formatDuration(info().startTime, info().endTime, now())}</dd>
      <dt>User</dt>
      <dd>{info().userId || tag(USER_TAG) || '—'}</dd>
      <dt>Source</dt>
      <dd class="run-source">
        {tag(SOURCE_NAME_TAG) ?? '—'}
        <Show when={tag(SOURCE_TYPE_TAG)}>{(t) => <span class="muted"> ({t()})</span>}</Show>
        <Show when={tag(GIT_COMMIT_TAG)}>{(c) => <> <code title={c()}>{c().slice(0, 8)}</code></>}</Show>
      </dd>
      <Show when={datasets().length > 0}>
        <dt>Datasets</dt>
        <dd>
          <For each={datasets()}>
            {(d) => (
              <span class="dataset">
                {d.dataset.name} <span class="muted">({d.dataset.digest}{d.tags.length ? `, ${d.tags.map((t) => t.value).join(', ')}` : ''})</span>
              </span>
            )}
          </For>
        </dd>
      </Show>
      <dt>Parent run</dt>
      <dd>
        <Show when={tag(PARENT_RUN_ID_TAG)} fallback={<span class="muted">None</span>}>
          {(parentId) => <ParentRunLink parentRunId={parentId()} />}
        </Show>
      </dd>
      <dt>Child runs</dt>
      <dd>
        <ChildRuns runId={info().runId} experimentId={info().experimentId} />
      </dd>
      <dt>Artifact URI</dt>
      <dd><code>{info().artifactUri}</code></dd>
    </dl>
  );
}
