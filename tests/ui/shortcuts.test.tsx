import { createRoot, createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ShortcutHelp } from '../../src/ui/components/ShortcutHelp';
import { createShortcut, isTypingTarget, listShortcuts } from '../../src/ui/primitives/shortcuts';

const press = (key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent => {
  const ev = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(ev);
  return ev;
};

const disposers: Array<() => void> = [];
/** Runs `fn` under a fresh owner, disposed after the test. */
const owned = (fn: () => void): void => createRoot((dispose) => {
  disposers.push(dispose);
  fn();
});
afterEach(() => {
  disposers.splice(0).forEach((d) => d());
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('createShortcut', () => {
  test('fires on its key, prevents the default, and stops when its owner is disposed', () => {
    const j = vi.fn();
    let dispose!: () => void;
    createRoot((d) => {
      dispose = d;
      createShortcut('j', j);
    });
    const ev = press('j');
    expect(j).toHaveBeenCalledTimes(1);
    expect(ev.defaultPrevented).toBe(true);
    expect(press('k').defaultPrevented).toBe(false);
    dispose();
    press('j');
    expect(j).toHaveBeenCalledTimes(1);
  });

  test('ignores keystrokes typed into text fields unless allowed, but not into checkboxes', () => {
    const slash = vi.fn();
    const escape = vi.fn();
    owned(() => {
      createShortcut('/', slash);
      createShortcut('Escape', escape, { allowInInputs: true });
    });
    document.body.innerHTML = '<input id="t"><textarea id="a"></textarea><input id="c" type="checkbox"><div id="e" contenteditable="true"></div>';
    for (const id of ['t', 'a']) press('/', {}, document.getElementById(id)!);
    expect(slash).not.toHaveBeenCalled();
    press('/', {}, document.getElementById('c')!);
    expect(slash).toHaveBeenCalledTimes(1);
    press('Escape', {}, document.getElementById('t')!);
    expect(escape).toHaveBeenCalledTimes(1);
    expect(isTypingTarget(document.getElementById('t'))).toBe(true);
  });

  test('`when` gates it; the latest registration of a key wins; Ctrl must match', () => {
    const [on, setOn] = createSignal(false);
    const page = vi.fn();
    const dialog = vi.fn();
    const copy = vi.fn();
    owned(() => {
      createShortcut('c', page);
      createShortcut('c', dialog, { when: on });
      createShortcut('Ctrl+c', copy);
    });
    press('c');
    expect([page.mock.calls.length, dialog.mock.calls.length]).toEqual([1, 0]);
    setOn(true);
    press('c');
    expect([page.mock.calls.length, dialog.mock.calls.length]).toEqual([1, 1]);
    press('c', { ctrlKey: true });
    expect(copy).toHaveBeenCalledTimes(1);
    expect(page).toHaveBeenCalledTimes(1);
  });

  test('sequences: g then e within a second; an abandoned prefix does not swallow the next key', () => {
    vi.useFakeTimers();
    const ge = vi.fn();
    const help = vi.fn();
    owned(() => {
      createShortcut('g e', ge);
      createShortcut('?', help);
    });
    press('g');
    press('e');
    expect(ge).toHaveBeenCalledTimes(1);
    press('g');
    vi.advanceTimersByTime(1500);
    press('e');
    expect(ge).toHaveBeenCalledTimes(1);
    press('g');
    press('?');
    expect(help).toHaveBeenCalledTimes(1);
    press('Shift'); // modifier keydowns on their own never break a sequence
    press('g');
    press('Shift');
    press('e');
    expect(ge).toHaveBeenCalledTimes(2);
  });

  test('the registry lists described shortcuts while they live', () => {
    let dispose!: () => void;
    createRoot((d) => {
      dispose = d;
      createShortcut('x', () => undefined, { description: 'Select run', group: 'Runs' });
      createShortcut('y', () => undefined);
    });
    expect(listShortcuts()).toEqual([{ keys: 'x', description: 'Select run', group: 'Runs' }]);
    dispose();
    expect(listShortcuts()).toEqual([]);
  });
});

describe('ShortcutHelp', () => {
  test('? opens a dialog listing the live shortcuts; Escape and ? close it', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    disposers.push(render(() => {
      createShortcut('g e', () => undefined, { description: 'Search experiments', group: 'Experiments' });
      return <ShortcutHelp />;
    }, root));
    expect(document.querySelector('[role=dialog]')).toBeNull();
    press('?');
    const dialog = document.querySelector('[role=dialog]');
    expect(dialog?.textContent).toContain('Keyboard shortcuts');
    expect(dialog?.querySelector('[data-keys="g e"]')?.textContent).toContain('Search experiments');
    expect(dialog?.querySelector('[data-keys="?"]')).not.toBeNull();
    press('Escape');
    expect(document.querySelector('[role=dialog]')).toBeNull();
    press('?');
    press('?');
    expect(document.querySelector('[role=dialog]')).toBeNull();
  });
});

test('Enter and Space on a focused button or link activate it, not a page shortcut', () => {
  const enter = vi.fn();
  owned(() => createShortcut('Enter', enter));
  document.body.innerHTML = '<button id="b">ok</button><a id="l" href="/x"><span id="s">x</span></a>';
  for (const id of ['b', 's']) expect(press('Enter', {}, document.getElementById(id)!).defaultPrevented).toBe(false);
  expect(enter).not.toHaveBeenCalled();
  press('Enter');
  expect(enter).toHaveBeenCalledTimes(1);
});
