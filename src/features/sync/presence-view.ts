// Tells the other peers which view this tab shows (Yjs awareness `view`), on every route change.
// Path and query only: the fragment can hold an invite token (/join#...token=...).
import { useLocation } from '@solidjs/router';
import { createEffect } from 'solid-js';
import { useSync } from './sync-context';

/** `create*`: follows the route for as long as its owner (the app shell) lives. */
export function createPresenceView(): void {
  const location = useLocation();
  const { handle } = useSync();
  createEffect(() => handle.setView(`${location.pathname}${location.search}`));
}
