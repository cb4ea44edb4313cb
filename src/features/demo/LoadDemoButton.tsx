// "Load demo data", and while it loads a progress bar with "n of m runs". When done, opens the
// sweep experiment so the first thing seen is the nested runs.
import { useNavigate } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { useWorkspace } from '../../ui/workspace-context';
import { demoError, demoProgress, startDemoLoad } from './demo-loader';
import './demo.css';

export function LoadDemoButton(props: { compact?: boolean }): JSX.Element {
  const { client } = useWorkspace();
  const navigate = useNavigate();
  const load = async (): Promise<void> => {
    try {
      const { experimentIds } = await startDemoLoad(client);
      if (experimentIds[0]) navigate(`/experiments/${experimentIds[0]}`);
    } catch {
      // shown through demoError(), for every button at once
    }
  };
  return (
    <div class="demo-loader" classList={{ compact: props.compact }}>
      <Show
        when={demoProgress()}
        fallback={<button type="button" class="load-demo" onClick={() => void load()}>Load demo data</button>}
      >
        {(p) => (
          <div class="demo-progress" role="status" aria-live="polite">
            <progress max={p().total} value={p().done} aria-label="Loading demo data" />
            <span class="demo-progress-text">
              {p().done} of {p().total} runs
            </span>
          </div>
        )}
      </Show>
      <Show when={demoError()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </div>
  );
}
