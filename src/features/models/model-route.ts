// The model page's address: /runs/<runId>/model/<artifact path>?panel=try|batch. Each path
// segment is percent-encoded (a folder may be called `a#b` or `50%`), and the router hands the
// splat back still encoded, so it is decoded here, once.

export const MODEL_PANELS = [
  { id: 'overview', label: 'Overview' },
  { id: 'try', label: 'Try it' },
  { id: 'batch', label: 'Batch score' },
] as const;

export type ModelPanel = (typeof MODEL_PANELS)[number]['id'];

/** The panel a `?panel=` value names; the overview for anything else. */
export function panelOf(value: string | undefined): ModelPanel {
  return MODEL_PANELS.find((p) => p.id === value)?.id ?? 'overview';
}

/** @example modelHref('0a1b…', 'models/wine v2') // '/runs/0a1b…/model/models/wine%20v2' */
export function modelHref(runId: string, artifactPath: string, panel: ModelPanel = 'overview'): string {
  const path = artifactPath.split('/').map(encodeURIComponent).join('/');
  return `/runs/${encodeURIComponent(runId)}/model/${path}${panel === 'overview' ? '' : `?panel=${panel}`}`;
}

/** The artifact path from the route's splat; a segment that is not valid percent-encoding stays as typed. */
export function artifactPathFromParam(param: string | undefined): string {
  return (param ?? '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}
