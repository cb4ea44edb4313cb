// An import's lifetime on the page: listing the picked folder, reading the tree in the import
// worker (prepareMlrunsImport), a preview to confirm, then the one write; cancelled or failed
// on the way. The preview is the SDK's own report of what apply() would write, and apply() compares
// with the workspace again, so what changed meanwhile (another tab, a peer) is not written twice.
// A cancel before the write ends the worker; a cancel during it rolls the transaction back: either
// way the workspace is as it was.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { prepareMlrunsImport, type ImportProgress, type ImportReport, type MlrunsSource, type PreparedImport, type Workspace } from '../../sdk/index';
import { parseMlrunsInWorker } from '../../sdk/import-worker';

export type ImportJobState =
  | { kind: 'idle' }
  | { kind: 'listing'; label: string; files: number }
  | { kind: 'reading'; label: string; progress: ImportProgress | undefined; cancelling: boolean }
  | { kind: 'preview'; label: string; prepared: PreparedImport }
  | { kind: 'writing'; label: string; preview: ImportReport; progress: ImportProgress | undefined; cancelling: boolean }
  | { kind: 'done'; label: string; report: ImportReport }
  | { kind: 'cancelled'; label: string }
  | { kind: 'failed'; label: string; error: unknown };

export interface ImportJob {
  state: Accessor<ImportJobState>;
  /** The source is listed (folders) by `list`, then read and compared: ends in 'preview'. */
  read(label: string, list: (onListed: (files: number) => void) => Promise<MlrunsSource | undefined>): Promise<void>;
  /** Writes what the preview showed (compared again first). */
  confirm(): Promise<void>;
  cancel(): void;
  /** Back to choosing a source. */
  reset(): void;
}

const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** `create*`: reactive; leaving the page cancels whatever is running. */
export function createImportJob(ws: Workspace): ImportJob {
  const [state, setState] = createSignal<ImportJobState>({ kind: 'idle' });
  let controller: AbortController | undefined;
  onCleanup(() => controller?.abort());

  const working = (): boolean => ['reading', 'writing'].includes(state().kind);
  const run = async (label: string, work: (signal: AbortSignal) => Promise<void>): Promise<void> => {
    controller?.abort(); // a folder still being listed after its Cancel: dropped
    const mine = new AbortController();
    controller = mine;
    try {
      await work(mine.signal);
    } catch (error) {
      // A superseded job says nothing: the state belongs to the one that replaced it.
      if (controller === mine) setState(mine.signal.aborted || isAbort(error) ? { kind: 'cancelled', label } : { kind: 'failed', label, error });
    } finally {
      if (controller === mine) controller = undefined;
    }
  };
  const onProgress = (signal: AbortSignal) => (progress: ImportProgress): void => {
    const s = state();
    if ((s.kind === 'reading' || s.kind === 'writing') && !signal.aborted) setState({ ...s, progress });
  };

  return {
    state,
    async read(label, list) {
      if (working()) return;
      await run(label, async (signal) => {
        setState({ kind: 'listing', label, files: 0 });
        const source = await list((files) => !signal.aborted && setState({ kind: 'listing', label, files }));
        signal.throwIfAborted();
        if (!source) {
          setState({ kind: 'idle' });
          return;
        }
        setState({ kind: 'reading', label, progress: undefined, cancelling: false });
        const prepared = await prepareMlrunsImport(ws, source, { parser: parseMlrunsInWorker, signal, onProgress: onProgress(signal) });
        signal.throwIfAborted();
        setState({ kind: 'preview', label, prepared });
      });
    },
    async confirm() {
      const s = state();
      if (s.kind !== 'preview') return;
      await run(s.label, async (signal) => {
        setState({ kind: 'writing', label: s.label, preview: s.prepared.preview, progress: undefined, cancelling: false });
        const report = await s.prepared.apply({ signal, onProgress: onProgress(signal) });
        setState({ kind: 'done', label: s.label, report });
      });
    },
    cancel() {
      const s = state();
      // Listing a folder cannot be stopped half-way; what it lists is dropped when it ends.
      if (s.kind === 'preview' || s.kind === 'listing') setState({ kind: 'cancelled', label: s.label });
      if (!controller) return;
      if (s.kind === 'reading' || s.kind === 'writing') setState({ ...s, cancelling: true });
      controller.abort();
    },
    reset() {
      controller?.abort();
      setState({ kind: 'idle' });
    },
  };
}
