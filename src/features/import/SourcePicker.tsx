// Where an mlruns tree comes from: a folder (the File System Access API's picker where the browser
// has one, a folder input otherwise), a zip, or either dropped on the page.
import { createSignal, Show, type JSX } from 'solid-js';
import type { MlrunsSource } from '../../sdk/index';
import { canPickDirectory, filesOfDrop, filesOfInput, pickDirectory, type OnListed } from './picked-files';

export type ReadSource = (label: string, list: (onListed: OnListed) => Promise<MlrunsSource | undefined>) => void;

export function SourcePicker(props: { onSource: ReadSource; disabled: boolean }): JSX.Element {
  let folderInput: HTMLInputElement | undefined;
  let zipInput: HTMLInputElement | undefined;
  const [over, setOver] = createSignal(false);

  const chooseFolder = (): void => {
    if (canPickDirectory()) props.onSource('the chosen folder', pickDirectory);
    else folderInput?.click();
  };
  const onFolderInput = (): void => {
    const list = folderInput?.files;
    if (!list || list.length === 0) return;
    const files = filesOfInput(list);
    const name = files[0]?.path.split('/')[0] ?? 'folder';
    props.onSource(`folder ${name}`, async () => files);
    if (folderInput) folderInput.value = '';
  };
  const onZipInput = (): void => {
    const file = zipInput?.files?.[0];
    if (!file) return;
    props.onSource(file.name, async () => file);
    if (zipInput) zipInput.value = '';
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setOver(false);
    if (props.disabled || !e.dataTransfer) return;
    const data = e.dataTransfer;
    const first = data.files[0];
    const label = data.files.length === 1 && first ? first.name : `${data.files.length} dropped items`;
    // The listing starts inside the drop handler (the DataTransfer empties once it returns) and
    // reports its count to whoever awaits it.
    let report: OnListed = () => undefined;
    const listing = filesOfDrop(data, (n) => report(n));
    props.onSource(label, (onListed) => {
      report = onListed;
      return listing;
    });
  };

  return (
    <section
      class="import-drop"
      classList={{ 'drag-over': over() }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p class="import-drop-hint">Drop an <code>mlruns</code> folder or a zip of it here, or</p>
      <div class="import-choices">
        <button type="button" class="primary choose-folder" disabled={props.disabled} onClick={chooseFolder}>Choose folder…</button>
        <button type="button" class="choose-zip" disabled={props.disabled} onClick={() => zipInput?.click()}>Choose zip…</button>
      </div>
      <p class="muted import-drop-note">
        The folder MLflow writes with its file store (<code>mlruns/</code>, often beside <code>mlartifacts/</code>): pick it or the folder that holds both.
        Ids are kept, so importing the same folder again only adds what is new.
        <Show when={!canPickDirectory()}> This browser picks folders with its file dialog.</Show>
      </p>
      {/* The fallback for browsers without showDirectoryPicker, and the zip picker. */}
      <input ref={folderInput} class="folder-input" type="file" hidden {...{ webkitdirectory: true }} multiple onChange={onFolderInput} />
      <input ref={zipInput} class="zip-input" type="file" hidden accept=".zip,application/zip" onChange={onZipInput} />
    </section>
  );
}
