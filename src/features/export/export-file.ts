// One export, start to finish: the SDK call for the chosen format and its result as a file to
// hand to the browser. The zip streams run by run and reports progress; the JSON document is
// built in memory by the SDK and reports none, so its bar can only say it is working.
import { exportMlruns, exportWorkspaceJson, type ExportProgress, type ExportSelection, type OrchardJsonExport, type Workspace } from '../../sdk/index';
import { fileStem } from '../../ui/save-file';

export type ExportFormat = 'zip' | 'json';

export interface ExportRequest {
  format: ExportFormat;
  /** no ids: the whole workspace (and every registered model) */
  selection: ExportSelection;
  includeArtifacts: boolean;
  includeRegistry: boolean;
}

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  runs: number;
}

export interface ExportListeners {
  signal: AbortSignal;
  onProgress: (progress: ExportProgress) => void;
  onWarning: (message: string) => void;
}

export async function exportToFile(ws: Workspace, request: ExportRequest, listeners: ExportListeners, startedAt = new Date()): Promise<ExportedFile> {
  const { signal, onProgress, onWarning } = listeners;
  const fileName = exportFileName(request.format, ws.name, startedAt);
  if (request.format === 'zip') {
    let runs = 0;
    const blob = await exportMlruns(ws, {
      ...request.selection,
      includeArtifacts: request.includeArtifacts,
      includeRegistry: request.includeRegistry,
      // In a shared workspace some artifact bytes may still be on the relay. Leaving them out
      // with a warning (listed in the summary) beats refusing the whole export.
      skipMissingArtifacts: true,
      signal,
      onWarning,
      onProgress: (p) => {
        runs = p.runsDone;
        onProgress(p);
      },
    });
    return { blob, fileName, runs };
  }
  const doc = await exportWorkspaceJson(ws, {
    ...request.selection,
    artifactBytes: request.includeArtifacts ? 'base64' : 'omitted',
    includeRegistry: request.includeRegistry,
    signal,
  });
  // The SDK checks the signal between runs only; a Cancel during the last one must still win.
  signal.throwIfAborted();
  for (const message of missingArtifactWarnings(doc)) onWarning(message);
  return { blob: new Blob([JSON.stringify(doc)], { type: 'application/json' }), fileName, runs: doc.runs.length };
}

/** The zip's skipped artifacts are reported by the SDK; the JSON export just leaves their bytes out, so say so here. */
function missingArtifactWarnings(doc: OrchardJsonExport): string[] {
  if (doc.artifactBytes !== 'base64') return [];
  return doc.artifacts
    .filter((a) => a.data_base64 === undefined)
    .map((a) => `Artifact '${a.path}' of run ${a.run_id} has only its hash and size: its bytes are not in this workspace yet.`);
}

/** `mlruns-<workspace>-<yyyymmdd-hhmm>.zip` / `orchard-<workspace>-<yyyymmdd-hhmm>.json`, in local time. */
export function exportFileName(format: ExportFormat, workspaceName: string, at: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  const workspace = fileStem(workspaceName);
  return format === 'zip' ? `mlruns-${workspace}-${stamp}.zip` : `orchard-${workspace}-${stamp}.json`;
}
