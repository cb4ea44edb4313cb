// A real relay process for the UI's sync tests: the transport tests' RelayProcess (a single
// `node --import tsx sync-server/main.ts` process on a free port with a temporary data dir, so
// SIGKILL really takes the relay down and `launch()` brings it back on the same port and data),
// told to accept the preview server's origin — the app's pages are who connect to it.
import { RelayProcess } from '../sync/relay-process';

export type { RelayProcess } from '../sync/relay-process';

/** Starts a relay that pages served from `appBaseUrl` may use; `dispose()` it in afterAll. */
export function startRelayFor(appBaseUrl: string): Promise<RelayProcess> {
  const origin = new URL(appBaseUrl).origin;
  return RelayProcess.start({ args: ['--allowed-origins', origin] });
}
