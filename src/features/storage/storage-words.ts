// How storage numbers and retention reasons read on the storage page and in the shell's notices.
// Pure. Sizes use the UI's one byte formatter (1 KB = 1,024 bytes).
import type { RetentionPlan, RetentionReason, StorageEstimate } from '../../sdk/index';
import { STORAGE_WARNING_RATIO } from '../../sdk/index';
import { formatBytes } from '../../ui/format';

/** The share of the quota in use, 0..1 (0 when the browser reports no quota). */
export function usageRatio(e: StorageEstimate): number {
  return e.quota > 0 ? Math.min(1, e.usage / e.quota) : 0;
}

export function percentText(ratio: number): string {
  const pct = ratio * 100;
  return `${pct > 0 && pct < 1 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** "1.2 GB of 10 GB (12%)" */
export function usageText(e: StorageEstimate): string {
  return `${formatBytes(e.usage)} of ${formatBytes(e.quota)} (${percentText(usageRatio(e))})`;
}

export function isNearlyFull(e: StorageEstimate | undefined): boolean {
  return e !== undefined && usageRatio(e) >= STORAGE_WARNING_RATIO;
}

/** The shell's warning once usage passes 80% of the quota. */
export function nearlyFullText(e: StorageEstimate): string {
  return `Storage is ${percentText(usageRatio(e))} full: ${formatBytes(e.usage)} of the ${formatBytes(e.quota)} this browser allows. When it is full, new runs, metrics and artifacts cannot be saved.`;
}

export function persistenceText(persisted: boolean | undefined): string {
  if (persisted === undefined) return 'This browser does not say whether it keeps Orchard’s data under storage pressure.';
  return persisted
    ? 'Persistent: the browser keeps Orchard’s data until you delete it, even when the disk runs low.'
    : 'Not persistent: when the disk runs low, the browser may delete Orchard’s data (every workspace) without asking.';
}

export function reasonText(reason: RetentionReason): string {
  switch (reason) {
    case 'deleted':
      return 'deleted long enough ago';
    case 'experiment-deleted':
      return 'its experiment goes';
    case 'beyond-last-runs':
      return 'older than the runs kept';
    case 'started-before':
      return 'started before the date';
  }
}

const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "3 runs, 1 experiment and 2 files: 14 MB" */
export function planSummary(plan: RetentionPlan): string {
  const parts = [count(plan.runs.length, 'run', 'runs'), count(plan.experiments.length, 'experiment', 'experiments'), count(plan.files.length, 'file', 'files')];
  return `${parts[0]}, ${parts[1]} and ${parts[2]}: ${formatBytes(plan.bytes.total)}`;
}

export function isEmptyPlan(plan: RetentionPlan): boolean {
  return plan.runs.length === 0 && plan.experiments.length === 0 && plan.files.length === 0;
}
