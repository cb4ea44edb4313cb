// Retry delays for work that talks to the relay: exponential with jitter, so a relay coming back
// after an outage is not hit by every peer in the same millisecond.

export interface BackoffOptions {
  /** first delay (default 500 ms) */
  initialMs?: number;
  /** cap (default 30 s) */
  maxMs?: number;
}

/** The delay before retry number `attempt` (0-based): in [d/2, d] for d = min(max, initial * 2^attempt). */
export function backoffDelay(attempt: number, { initialMs = 500, maxMs = 30_000 }: BackoffOptions = {}, random: () => number = Math.random): number {
  const d = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(d / 2 + (d / 2) * random());
}
