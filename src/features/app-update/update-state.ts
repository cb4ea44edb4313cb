// "A new version is ready" as app state. The page's service-worker registration (src/app/service-worker.ts,
// registerSW with registerType 'prompt') calls offerUpdate when a new worker is installed and
// waiting; the banner shows while an offer stands. Nothing here touches the service worker, so the
// banner can be tested without one.
import { createSignal } from 'solid-js';

/** Activates the waiting worker; the page reloads once that worker controls it. */
export type ApplyUpdate = () => Promise<void>;

const [offer, setOffer] = createSignal<ApplyUpdate | undefined>();

/** The pending update, if any. */
export const pendingUpdate = offer;

export function offerUpdate(apply: ApplyUpdate): void {
  setOffer(() => apply);
}

/** "Later": hide the banner; the new version still starts once every Orchard tab is closed. */
export function dismissUpdate(): void {
  setOffer(undefined);
}
