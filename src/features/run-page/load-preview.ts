// Reading what a preview needs, and no more: the plan (domain/artifact-preview.ts) says how many
// bytes; artifacts are Blobs in IndexedDB, so `blob.slice(0, n)` reads only the first n bytes of a
// 200 MB file from disk. Images get the Blob itself (the browser decodes it off the main thread).
// `ensureBytes` runs just before the bytes are read: a peer's artifact is fetched from the relay
// then, and a file with no preview is never fetched just for being opened.
import { baseName, planAfterSniff, planPreview, type PreviewPlan } from '../../domain/artifact-preview';
import { decodeTextPrefix } from '../../domain/text-preview';
import type { MlflowClient } from '../../sdk/index';

/** `view` is the plan's kind once sniffing has decided ('sniff' never reaches a view). */
export type LoadedPreview =
  | { view: 'image'; plan: PreviewPlan; blob: Blob }
  | { view: 'text' | 'json' | 'table' | 'html' | 'mlmodel'; plan: PreviewPlan; text: string }
  | { view: 'download'; plan: PreviewPlan };

async function readPrefix(blob: Blob, n: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, n).arrayBuffer());
}

/** Resolves once the artifact's bytes are stored here (artifact-bytes.ts). */
export type EnsureBytes = () => Promise<void>;

export async function loadPreview(client: MlflowClient, runId: string, path: string, size: number, ensureBytes: EnsureBytes): Promise<LoadedPreview> {
  let plan = planPreview(path, size);
  if (plan.kind === 'download') return { view: 'download', plan };
  await ensureBytes();
  const blob = await client.downloadArtifact(runId, path);
  if (plan.kind === 'sniff') plan = planAfterSniff(size, await readPrefix(blob, plan.readBytes));
  switch (plan.kind) {
    case 'image':
      return { view: 'image', plan, blob };
    case 'text':
    case 'json':
    case 'table':
    case 'html':
    case 'mlmodel':
      return { view: plan.kind, plan, text: decodeTextPrefix(await readPrefix(blob, plan.readBytes), plan.partial) };
    default:
      return { view: 'download', plan };
  }
}

/** Saves an artifact through the browser's download UI. `make*`-style: not reactive. */
export async function downloadArtifactFile(client: MlflowClient, runId: string, path: string, ensureBytes: EnsureBytes): Promise<void> {
  await ensureBytes();
  const blob = await client.downloadArtifact(runId, path);
  // octet-stream: the object URL is a file to save, never a document (an HTML artifact opened
  // from it would otherwise run as this origin's page).
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = baseName(path);
  a.click();
  // The download has started reading the URL by the time this fires; a revoke in the same task
  // can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
