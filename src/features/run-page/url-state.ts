// The run page's state lives in the URL, so a reload or a shared link opens the same view:
//   /runs/<id>?section=artifacts&artifact=model/MLmodel&dir=plots&dir=plots/val
// `section` is the part of the page the link points at, `artifact` the selected file or folder,
// `dir` each artifact folder opened in the tree. Changes replace the history entry: browsing a
// run's files should not turn Back into an undo stack of clicks.
import { useLocation, useSearchParams } from '@solidjs/router';

export const RUN_SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'description', label: 'Description' },
  { id: 'parameters', label: 'Parameters' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'tags', label: 'Tags' },
  { id: 'artifacts', label: 'Artifacts' },
] as const;

export type RunSection = (typeof RUN_SECTIONS)[number]['id'];

export interface RunPageUrl {
  section: () => RunSection | undefined;
  artifact: () => string | undefined;
  openDirs: () => string[];
  setSection: (section: RunSection) => void;
  /** Select an artifact file or folder and set the open folders in one history entry. */
  setArtifact: (path: string | undefined, openDirs: string[]) => void;
  /** The link to a section with the rest of the state kept. */
  sectionHref: (section: RunSection) => string;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function sectionDomId(section: RunSection): string {
  return `run-section-${section}`;
}

export function useRunPageUrl(): RunPageUrl {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const section = (): RunSection | undefined => RUN_SECTIONS.find((s) => s.id === one(params.section))?.id;
  return {
    section,
    artifact: () => one(params.artifact) || undefined,
    openDirs: () => list(params.dir).filter((d) => d !== ''),
    setSection: (s) => setParams({ section: s }, { replace: true, scroll: false }),
    setArtifact: (path, dirs) => setParams({ artifact: path || undefined, dir: dirs.length ? dirs : undefined }, { replace: true, scroll: false }),
    sectionHref: (s) => {
      const next = new URLSearchParams(location.search);
      next.set('section', s);
      return `?${next.toString()}`;
    },
  };
}
