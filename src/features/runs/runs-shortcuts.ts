// The runs table's keyboard moves: / filter, j/k move, x select, Enter (or o) open, c compare.
import { createShortcut } from '../../ui/primitives/shortcuts';

export interface RunsShortcutActions {
  focusFilter: () => void;
  move: (delta: number) => void;
  toggleSelect: () => void;
  open: () => void;
  compare: () => void;
}

export function useRunsShortcuts(a: RunsShortcutActions): void {
  const group = 'Runs table';
  createShortcut('/', () => a.focusFilter(), { description: 'Focus the run filter', group });
  createShortcut('j', () => a.move(1), { description: 'Next run', group });
  createShortcut('k', () => a.move(-1), { description: 'Previous run', group });
  createShortcut('x', () => a.toggleSelect(), { description: 'Select or unselect the current run', group });
  createShortcut('o', () => a.open(), { description: 'Open the current run', group });
  createShortcut('Enter', () => a.open(), { group });
  createShortcut('c', () => a.compare(), { description: 'Compare the selected runs', group });
}
