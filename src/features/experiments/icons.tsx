// The two glyphs the experiment list needs, as inline SVG so they look the same on every system
// font and inherit the text colour (and so the dark theme) through currentColor.
import type { JSX } from 'solid-js';

const svg = (d: string): JSX.Element => (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">
    <path d={d} />
  </svg>
);

export const PencilIcon = (): JSX.Element => svg('M11 2.5l2.5 2.5L6 12.5H3.5V10z');
export const TrashIcon = (): JSX.Element => svg('M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5');
