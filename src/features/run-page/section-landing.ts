// Landing on a section from a link (?section=metrics): scroll it to the top, and keep it there
// while the page is still filling in around it (charts, the artifact tree and child runs load after
// the run itself, so one scroll lands short). Stops after a few seconds, or at once when the user
// scrolls, types or clicks: the page never fights the reader.
const USER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
const SETTLE_MS = 3000;

/** `make*`: not reactive; returns the cleanup. */
export function makeSectionLanding(root: HTMLElement, target: () => HTMLElement | null): () => void {
  const scroll = (): void => target()?.scrollIntoView({ block: 'start' });
  const resizes = new ResizeObserver(scroll);
  const stop = (): void => {
    resizes.disconnect();
    clearTimeout(timer);
    for (const type of USER_INPUT) window.removeEventListener(type, stop, true);
  };
  const timer = setTimeout(stop, SETTLE_MS);
  for (const type of USER_INPUT) window.addEventListener(type, stop, { capture: true, passive: true });
  resizes.observe(root);
  scroll();
  return stop;
}
