// The empty state that teaches: three ways to get a first run in, most immediate first. The
// "load demo data" action belongs to a feature, so it arrives as `children`.
import type { JSX } from 'solid-js';
import { SdkSnippet } from './SdkSnippet';

export interface EmptyWorkspaceProps {
  /** Where the snippets log to (default: the Default experiment). */
  experimentName?: string;
  experimentId?: string;
  /** Actions for the first step, e.g. a "Load demo data" button. */
  children?: JSX.Element;
}

export function EmptyWorkspace(props: EmptyWorkspaceProps): JSX.Element {
  return (
    <div class="empty-state empty-workspace">
      <h2>No runs here yet</h2>
      <p>Orchard keeps everything in this browser. Three ways to see your first run:</p>
      <ol class="empty-steps">
        <li>
          <h3>Explore a demo</h3>
          <p>A hyper-parameter sweep with nested runs, long training curves, images and tables.</p>
          {props.children}
        </li>
        <li>
          <h3>Log from JavaScript</h3>
          <SdkSnippet experimentName={props.experimentName} />
        </li>
        <li>
          <h3>Or call MLflow's REST API</h3>
          <p>The service worker answers <code>/api/2.0/mlflow/*</code> for this page, offline too:</p>
          <RestSnippet experimentId={props.experimentId ?? '0'} />
        </li>
      </ol>
    </div>
  );
}

function RestSnippet(props: { experimentId: string }): JSX.Element {
  return (
    <pre class="snippet">{`const api = (path, body) => fetch('/api/2.0/mlflow/' + path, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
}).then((r) => r.json());
const { run } = await api('runs/create', { experiment_id: ${JSON.stringify(props.experimentId)}, run_name: 'from-rest' });
await api('runs/log-metric', { run_id: run.info.run_id, key: 'loss', value: 0.5, timestamp: Date.now(), step: 0 });
await api('runs/update', { run_id: run.info.run_id, status: 'FINISHED' });`}</pre>
  );
}
