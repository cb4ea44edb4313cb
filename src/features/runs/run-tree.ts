// Nested runs under their parents (the `mlflow.parentRunId` tag), as the flat list of rows a
// virtualised table draws. A child whose parent is not in the result set stays at top level, so
// filtering never hides a matching run.
import type { Run } from '../../sdk/index';

export interface RunRowModel<R extends Run> {
  run: R;
  depth: number;
  childCount: number;
  expanded: boolean;
}

const PARENT = 'mlflow.parentRunId';

/** Keeps the order of `runs` among siblings; children follow their parent when it is expanded. */
export function nestRuns<R extends Run>(runs: readonly R[], expanded: ReadonlySet<string>): RunRowModel<R>[] {
  const present = new Set(runs.map((r) => r.info.runId));
  const children = new Map<string, R[]>();
  const roots: R[] = [];
  for (const r of runs) {
    const parent = r.data.tags[PARENT];
    if (parent && parent !== r.info.runId && present.has(parent)) {
      const list = children.get(parent);
      if (list) list.push(r);
      else children.set(parent, [r]);
    } else {
      roots.push(r);
    }
  }
  const out: RunRowModel<R>[] = [];
  const visiting = new Set<string>();
  const walk = (r: R, depth: number): void => {
    if (visiting.has(r.info.runId)) return; // a parent cycle in hand-edited tags must not hang
    visiting.add(r.info.runId);
    const kids = children.get(r.info.runId) ?? [];
    const open = expanded.has(r.info.runId);
    out.push({ run: r, depth, childCount: kids.length, expanded: open });
    if (open) for (const k of kids) walk(k, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}
