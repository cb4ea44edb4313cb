// An export's lifetime on the page: running (with progress), then cancelled, failed or finished
// and downloaded. Cancel takes effect on the page at once and aborts the SDK call, which stops
// at its next file (one already being written, say a large artifact, finishes first); whatever
// that call still resolves with is dropped, so a cancelled export never downloads.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { ExportProgress, Workspace } from '../../sdk/index';
import { saveFile } from '../../ui/save-file';
import { exportToFile, type ExportedFile, type ExportRequest } from './export-file';

export type ExportJobState =
  | { kind: 'idle' }
  | { kind: 'running'; runsTotal: number; progress: ExportProgress | undefined }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: unknown; warnings: string[] }
  | { kind: 'finished'; file: ExportedFile; warnings: string[] };

export interface ExportJob {
  state: Accessor<ExportJobState>;
  /** `runsTotal` is the page's estimate, shown until the export reports its own count. */
  start: (request: ExportRequest, runsTotal: number) => Promise<void>;
  cancel: () => void;
  /** Hands the finished file to the browser once more (the first download was blocked or lost). */
  downloadAgain: () => void;
}

/** `create*`: reactive; leaving the page aborts an export still running. */
export function createExportJob(ws: Workspace): ExportJob {
  const [state, setState] = createSignal<ExportJobState>({ kind: 'idle' });
  // The export the page is showing. A cancelled one may still be finishing its current file
  // while the next starts; only the current one may change the state.
  let current: AbortController | undefined;
  onCleanup(() => current?.abort());

  const start = async (request: ExportRequest, runsTotal: number): Promise<void> => {
    if (current) return;
    const mine = new AbortController();
    current = mine;
    const isCurrent = (): boolean => current === mine;
    const warnings: string[] = [];
    setState({ kind: 'running', runsTotal, progress: undefined });
    try {
      const file = await exportToFile(ws, request, {
        signal: mine.signal,
        onWarning: (message) => warnings.push(message),
        onProgress: (progress) => {
          if (isCurrent()) setState({ kind: 'running', runsTotal, progress });
        },
      });
      if (!isCurrent()) return;
      saveFile(file.blob, file.fileName);
      setState({ kind: 'finished', file, warnings });
    } catch (error) {
      if (isCurrent()) setState({ kind: 'failed', error, warnings });
    } finally {
      if (isCurrent()) current = undefined;
    }
  };

  const cancel = (): void => {
    if (!current) return;
    current.abort();
    current = undefined;
    setState({ kind: 'cancelled' });
  };

  const downloadAgain = (): void => {
    const s = state();
    if (s.kind === 'finished') saveFile(s.file.blob, s.file.fileName);
  };

  return { state, start, cancel, downloadAgain };
}
