// A modal yes/no question on the native <dialog>: the browser traps focus, Escape cancels, and
// the page behind is inert. For destructive actions: the confirm button carries `danger`.
import { createEffect, onCleanup, type JSX } from 'solid-js';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: JSX.Element;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps): JSX.Element {
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) {
      // jsdom (component tests) has no showModal; the `open` attribute is the non-modal fallback.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  });
  onCleanup(() => dialog?.open && dialog.close());
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="confirm-dialog-title"
      onCancel={(e) => {
        e.preventDefault(); // Escape: let the owner close it, so `open` stays the one truth
        props.onCancel();
      }}
    >
      <h2 id="confirm-dialog-title">{props.title}</h2>
      <div class="confirm-body">{props.children}</div>
      <div class="confirm-actions">
        <button type="button" onClick={() => props.onCancel()}>Cancel</button>
        <button type="button" class={props.danger ? 'danger' : 'primary'} onClick={() => props.onConfirm()}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
