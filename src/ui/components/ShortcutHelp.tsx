// The `?` overlay: every keyboard shortcut live on the current page, grouped, read from the
// shortcut registry so it can never list a key that does nothing here.
import { createEffect, createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { createShortcut, listShortcuts, type ShortcutInfo } from '../primitives/shortcuts';

/** Mount once, anywhere under the app shell. */
export function ShortcutHelp(): JSX.Element {
  const [open, setOpen] = createSignal(false);
  let returnFocus: Element | null = null;
  let closeButton: HTMLButtonElement | undefined;
  createShortcut('?', () => setOpen((o) => !o), { description: 'Show or hide this help' });
  createShortcut('Escape', () => setOpen(false), { when: open, allowInInputs: true });

  // Focus moves into the overlay so Tab stays inside it, and back to where it was on close.
  createEffect(() => {
    if (open()) {
      returnFocus = document.activeElement;
      queueMicrotask(() => closeButton?.focus());
    } else if (returnFocus instanceof HTMLElement) {
      returnFocus.focus();
      returnFocus = null;
    }
  });

  const groups = createMemo(() => {
    const byGroup = new Map<string, ShortcutInfo[]>();
    for (const s of listShortcuts()) byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s]);
    // General first (help itself lives there), then the page's groups in the order they mounted.
    return [...byGroup].sort(([a], [b]) => Number(b === 'General') - Number(a === 'General'));
  });

  return (
    <Show when={open()}>
      <div class="overlay-backdrop" onClick={() => setOpen(false)}>
        <div
          class="shortcut-help"
          role="dialog"
          aria-modal="true"
          aria-labelledby="shortcut-help-title"
          onClick={(e) => e.stopPropagation()}
        >
          <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
          <For each={groups()}>
            {([group, shortcuts]) => (
              <section>
                <h3>{group}</h3>
                <dl>
                  <For each={shortcuts}>
                    {(s) => (
                      <div class="shortcut-row" data-keys={s.keys}>
                        <dt><KeyCombo keys={s.keys} /></dt>
                        <dd>{s.description}</dd>
                      </div>
                    )}
                  </For>
                </dl>
              </section>
            )}
          </For>
          <button type="button" ref={closeButton} onClick={() => setOpen(false)}>Close</button>
        </div>
      </div>
    </Show>
  );
}

/** 'g e' -> g then e; 'Ctrl+k' -> Ctrl + k. */
function KeyCombo(props: { keys: string }): JSX.Element {
  return (
    <For each={props.keys.split(' ')}>
      {(stroke, i) => (
        <>
          <Show when={i() > 0}> then </Show>
          <For each={stroke === '+' ? ['+'] : stroke.split(/\+(?!$)/)}>
            {(key, j) => (
              <>
                <Show when={j() > 0}>+</Show>
                <kbd>{key}</kbd>
              </>
            )}
          </For>
        </>
      )}
    </For>
  );
}
