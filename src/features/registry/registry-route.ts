// The registry's addresses: /models?search=…, /models/<name>?tab=…, and
// /models/<name>/versions/<version>?tab=…. A name may hold any character (`/`, `#`, `<script>`),
// so it travels as one percent-encoded path segment; the router hands it back still encoded.
import { parseModelUri } from '../../domain/models';

export const MODEL_TABS = [
  { id: 'overview', label: 'Versions' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'audit', label: 'Audit trail' },
] as const;
export type ModelTab = (typeof MODEL_TABS)[number]['id'];

export const VERSION_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'try', label: 'Try it' },
] as const;
export type VersionTab = (typeof VERSION_TABS)[number]['id'];

/** The tab a `?tab=` value names among `tabs`; the first tab for anything else. */
export function tabOf<T extends string>(tabs: ReadonlyArray<{ id: T }>, value: string | string[] | undefined): T {
  const v = Array.isArray(value) ? value[0] : value;
  return (tabs.find((t) => t.id === v) ?? tabs[0])?.id as T;
}

const withTab = (path: string, tab: string | undefined): string =>
  tab && tab !== 'overview' ? `${path}?tab=${encodeURIComponent(tab)}` : path;

/** @example registeredModelHref('wine/en') // '/models/wine%2Fen' */
export function registeredModelHref(name: string, tab?: ModelTab): string {
  return withTab(`/models/${encodeURIComponent(name)}`, tab);
}

/** @example modelVersionHref('wine', '2', 'try') // '/models/wine/versions/2?tab=try' */
export function modelVersionHref(name: string, version: string, tab?: VersionTab): string {
  return withTab(`/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`, tab);
}

/** The models list, keeping what was typed in its search box. */
export function modelsListHref(search?: string): string {
  return search ? `/models?search=${encodeURIComponent(search)}` : '/models';
}

/** A route parameter decoded once; text that is not valid percent-encoding stays as typed. */
export function nameFromParam(param: string | undefined): string {
  try {
    return decodeURIComponent(param ?? '');
  } catch {
    return param ?? '';
  }
}

/**
 * The run and artifact path a `runs:/<run id>/<path>` source names; undefined for any other source.
 * @example runSourceOf('runs:/0a1b/model') // { runId: '0a1b', path: 'model' }
 */
export function runSourceOf(source: string): { runId: string; path: string } | undefined {
  try {
    const uri = parseModelUri(source);
    return uri.kind === 'runs' && uri.path !== '' ? { runId: uri.runId, path: uri.path } : undefined;
  } catch {
    return undefined; // any other URI (s3://…, a local path) is shown as typed
  }
}
