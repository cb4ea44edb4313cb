import { render } from 'solid-js/web';
import { registerSW } from 'virtual:pwa-register';
import * as sdk from '../sdk/index';
import { App } from './App';

// Register the service worker right away: it precaches the shell (offline) and serves the
// MLflow REST API from IndexedDB (src/sw.ts). In `vite dev` this is a no-op.
registerSW({ immediate: true });

// The SDK on the page's global, so a notebook-style script or the devtools console can log runs
// that the open views show live: `const { mlflow } = window.orchard`.
declare global {
  interface Window {
    orchard: typeof sdk;
  }
}
window.orchard = sdk;

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
render(() => <App />, root);
