// Registers src/sw.ts and wires its updates to the "Reload to update" banner (features/app-update).
// In `vite dev` registerSW is a no-op.
//
// The first install activates at once and claims this tab (sw.ts), so the first visit already works
// offline. A later version installs in the background and WAITS: workbox-window reports it
// (onNeedRefresh), the banner offers it, and updateSW() posts SKIP_WAITING to it. When it takes
// control, this tab reloads into it.
import { registerSW } from 'virtual:pwa-register';
import { offerUpdate } from '../features/app-update/update-state';

export function startServiceWorker(): void {
  let reloadOnTakeover = false;
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      // Every tab that was offered the update reloads once the new worker controls it, whichever
      // tab's click activated it: the old version's lazily loaded files leave the cache then.
      // Our own listener, not the plugin's reload: that one skips a tab that started uncontrolled
      // (a first visit left open until the next deploy), which would then wait forever.
      if (!reloadOnTakeover) navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
      reloadOnTakeover = true;
      offerUpdate(() => updateSW()); // again if a newer version replaces the waiting one
    },
    onNeedReload: () => {}, // see above
    onRegisteredSW: (_url, registration) => {
      // Browsers look for a new worker on navigations; an app tab can stay open for days without
      // one, so look once an hour too. Offline, update() rejects; the next try will do.
      if (registration) setInterval(() => void registration.update().catch(() => {}), 60 * 60 * 1000);
    },
  });
}
