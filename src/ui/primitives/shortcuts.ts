// Keyboard shortcuts: one document listener, a registry that the `?` help overlay lists, and
// shortcuts that live exactly as long as the component that declared them (so the help shows what
// works on the current page, and j/k vanish with the runs table).
//
// API — `create*`: reactive, disposed with its owner (also returns a dispose function):
//
//   createShortcut('/', () => filterInput.focus(), { description: 'Focus the run filter', group: 'Runs' });
//   createShortcut('j', () => move(+1), { description: 'Next run', group: 'Runs', when: () => rows().length > 0 });
//   createShortcut('x', toggleSelected, { description: 'Select the current run', group: 'Runs' });
//   createShortcut('g e', () => search.focus(), { description: 'Go to experiment search' }); // g, then e within 1 s
//   createShortcut('Escape', close, { when: isOpen, allowInInputs: true });
//   createShortcut('Mod+k', openPalette);  // Ctrl+k, or Cmd+k on a Mac
//
// Keys are KeyboardEvent.key values ('j', 'J', '?', '/', 'Escape', 'ArrowDown'); Shift is never
// spelled out because it already shows in the key ('?' is Shift+/). Ctrl/Alt/Meta must match
// exactly, so a plain 'c' does not steal Ctrl+C. Keystrokes typed into inputs, textareas, selects
// and contenteditable are ignored unless `allowInInputs`; Enter and Space on a focused button,
// link or checkbox always go to that element. When two live shortcuts share a key, the
// one registered last wins (a dialog's Escape beats the page's). Matched keys get preventDefault.
import { createSignal, getOwner, onCleanup, type Accessor } from 'solid-js';

export interface ShortcutOptions {
  /** Only active while this returns true. */
  when?: () => boolean;
  /** Shown in the help overlay; shortcuts without one are not listed. */
  description?: string;
  /** Heading in the help overlay (default "General"). */
  group?: string;
  allowInInputs?: boolean;
}

export interface ShortcutInfo {
  /** Space-separated sequence of keys, as registered: 'g e', '?', 'Mod+k'. */
  keys: string;
  description: string;
  group: string;
}

interface Entry {
  sequence: string[];
  handler: (event: KeyboardEvent) => void;
  options: ShortcutOptions;
}

const SEQUENCE_TIMEOUT_MS = 1000;
const entries: Entry[] = [];
const [registry, setRegistry] = createSignal<readonly Entry[]>([]);
let pending: string[] = [];
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** 'Mod+k' -> 'Ctrl+k' (or 'Meta+k' on a Mac); modifiers in a fixed order so comparisons are exact. */
function normaliseStroke(stroke: string): string {
  const parts = stroke.split('+');
  // A trailing '+' is the key itself ('Ctrl++').
  const key = stroke.endsWith('++') ? '+' : (parts.pop() ?? '');
  const mods = new Set(parts.map((p) => (p === 'Mod' ? (isMac() ? 'Meta' : 'Ctrl') : p)));
  return ['Ctrl', 'Alt', 'Meta'].filter((m) => mods.has(m)).map((m) => `${m}+`).join('') + key;
}

function strokeOf(event: KeyboardEvent): string {
  return (event.ctrlKey ? 'Ctrl+' : '') + (event.altKey ? 'Alt+' : '') + (event.metaKey ? 'Meta+' : '') + event.key;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether a keystroke aimed at `target` is someone typing text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

// Enter and Space activate the focused button, link, checkbox or <summary>: those keys belong to
// the element, or a page-level Enter shortcut would make every button on the page unusable.
const ACTIVATES = 'button, a[href], summary, select, input, [role="button"], [role="link"], [role="checkbox"], [role="menuitem"], [role="tab"]';

function activatesTarget(event: KeyboardEvent): boolean {
  return (event.key === 'Enter' || event.key === ' ') && event.target instanceof Element && event.target.closest(ACTIVATES) !== null;
}

const sameStrokes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

function clearPending(): void {
  pending = [];
  if (pendingTimer) clearTimeout(pendingTimer);
  pendingTimer = undefined;
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing || ['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) return;
  if (activatesTarget(event)) return;
  const typing = isTypingTarget(event.target);
  const live = entries.filter((e) => (!typing || e.options.allowInInputs) && (e.options.when?.() ?? true));
  const stroke = strokeOf(event);
  // Try the sequence in progress first, then this key on its own (an abandoned 'g' then '?').
  for (const attempt of pending.length > 0 ? [[...pending, stroke], [stroke]] : [[stroke]]) {
    const exact = [...live].reverse().find((e) => sameStrokes(e.sequence, attempt));
    if (exact) {
      clearPending();
      event.preventDefault();
      exact.handler(event);
      return;
    }
    if (live.some((e) => e.sequence.length > attempt.length && sameStrokes(e.sequence.slice(0, attempt.length), attempt))) {
      clearPending();
      pending = attempt;
      pendingTimer = setTimeout(clearPending, SEQUENCE_TIMEOUT_MS);
      return;
    }
  }
  clearPending();
}

function register(entry: Entry): () => void {
  if (entries.length === 0 && typeof document !== 'undefined') document.addEventListener('keydown', onKeyDown);
  entries.push(entry);
  setRegistry([...entries]);
  return () => {
    const i = entries.indexOf(entry);
    if (i < 0) return;
    entries.splice(i, 1);
    setRegistry([...entries]);
    if (entries.length === 0 && typeof document !== 'undefined') {
      document.removeEventListener('keydown', onKeyDown);
      clearPending();
    }
  };
}

/** Registers a shortcut for the life of the current owner. `keys`: see the file comment. */
export function createShortcut(keys: string, handler: (event: KeyboardEvent) => void, options: ShortcutOptions = {}): () => void {
  const sequence = keys.trim().split(/\s+/).map(normaliseStroke);
  const dispose = register({ sequence, handler, options });
  if (getOwner()) onCleanup(dispose);
  return dispose;
}

/** The live shortcuts that have a description, in registration order; per key, the one that fires. */
export const listShortcuts: Accessor<ShortcutInfo[]> = () => {
  const seen = new Set<string>();
  const out: ShortcutInfo[] = [];
  for (const e of [...registry()].reverse()) {
    if (!e.options.description) continue;
    const keys = e.sequence.join(' ');
    if (seen.has(keys)) continue;
    seen.add(keys);
    out.push({ keys, description: e.options.description, group: e.options.group ?? 'General' });
  }
  return out.reverse();
};
