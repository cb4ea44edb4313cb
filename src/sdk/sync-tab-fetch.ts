// Fetching an artifact's bytes from a tab that does not run the sync session: it asks the tab that
// does (over the workspace's sync channel, sync-tabs.ts), hears the progress, and reads the bytes
// itself once they are stored (the tabs share one IndexedDB database), so no bytes cross tabs.
import type { Progress } from '../sync/transport/relay-http';
import { ArtifactFetchError, NO_ANSWER_MESSAGE, toArtifactFetchError } from './artifact-fetch';
import type { TabMessage } from './sync-tabs';

export type FetchProgressListener = (p: Progress) => void;
export type ArtifactFetcher = (runId: string, path: string, onProgress?: FetchProgressListener) => Promise<void>;

interface Pending {
  resolve: () => void;
  reject: (e: ArtifactFetchError) => void;
  onProgress?: FetchProgressListener;
  timer: ReturnType<typeof setTimeout>;
}

export interface TabFetchTiming {
  /** how long the session's tab has to say it is on it (default 3 s) */
  answerMs?: number;
  /** how long a transfer may go without news before it counts as abandoned (default 60 s):
   * the session's tab may close in the middle */
  stallMs?: number;
}

/** The asking side: one request per fetch, settled by the session tab's answers. */
export class TabFetchRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly post: (m: TabMessage) => void,
    private readonly timing: TabFetchTiming = {},
  ) {}

  request(runId: string, path: string, onProgress?: FetchProgressListener): Promise<void> {
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    return new Promise<void>((resolve, reject) => {
      const entry: Pending = { resolve, reject, timer: this.deadline(id, this.timing.answerMs ?? 3000) };
      if (onProgress) entry.onProgress = onProgress;
      this.pending.set(id, entry);
      this.post({ kind: 'fetch', id, runId, path });
    });
  }

  /** Feeds the channel's messages in; answers to other tabs' requests are ignored. */
  hear(m: TabMessage): void {
    if (m.kind !== 'fetch-progress' && m.kind !== 'fetch-done') return;
    const p = this.pending.get(m.id);
    if (!p) return;
    clearTimeout(p.timer);
    if (m.kind === 'fetch-progress') {
      p.timer = this.deadline(m.id, this.timing.stallMs ?? 60_000);
      p.onProgress?.({ loaded: m.loaded, total: m.total });
      return;
    }
    this.pending.delete(m.id);
    if (m.error) p.reject(new ArtifactFetchError(m.error.code, m.error.message));
    else p.resolve();
  }

  /** Ends every request still waiting (this tab stops listening). */
  close(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new ArtifactFetchError('no-answer', NO_ANSWER_MESSAGE));
      this.pending.delete(id);
    }
  }

  private deadline(id: string, ms: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      p.reject(new ArtifactFetchError('no-answer', NO_ANSWER_MESSAGE));
    }, ms);
  }
}

/**
 * The answering side (the session's tab): says it is on it at once, relays progress at most every
 * `everyMs` (a 200 MB file arrives in thousands of pieces) and the outcome.
 */
export async function answerTabFetch(
  m: Extract<TabMessage, { kind: 'fetch' }>,
  fetcher: ArtifactFetcher,
  post: (m: TabMessage) => void,
  everyMs = 100,
): Promise<void> {
  post({ kind: 'fetch-progress', id: m.id, loaded: 0, total: 0 });
  let last = 0;
  const progress = (p: Progress): void => {
    const now = Date.now();
    if (now - last < everyMs && p.loaded < p.total) return;
    last = now;
    post({ kind: 'fetch-progress', id: m.id, loaded: p.loaded, total: p.total });
  };
  try {
    await fetcher(m.runId, m.path, progress);
    post({ kind: 'fetch-done', id: m.id });
  } catch (e) {
    const error = toArtifactFetchError(e);
    post({ kind: 'fetch-done', id: m.id, error: { code: error.code, message: error.message } });
  }
}
