// Progress and cancellation of a long import. Parsing yields to the event loop now and then, so a
// cancel button (an AbortSignal) is heard and the page stays responsive; progress is reported at
// most every 50 ms, and always at the end of a phase.

export interface ImportProgress {
  /** 'parse': reading and checking the tree's files; 'plan': comparing them with what this
   * workspace holds (nothing is written in either); 'write': the one transaction */
  phase: 'parse' | 'plan' | 'write';
  done: number;
  total: number;
  /** bytes read (parse) or written (write) so far */
  bytes: number;
}

/** What every phase of an import takes. */
export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** aborting it cancels the import; the workspace is left exactly as it was */
  signal?: AbortSignal;
}

const REPORT_EVERY_MS = 50;
const YIELD_EVERY_MS = 40;

/** A turn of the event loop without setTimeout's 4 ms clamp (scheduler.yield, else a message). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class ImportTicker {
  private lastReport = -Infinity;
  private lastYield = performance.now();

  constructor(private readonly options: ImportOptions) {}

  /** Throws the signal's reason (an AbortError) once the import is cancelled. */
  checkCancelled(): void {
    this.options.signal?.throwIfAborted();
  }

  /** Reports (throttled, or now when `force`); never yields, so it is safe inside a transaction. */
  report(progress: ImportProgress, force = false): void {
    const now = performance.now();
    if (this.options.onProgress && (force || now - this.lastReport >= REPORT_EVERY_MS)) {
      this.lastReport = now;
      this.options.onProgress(progress);
    }
    this.checkCancelled();
  }

  /** Reports, and gives the event loop a turn when parsing has held it for a while. */
  async tick(progress: ImportProgress, force = false): Promise<void> {
    this.report(progress, force);
    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      await nextTask();
      this.lastYield = performance.now();
      this.checkCancelled();
    }
  }
}
