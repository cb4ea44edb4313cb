// Which aggregation group each run falls in, and the group's name, for the overlay's
// "Aggregate" choice: everything in one group, or one group per value of a param or tag.
import type { Run } from '../../sdk/index';
import { valueOf } from './run-values';

/** Group name per run, in run order; undefined when not aggregating. */
export function groupNamesOf(runs: readonly Run[], group: string): string[] | undefined {
  if (!group) return undefined;
  if (group === 'all') return runs.map(() => 'all runs');
  const key = group.slice(group.indexOf('.') + 1);
  return runs.map((r) => {
    const v = valueOf(r, group);
    return `${key}=${v === undefined ? '(none)' : String(v)}`;
  });
}

/** Points each run's line keeps: the whole chart stays near 16k points (fast to draw), at
 * least 250 a line (spikes still visible) and at most 2,000 (more than a chart's pixel width). */
export function pointsPerSeries(runCount: number): number {
  return Math.max(250, Math.min(2000, Math.floor(16_000 / Math.max(1, runCount))));
}
