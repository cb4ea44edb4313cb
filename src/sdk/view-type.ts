// MLflow's ViewType (ACTIVE_ONLY, DELETED_ONLY, ALL) and max_results checks, shared by the
// experiment and run searches.
import { invalidParameter } from '../domain/errors';
import type { LifecycleStage, ViewType } from '../domain/entities';

const VIEW_TYPES: readonly ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

export function validateViewType(v: ViewType | undefined): ViewType {
  if (v === undefined) return 'ACTIVE_ONLY';
  if (!VIEW_TYPES.includes(v)) {
    throw invalidParameter(`Invalid view type '${String(v)}'. Valid values are ${VIEW_TYPES.join(', ')}.`);
  }
  return v;
}

export function matchesViewType(stage: LifecycleStage, view: ViewType): boolean {
  return view === 'ALL' || (view === 'ACTIVE_ONLY') === (stage === 'active');
}

export function validateMaxResults(maxResults: number | undefined, limit: number, fallback = 1000): number {
  if (maxResults === undefined || maxResults === null) return fallback;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1) {
    throw invalidParameter(`Invalid value for max_results. It must be a positive integer, but got ${String(maxResults)}`);
  }
  if (maxResults > limit) {
    throw invalidParameter(`Invalid value for max_results. It must be at most ${limit}, but got value ${maxResults}`);
  }
  return maxResults;
}
