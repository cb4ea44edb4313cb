import { render } from 'solid-js/web';
import { registerSW } from 'virtual:pwa-register';
import { App } from './App';

// Register the service worker right away: it precaches the shell (offline) and serves the
// MLflow REST API from IndexedDB (src/sw.ts). In `vite dev` this is a no-op.
registerSW({ immediate: true });

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
render(() => <App />, root);
