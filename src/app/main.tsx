import { render } from 'solid-js/web';
import * as sdk from '../sdk/index';
import { App } from './App';
import { makeWorkerInferenceEngine } from '../sdk/inference';
import { serveScoringForServiceWorker } from './scoring-bridge';
import { chosenWorkspaceName } from '../features/workspaces/workspace-choice';
import { startServiceWorker } from './service-worker';
import { UpdateBanner } from '../features/app-update/UpdateBanner';

// Register the service worker right away: it precaches the shell (offline) and serves the
// MLflow REST API from IndexedDB (src/sw.ts). A new version waits for "Reload to update".
startServiceWorker();

// Which build runs (vite.config.ts `define`): for bug reports, and tests/e2e/pwa.e2e.test.ts.
declare const __ORCHARD_BUILD__: string;
window.orchardBuild = __ORCHARD_BUILD__;

// The SDK on the page's global, so a notebook-style script or the devtools console can log runs
// that the open views show live: `const { mlflow } = window.orchard`.
declare global {
  interface Window {
    orchard: typeof sdk;
    /** The build's id: git commit, ORCHARD_BUILD_ID or build time (vite.config.ts). */
    orchardBuild: string;
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
// Its own root, outside the router and the workspace: the offer must show whatever the app shows
// (an error page included).
render(() => <UpdateBanner />, document.body.appendChild(document.createElement('div')));
