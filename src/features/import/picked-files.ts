// Turning what the user picked or dropped into the files of an mlruns import. Paths keep the
// picked folder's own name as their first segment (`mlruns/0/meta.yaml`, or
// `project/mlruns/...` when the folder above was picked): the importer finds the store wherever
// it sits, and an external artifact root beside it (mlartifacts/) comes along. Files are not read
// here, only listed; the import worker reads them.
import type { MlrunsSource } from '../../sdk/index';

export type PickedFiles = Array<{ path: string; data: File }>;

/** Reports how many files were listed so far (a big tree has tens of thousands). */
export type OnListed = (files: number) => void;

// The File System Access API types are not in TypeScript's DOM lib yet (Chromium only).
interface DirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandle | FileHandle>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
type DirectoryPicker = (options?: { id?: string; mode?: 'read' }) => Promise<DirectoryHandle>;

const picker = (): DirectoryPicker | undefined => (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;

/** True where the browser can pick a folder with the File System Access API. */
export const canPickDirectory = (): boolean => typeof picker() === 'function';

async function walkHandle(dir: DirectoryHandle, prefix: string, out: PickedFiles, onListed: OnListed): Promise<void> {
  for await (const entry of dir.values()) {
    const path = `${prefix}/${entry.name}`;
    if (entry.kind === 'directory') await walkHandle(entry, path, out, onListed);
    else {
      out.push({ path, data: await entry.getFile() });
      if (out.length % 500 === 0) onListed(out.length);
    }
  }
}

/** Asks for a folder (File System Access API); undefined when the user closes the dialog. */
export async function pickDirectory(onListed: OnListed): Promise<PickedFiles | undefined> {
  const show = picker();
  if (!show) return undefined;
  let dir: DirectoryHandle;
  try {
    dir = await show({ id: 'orchard-mlruns-import', mode: 'read' });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return undefined; // closed the dialog
    throw e;
  }
  const out: PickedFiles = [];
  await walkHandle(dir, dir.name, out, onListed);
  return out;
}

/** The files of a folder input (`webkitdirectory`): their relative paths start with the folder's name. */
export function filesOfInput(list: FileList): PickedFiles {
  return Array.from(list, (f) => ({ path: f.webkitRelativePath || f.name, data: f }));
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until it answers an empty one.
  return new Promise((resolve, reject) => {
    const next = (): void =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walkEntry(entry: FileSystemEntry, prefix: string, out: PickedFiles, onListed: OnListed): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walkEntry(child, path, out, onListed);
  } else {
    out.push({ path, data: await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)) });
    if (out.length % 500 === 0) onListed(out.length);
  }
}

/**
 * What was dropped: one zip becomes the source itself; folders (and loose files) are listed.
 * Undefined when nothing usable was dropped.
 */
export async function filesOfDrop(data: DataTransfer, onListed: OnListed): Promise<MlrunsSource | undefined> {
  // Entries must be taken while the drop event is being handled: the DataTransfer empties after.
  const entries = Array.from(data.items, (item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null));
  const files = Array.from(data.files);
  if (entries.every((e) => e === null || e.isFile)) {
    // No folder: a zip, or loose files (their names are their paths).
    if (files.length === 1 && isZipName(files[0] as File)) return files[0] as File;
    return files.length > 0 ? files.map((f) => ({ path: f.name, data: f })) : undefined;
  }
  const out: PickedFiles = [];
  for (const entry of entries) if (entry) await walkEntry(entry, '', out, onListed);
  return out;
}

export const isZipName = (f: File): boolean => /\.zip$/i.test(f.name) || f.type === 'application/zip' || f.type === 'application/x-zip-compressed';
