// The relay a share form starts with: the one this build was configured with
// (VITE_ORCHARD_RELAY), else the app's own origin when a relay answers there (the relay can serve
// the app), else a relay on this machine's default port.

export const LOCAL_RELAY = 'ws://127.0.0.1:1234';

/** true when `origin` answers /healthz the way the relay does (a JSON object with a status). */
export async function answersAsRelay(origin: string, fetchFn: typeof fetch = fetch, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetchFn(`${origin.replace(/\/+$/, '')}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('application/json')) return false;
    const body = (await res.json()) as unknown;
    return typeof body === 'object' && body !== null && typeof (body as { status?: unknown }).status === 'string';
  } catch {
    return false;
  }
}

export async function defaultRelayUrl(options: { configured?: string; origin?: string; fetch?: typeof fetch } = {}): Promise<string> {
  const configured = options.configured ?? (import.meta.env.VITE_ORCHARD_RELAY as string | undefined);
  if (configured) return configured;
  const origin = options.origin ?? globalThis.location?.origin;
  if (origin && (await answersAsRelay(origin, options.fetch))) return origin;
  return LOCAL_RELAY;
}
