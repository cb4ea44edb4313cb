// The "Reload to update" banner (features/app-update) without a service worker: it shows only
// while an update is offered, "Reload to update" applies it once, "Later" hides it.
import { render } from 'solid-js/web';
import { afterEach, expect, test, vi } from 'vitest';
import { UpdateBanner } from '../../src/features/app-update/UpdateBanner';
import { dismissUpdate, offerUpdate } from '../../src/features/app-update/update-state';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dismissUpdate();
  document.body.innerHTML = '';
});

function mount(): void {
  const root = document.body.appendChild(document.createElement('div')); // delegated events need the document
  dispose = render(() => <UpdateBanner />, root);
}
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);

test('nothing shows until an update is offered', () => {
  mount();
  expect(document.querySelector('.update-banner')).toBeNull();
  offerUpdate(async () => {});
  expect(document.querySelector('.update-banner')?.textContent).toContain('A new version of Orchard is ready');
  expect(document.querySelector('.update-banner')?.getAttribute('role')).toBe('status');
});

test('"Reload to update" applies the update once and says it is updating', () => {
  mount();
  const apply = vi.fn(() => new Promise<void>(() => {})); // the page reloads before it settles
  offerUpdate(apply);
  button('Reload to update')!.click();
  expect(apply).toHaveBeenCalledTimes(1);
  const busy = button('Updating…')!;
  expect(busy.disabled).toBe(true);
  busy.click();
  expect(apply).toHaveBeenCalledTimes(1);
});

test('a failed update re-enables the button; "Later" hides the banner', async () => {
  mount();
  offerUpdate(() => Promise.reject(new Error('no waiting worker')));
  button('Reload to update')!.click();
  await vi.waitFor(() => expect(button('Reload to update')?.disabled).toBe(false));
  button('Later')!.click();
  expect(document.querySelector('.update-banner')).toBeNull();
});
