// "All changes stored on the relay": a document is covered when the state vector the relay
// reports as durably stored (GET /api/stored/<doc>) has every client's clock at least as far as
// ours. Documents are re-checked after they change, and while uncovered, every `recheckMs`.
import * as Y from 'yjs';
import { RelayHttpError, type RelayHttp } from './relay-http';

/** true when `stored` includes everything `local` describes */
export function covers(stored: Uint8Array, local: Uint8Array): boolean {
  const s = Y.decodeStateVector(stored);
  for (const [client, clock] of Y.decodeStateVector(local)) if ((s.get(client) ?? 0) < clock) return false;
  return true;
}

export interface CoverageOptions {
  http: RelayHttp;
  /** the state vector this peer shares for a document (undefined: no longer synced) */
  localStateVector: (doc: string) => Uint8Array | undefined;
  /** wait after a change before asking (default 300 ms), so a burst of updates costs one request */
  debounceMs?: number;
  /** re-ask about uncovered documents this often (default 1000 ms) */
  recheckMs?: number;
  /** parallel requests (default 4) */
  concurrency?: number;
  onChange: () => void;
  onAuthError?: (e: RelayHttpError) => void;
}

export class StoredCoverage {
  /** documents whose latest local state the relay has not confirmed */
  private readonly uncoveredDocs = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checking = false;
  private paused = false;
  private stopped = false;
  private everChecked = false;

  constructor(private readonly o: CoverageOptions) {}

  /** `doc` changed (or was added): it is uncovered until the relay says otherwise. */
  markDirty(doc: string): void {
    const added = !this.uncoveredDocs.has(doc);
    this.uncoveredDocs.add(doc);
    if (added) this.o.onChange();
    this.schedule(this.o.debounceMs ?? 300);
  }

  forget(doc: string): void {
    if (this.uncoveredDocs.delete(doc)) this.o.onChange();
  }

  /** Stops asking while the relay is unreachable; `resume()` asks at once. */
  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  resume(): void {
    this.paused = false;
    this.schedule(0);
  }

  uncovered(): number {
    return this.uncoveredDocs.size;
  }

  /** true once a check has found every document covered */
  allCovered(): boolean {
    return this.everChecked && this.uncoveredDocs.size === 0;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    if (this.stopped || this.paused || this.checking) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, ms);
  }

  private async check(): Promise<void> {
    this.checking = true;
    const docs = [...this.uncoveredDocs];
    const limit = this.o.concurrency ?? 4;
    let failed = false;
    try {
      for (let i = 0; i < docs.length && !this.stopped; i += limit) {
        await Promise.all(
          docs.slice(i, i + limit).map(async (doc) => {
            const local = this.o.localStateVector(doc);
            if (!local) return void this.uncoveredDocs.delete(doc);
            try {
              const stored = await this.o.http.storedStateVector(doc);
              // compare with the state vector *now*: a change during the request keeps it dirty
              const current = this.o.localStateVector(doc) ?? local;
              if (covers(stored, current)) this.uncoveredDocs.delete(doc);
            } catch (e) {
              failed = true;
              if (e instanceof RelayHttpError && e.status === 404) return; // relay has nothing yet
              if (e instanceof RelayHttpError && e.isAuth) this.o.onAuthError?.(e);
            }
          }),
        );
      }
      if (!failed) this.everChecked = true;
    } finally {
      this.checking = false;
    }
    this.o.onChange();
    if (this.uncoveredDocs.size > 0) this.schedule(this.o.recheckMs ?? 1000);
  }
}
