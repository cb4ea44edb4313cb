// A registered model's versions, newest first: stage (with a "move to" menu that opens the
// transition dialog), aliases, the run it came from, who registered it and when.
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { STAGES, type ApprovalGate, type ModelVersion, type Stage } from '../../domain/registry/entities';
import { formatTimestamp } from '../../ui/format';
import { modelHref } from '../models/model-route';
import { AliasChip } from './Chips';
import { createKeyedList } from './keyed-list';
import { modelVersionHref, runSourceOf } from './registry-route';
import { TransitionDialog, type PendingTransition } from './TransitionDialog';

function VersionRow(props: { version: ModelVersion; onMove: (stage: Stage) => void }): JSX.Element {
  const v = () => props.version;
  return (
    <tr data-version={v().version} data-stage={v().currentStage}>
      <td class="nowrap"><A class="version-link" href={modelVersionHref(v().name, v().version)}>Version {v().version}</A></td>
      <td class="nowrap">
        <span class={`chip stage-chip stage-${v().currentStage.toLowerCase()}`}>{v().currentStage}</span>
        <select
          class="stage-move"
          aria-label={`Move version ${v().version} to a stage`}
          value=""
          onChange={(e) => {
            const stage = e.currentTarget.value;
            e.currentTarget.value = '';
            const target = STAGES.find((s) => s === stage);
            if (target) props.onMove(target);
          }}
        >
          <option value="">Move to…</option>
          <For each={STAGES.filter((s) => s !== v().currentStage)}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
      </td>
      <td class="chip-cell"><For each={v().aliases}>{(a) => <AliasChip name={v().name} alias={a} version={v().version} />}</For></td>
      <td class="source-cell" title={v().source}>
        <Show when={runSourceOf(v().source)} fallback={<code>{v().source}</code>}>
          {(s) => (
            <>
              <A class="source-run" href={`/runs/${encodeURIComponent(s().runId)}`}>run {s().runId.slice(0, 8)}</A>
              <span class="muted"> / </span><A href={modelHref(s().runId, s().path)}>{s().path}</A>
            </>
          )}
        </Show>
      </td>
      <td>{v().userId || <span class="muted">—</span>}</td>
      <td class="nowrap">{formatTimestamp(v().creationTimestamp)}</td>
    </tr>
  );
}

export function VersionsTable(props: { versions: ModelVersion[]; gate: ApprovalGate | undefined }): JSX.Element {
  const [transition, setTransition] = createSignal<PendingTransition>();
  const rows = createKeyedList(() => props.versions, (v) => v.version);
  return (
    <>
      <Show when={rows.keys().length > 0} fallback={<p class="muted no-versions">No versions yet: register one below.</p>}>
        <table class="registry-table versions-table">
          <thead><tr><th>Version</th><th>Stage</th><th>Aliases</th><th>Source</th><th>Registered by</th><th>Created</th></tr></thead>
          <tbody>
            <For each={rows.keys()}>
              {(key) => <Show when={rows.get(key)}>{(v) => <VersionRow version={v()} onMove={(stage) => setTransition({ version: v(), stage })} />}</Show>}
            </For>
          </tbody>
        </table>
      </Show>
      <TransitionDialog transition={transition()} versions={props.versions} gate={props.gate} onClose={() => setTransition(undefined)} />
    </>
  );
}
