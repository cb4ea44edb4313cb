import type { JSX } from 'solid-js';
import './app.css';

// Minimal shell: the lead adds navigation and views inside <main id="app-root">.
export function App(props: { children?: JSX.Element }): JSX.Element {
  return (
    <div class="shell">
      <header class="shell-header">
        <img src="/icon.svg" alt="" width="28" height="28" />
        <h1>Orchard</h1>
      </header>
      <main id="app-root">{props.children ?? <p class="muted">Local-first experiment tracking.</p>}</main>
    </div>
  );
}
