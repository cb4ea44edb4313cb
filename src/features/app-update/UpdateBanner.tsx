// A small, non-blocking bar at the bottom of the window while a new version of Orchard waits.
// The running version keeps working until the user chooses to reload: an update never switches
// the app (and the tables or forms in it) under the user.
import { createSignal, Show, type JSX } from 'solid-js';
import { dismissUpdate, pendingUpdate } from './update-state';
import './update-banner.css';

export function UpdateBanner(): JSX.Element {
  const [updating, setUpdating] = createSignal(false);
  const reload = (): void => {
    const apply = pendingUpdate();
    if (!apply) return;
    setUpdating(true);
    // The page reloads when the new worker takes control; until then the button says so.
    apply().catch(() => setUpdating(false));
  };
  return (
    <Show when={pendingUpdate()}>
      <div class="update-banner" role="status" aria-live="polite">
        <span>A new version of Orchard is ready</span>
        <button type="button" class="primary update-banner-reload" disabled={updating()} onClick={reload}>
          {updating() ? 'Updating…' : 'Reload to update'}
        </button>
        <button type="button" class="update-banner-later" disabled={updating()} onClick={dismissUpdate}>
          Later
        </button>
      </div>
    </Show>
  );
}
