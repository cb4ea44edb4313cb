// Where a run's (or logged model's) artifacts sit in an imported tree. The artifact URIs were
// written on another machine (`file:///home/bwin/.../mlruns/1/<run>/artifacts`,
// `file:///C:/Users/.../testing_mlflow1_artifacts/<run>/artifacts`, `./mlruns/0/...`,
// `mlflow-artifacts:/0/<run>/artifacts`), so a path is matched by its longest tail that names a
// folder of the tree, under the store's root or beside it. `mlflow-artifacts:` paths are what
// `mlflow server` keeps under its artifacts destination, by default `./mlartifacts` next to
// `./mlruns`. Remote URIs (s3://, gs://, dbfs:/, https://, ...) never point into the tree.

export interface TreePlaces {
  root: string;
  top: string;
  /** every folder of the tree (all ancestors of every file) */
  folders: ReadonlySet<string>;
}

/** The folders a set of file paths implies. */
export function foldersOf(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
      const dir = p.slice(0, i);
      if (out.has(dir)) break;
      out.add(dir);
    }
  }
  return out;
}

type Parsed = { kind: 'file' | 'proxy'; segments: string[] } | { kind: 'remote' };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function segmentsOf(path: string, percentEncoded: boolean): string[] {
  const parts = path.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  // A `..` cannot be resolved without the original machine: only what follows it can match.
  const last = parts.lastIndexOf('..');
  const kept = last >= 0 ? parts.slice(last + 1) : parts;
  return percentEncoded ? kept.map(decode) : kept;
}

function parse(uri: string): Parsed {
  const m = SCHEME.exec(uri);
  // No scheme, or a one-letter "scheme" that is a Windows drive (C:/...): a local path.
  if (!m || (m[1] as string).length === 1) return { kind: 'file', segments: segmentsOf(uri, false) };
  const scheme = (m[1] as string).toLowerCase();
  let rest = m[2] as string;
  if (scheme === 'file') return { kind: 'file', segments: segmentsOf(rest, true) };
  if (scheme === 'mlflow-artifacts') {
    if (rest.startsWith('//')) rest = rest.slice(2).replace(/^[^/]*/, '');
    return { kind: 'proxy', segments: segmentsOf(rest, true) };
  }
  return { kind: 'remote' };
}

const join = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

/**
 * The tree folder an artifact URI names, or null when it is not in the tree (remote, or a local
 * path whose tail matches no folder of at least `minSegments` segments).
 * @example locateArtifactUri('file:///C:/x/arts/abc/artifacts', { root: 'mlruns', top: '', folders: new Set(['arts/abc/artifacts']) }, 2) // 'arts/abc/artifacts'
 */
export function locateArtifactUri(uri: string, tree: TreePlaces, minSegments = 1): string | null {
  const parsed = parse(uri);
  if (parsed.kind === 'remote') return null;
  const { segments } = parsed;
  if (parsed.kind === 'proxy') {
    const folder = join(tree.top, 'mlartifacts', ...segments);
    return segments.length >= minSegments && tree.folders.has(folder) ? folder : null;
  }
  const bases = tree.top === tree.root ? [tree.root] : [tree.top, tree.root];
  for (let k = segments.length; k >= Math.max(1, minSegments); k--) {
    const tail = segments.slice(-k);
    for (const base of bases) {
      const folder = join(base, ...tail);
      if (tree.folders.has(folder)) return folder;
    }
  }
  return null;
}

/** True for a local path ending in `<tail...>` (e.g. `<exp>/<run>/artifacts`): the store's own layout. */
export function endsWithSegments(uri: string, tail: readonly string[]): boolean {
  const parsed = parse(uri);
  if (parsed.kind !== 'file') return false;
  const s = parsed.segments;
  return s.length >= tail.length && tail.every((t, i) => s[s.length - tail.length + i] === t);
}

/** The URI minus its last `n` path segments (`.../<run>/artifacts` -> the experiment's root). */
export function parentUri(uri: string, n: number): string {
  let out = uri.replace(/\/+$/, '');
  for (let i = 0; i < n && out.includes('/'); i++) out = out.slice(0, out.lastIndexOf('/'));
  return out;
}
