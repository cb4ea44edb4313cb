// The filter box: MLflow's search syntax (plus OR / NOT / parentheses), key autocompletion from
// the runs on screen, Enter to apply, and the parse error shown at the offending token.
import { createSignal, For, Show, type JSX } from 'solid-js';
import { applySuggestion, suggest, type KnownKeys, type Suggestions } from './filter-suggestions';

export interface FilterBarProps {
  value: string;
  keys: KnownKeys;
  onApply: (filter: string) => void;
  ref?: (el: HTMLInputElement) => void;
}

export function FilterBar(props: FilterBarProps): JSX.Element {
  const [draft, setDraft] = createSignal(props.value);
  const [open, setOpen] = createSignal<Suggestions>();
  const [active, setActive] = createSignal(0);
  let input!: HTMLInputElement;

  const refresh = (): void => {
    const s = suggest(input.value, input.selectionStart ?? input.value.length, props.keys);
    setOpen(s.items.length > 0 ? s : undefined);
    setActive(0);
  };
  const choose = (i: number): void => {
    const s = open();
    const item = s?.items[i];
    if (!s || !item) return;
    const next = applySuggestion(input.value, s, item);
    setDraft(next.text);
    input.value = next.text;
    input.setSelectionRange(next.cursor, next.cursor);
    setOpen(undefined);
    input.focus();
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    const s = open();
    if (s && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const n = s.items.length;
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (s && (e.key === 'Tab' || (e.key === 'Enter' && active() >= 0 && s.items.length > 0 && !e.ctrlKey))) {
      e.preventDefault();
      choose(active());
    } else if (e.key === 'Escape') {
      setOpen(undefined);
    }
  };

  return (
    <form
      class="filter-bar"
      onSubmit={(e) => {
        e.preventDefault();
        setOpen(undefined);
        props.onApply(draft().trim());
      }}
    >
      <div class="filter-field">
        <input
          ref={(el) => {
            input = el;
            props.ref?.(el);
          }}
          aria-label="Filter runs"
          class="filter-input"
          autocomplete="off"
          spellcheck={false}
          placeholder="metrics.accuracy > 0.9 AND params.model = 'cnn'   ( / to focus )"
          value={draft()}
          onInput={(e) => {
            setDraft(e.currentTarget.value);
            refresh();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(undefined), 150)}
        />
        <Show when={open()}>
          {(s) => (
            <ul class="filter-suggestions" role="listbox">
              <For each={s().items}>
                {(item, i) => (
                  <li role="option" aria-selected={i() === active()} classList={{ active: i() === active() }} onMouseDown={(e) => { e.preventDefault(); choose(i()); }}>
                    {item.label}
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </div>
      <button type="submit">Search</button>
      <Show when={props.value !== ''}>
        <button type="button" onClick={() => { setDraft(''); props.onApply(''); }}>Clear</button>
      </Show>
    </form>
  );
}
