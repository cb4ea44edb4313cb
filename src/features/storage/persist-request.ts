// Asking the browser for persistent storage, from the storage page's button or the one-time prompt
// in the shell. The prompt is per device (localStorage, like the chosen workspace): once the user
// answered it, or asked from the storage page, it never comes back; the page's button stays.
import { createSignal } from 'solid-js';
import { requestPersistentStorage } from '../../sdk/index';

const ANSWERED_KEY = 'orchard.persistPromptAnswered';

function readAnswered(): boolean {
  try {
    return localStorage.getItem(ANSWERED_KEY) === '1';
  } catch {
    return true; // no storage to remember the answer in: never nag
  }
}

const [answered, setAnswered] = createSignal(readAnswered());

/** Whether the one-time prompt was answered on this device (a signal: the page's button answers it too). */
export const persistPromptAnswered = answered;

export function rememberPersistPromptAnswered(): void {
  setAnswered(true);
  try {
    localStorage.setItem(ANSWERED_KEY, '1');
  } catch {
    // nothing to remember it in; the prompt shows again after a reload
  }
}

/** What the browser answered, in words. */
export function persistOutcomeText(granted: boolean | undefined): string {
  if (granted === undefined) return 'This browser cannot be asked to keep data.';
  return granted
    ? 'Granted: the browser will keep Orchard’s data until you delete it.'
    : 'The browser said no for now. Browsers decide by themselves (installing Orchard or bookmarking it often helps); you can ask again later.';
}

/** Asks, and answers the outcome text (a browser that throws counts as a no). Asking answers the
 * one-time prompt too. */
export async function askToPersist(): Promise<{ granted: boolean | undefined; text: string }> {
  rememberPersistPromptAnswered();
  let granted: boolean | undefined;
  try {
    granted = await requestPersistentStorage();
  } catch {
    granted = false;
  }
  return { granted, text: persistOutcomeText(granted) };
}
