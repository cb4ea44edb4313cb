// The shared tag editor (ui/components/TagEditor): what it lists, that an open editor survives a
// live refresh of the tags, that a refused write shows MLflow's message, and the two delete modes.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { afterEach, expect, test, vi } from 'vitest';
import { TagEditor, type TagEditorProps } from '../../src/ui/components/TagEditor';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
});

const flush = () => new Promise((r) => setTimeout(r, 0));
const $ = <E extends Element>(sel: string): E => {
  const el = document.querySelector<E>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
const click = (sel: string) => $<HTMLButtonElement>(sel).click();

function mount(tags: Record<string, string>, extra: Partial<TagEditorProps> = {}) {
  const [current, setTags] = createSignal(tags);
  const onSet = vi.fn(async (key: string, value: string) => void setTags({ ...current(), [key]: value }));
  const onDelete = vi.fn(async (key: string) => {
    const { [key]: _gone, ...rest } = current();
    setTags(rest);
  });
  const host = document.createElement('div');
  document.body.append(host);
  dispose = render(() => <TagEditor tags={current()} onSet={onSet} onDelete={onDelete} {...extra} />, host);
  return { setTags, onSet, onDelete };
}

test('lists the visible tags sorted by key, and hides the ones the caller hides', () => {
  mount({ b: '2', 'mlflow.user': 'ada', a: '1' }, { hidden: (k) => k.startsWith('mlflow.') });
  expect([...document.querySelectorAll('tr[data-tag]')].map((tr) => tr.getAttribute('data-tag'))).toEqual(['a', 'b']);
});

test('an open editor keeps what is typed while the tags refresh, and Enter saves', async () => {
  const { setTags, onSet } = mount({ team: 'vision' });
  click('button[aria-label="Edit tag team"]');
  const input = $<HTMLInputElement>('input[aria-label="Value of tag team"]');
  input.value = 'perception';
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  setTags({ team: 'vision', other: 'x' });
  expect($('input[aria-label="Value of tag team"]')).toBe(input);
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await flush();
  expect(onSet).toHaveBeenCalledWith('team', 'perception');
  expect($('tr[data-tag="team"] .tag-value').textContent).toBe('perception');
});

test('a refused write shows the error and keeps the form filled', async () => {
  const { onSet } = mount({});
  onSet.mockRejectedValueOnce(new Error('Invalid tag name'));
  const key = $<HTMLInputElement>('.tag-add input[aria-label="New tag key"]');
  key.value = 'bad$key';
  key.dispatchEvent(new InputEvent('input', { bubbles: true }));
  click('.tag-add button[type=submit]');
  await flush();
  expect($('.error-notice').textContent).toContain('Invalid tag name');
  expect(key.value).toBe('bad$key');
});

test('Delete removes at once, or asks first with confirmDelete', async () => {
  const { onDelete } = mount({ a: '1' });
  click('button[aria-label="Delete tag a"]');
  await flush();
  expect(onDelete).toHaveBeenCalledWith('a');
  dispose?.();
  document.body.innerHTML = '';

  const asked = mount({ a: '1' }, { confirmDelete: true });
  click('button[aria-label="Delete tag a"]');
  expect(asked.onDelete).not.toHaveBeenCalled();
  click('tr[data-tag="a"] button.danger');
  await flush();
  expect(asked.onDelete).toHaveBeenCalledWith('a');
  expect(document.querySelector('tr[data-tag="a"]')).toBeNull();
});

test('read-only lists tags without edit controls or the add form', () => {
  mount({ a: '1' }, { readOnly: true });
  expect(document.querySelector('tr[data-tag="a"] button')).toBeNull();
  expect(document.querySelector('.tag-add')).toBeNull();
});
