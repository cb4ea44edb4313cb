// Handing a Blob the page made (an exported model, a results CSV, a workspace export) to the browser as a download.
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The download has started reading the URL by the time this fires; revoking in the same task
  // can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A file name from a model path: `models/wine v2` -> `wine v2`, with characters file systems refuse replaced. */
export function fileStem(artifactPath: string): string {
  const last = artifactPath.split('/').filter(Boolean).pop() ?? 'model';
  return last.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'model';
}
