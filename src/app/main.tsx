import { render } from 'solid-js/web';
import { registerSW } from 'virtual:pwa-register';
import * as sdk from '../sdk/index';
import { App } from './App';
import { makeWorkerInferenceEngine } from '../sdk/inference';
import { serveScoringForServiceWorker } from './scoring-bridge';
import { chosenWorkspaceName } from '../features/workspaces/workspace-choice';

// Register the service worker right away: it precaches the shell (offline) and serves the
// MLflow REST API from IndexedDB (src/sw.ts). In `vite dev` this is a no-op.
registerSW({ immediate: true });

// The SDK on the page's global, so a notebook-style script or the devtools console can log runs
// that the open views show live: `const { mlflow } = window.orchard`.
declare global {
  interface Window {
    orchard: typeof sdk;
    /** Dev/test hooks, not API: tests/e2e/inference-worker.e2e.test.ts drives its own worker engine. */
    orchardDev?: { makeWorkerInferenceEngine?: typeof makeWorkerInferenceEngine };
  }
}
window.orchard = sdk;
window.orchardDev = { ...(window.orchardDev ?? {}), makeWorkerInferenceEngine }; // dev/test hook

// Models run in a worker so inference never blocks the page, and this tab answers the scoring
// requests the service worker forwards (see scoring-bridge.ts). The fluent API logs into the
// workspace the app shows (several local workspaces: features/workspaces), so a script on the
// page writes where its user is looking.
sdk.setInferenceEngineFactory(makeWorkerInferenceEngine);
const opened = sdk.openWorkspace({ name: chosenWorkspaceName() });
void opened.then((ws) => {
  sdk.mlflow.setWorkspace(ws);
  serveScoringForServiceWorker(sdk.createScoringHandler(ws));
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
render(() => <App />, root);
