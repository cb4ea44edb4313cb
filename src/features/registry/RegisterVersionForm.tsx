// Register a new version of a model: pick a run and one of its logged models, or paste any source
// URI (runs:/…, models:/…, or files that live elsewhere). The run picker offers recent runs of
// every experiment; a run's models are found the way its run page finds them.
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ModelVersion } from '../../domain/registry/entities';
import { parseModelUri } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { findLoggedModels } from '../models/model-data';
import { modelVersionHref } from './registry-route';
import { recentRuns } from './recent-runs';

interface VersionSource {
  source: string;
  runId?: string | undefined;
}

export function RegisterVersionForm(props: { name: string }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const [mode, setMode] = createSignal<'run' | 'uri'>('run');
  const [runId, setRunId] = createSignal('');
  const [path, setPath] = createSignal('');
  const [uri, setUri] = createSignal('');
  const [registered, setRegistered] = createSignal<ModelVersion>();
  const { error, attempt } = createAttempt();
  const runs = createWorkspaceQuery(workspace, () => mode(), () => recentRuns(client), { throttleMs: 2000 });
  const models = createWorkspaceQuery(workspace, () => runId().trim(), async (id) => {
    if (!id) return [];
    return findLoggedModels(client, await client.getRun(id));
  }, { throttleMs: 5000 });
  const chosenPath = (): string => path() || models.value()?.[0]?.artifactPath || '';
  const source = (): VersionSource | undefined => {
    if (mode() === 'uri') return uri().trim() ? { source: uri().trim(), runId: runIdOf(uri().trim()) } : undefined;
    return runId().trim() && chosenPath() ? { source: `runs:/${runId().trim()}/${chosenPath()}`, runId: runId().trim() } : undefined;
  };
  const register = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const s = source();
    if (!s) return;
    await attempt(async () => {
      setRegistered(await client.createModelVersion(props.name, s.source, s.runId ? { runId: s.runId } : {}));
    });
  };
  return (
    <form class="register-version" onSubmit={(e) => void register(e)}>
      <fieldset class="register-mode">
        <legend>Register a new version from</legend>
        <label><input type="radio" name="register-mode" checked={mode() === 'run'} onChange={() => setMode('run')} /> a run's logged model</label>
        <label><input type="radio" name="register-mode" class="mode-uri" checked={mode() === 'uri'} onChange={() => setMode('uri')} /> a source URI</label>
      </fieldset>
      <Show
        when={mode() === 'run'}
        fallback={<input class="register-uri" aria-label="Source URI" placeholder="runs:/<run id>/model" value={uri()} onInput={(e) => setUri(e.currentTarget.value)} />}
      >
        <div class="inline-form">
          <input class="register-run" list="register-run-options" aria-label="Run ID" placeholder="run ID" value={runId()} onInput={(e) => { setRunId(e.currentTarget.value); setPath(''); }} />
          <datalist id="register-run-options">
            <For each={runs.value() ?? []}>{(r) => <option value={r.runId}>{r.label}</option>}</For>
          </datalist>
          <select class="register-path" aria-label="Logged model" value={chosenPath()} onChange={(e) => setPath(e.currentTarget.value)} disabled={(models.value() ?? []).length === 0}>
            <For each={models.value() ?? []} fallback={<option value="">{runId() ? 'no models in this run' : 'pick a run first'}</option>}>
              {(m) => <option value={m.artifactPath}>{m.artifactPath} ({m.flavors.join(', ')})</option>}
            </For>
          </select>
        </div>
        <Show when={models.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      </Show>
      <div class="inline-form">
        <button type="submit" class="primary register-submit" disabled={!source()}>Register version</button>
        <Show when={source()}>{(s) => <code class="muted register-preview">{s().source}</code>}</Show>
      </div>
      <Show when={registered()}>
        {(v) => <p class="preview-note register-done" role="status">Registered <A href={modelVersionHref(v().name, v().version)}>version {v().version}</A>.</p>}
      </Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </form>
  );
}

/** The run a runs:/ URI names (so the version links back to it); none for other sources. */
function runIdOf(text: string): string | undefined {
  try {
    const parsed = parseModelUri(text);
    return parsed.kind === 'runs' ? parsed.runId : undefined;
  } catch {
    return undefined;
  }
}
