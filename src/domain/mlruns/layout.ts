// Which file of an mlruns tree is what, from the paths alone (mlflow/store/tracking/file_store.py
// and model_registry/file_store.py; the shared MLflow reference, §4 File-store layout):
//   <root>/<exp>/meta.yaml, tags/<key>                                       experiment
//   <root>/.trash/<exp>/...                                                  deleted experiment
//   <root>/<exp>/<run>/meta.yaml, metrics|params|tags/<key>, artifacts/<path>,
//                       inputs/<id>/meta.yaml, outputs/<id>/meta.yaml        run
//   <root>/<exp>/datasets/<id>/meta.yaml                                     dataset
//   <root>/<exp>/models/<model id>/meta.yaml, artifacts/...                  MLflow 3 logged model
//   <root>/models/<name>/meta.yaml, tags/, aliases/, version-<n>/meta.yaml   registry
// Keys holding `/` are nested files, so a key is the path below its folder. As in MLflow, a folder
// of an experiment is a run only if it has a meta.yaml. The root is found from the meta.yaml files
// (a zip often wraps the tree in a folder, or holds mlruns/ beside an external artifact root);
// anything else inside the root is reported as stray, files beside the root are `outside` (they may
// be an artifact root the runs point at).
import { invalidParameter } from '../errors';

export interface KeyFile {
  /** the key (param/tag/metric name, artifact path, input id...) */
  key: string;
  /** the file's path in the tree */
  path: string;
}

export interface RunFolder {
  id: string;
  dir: string;
  meta: string | null;
  metrics: KeyFile[];
  params: KeyFile[];
  tags: KeyFile[];
  artifacts: KeyFile[];
  inputs: KeyFile[];
  outputs: KeyFile[];
}

export interface LoggedModelFolder {
  id: string;
  dir: string;
  meta: string | null;
  /** files under its own artifacts/ folder (a file store without a separate artifact root) */
  artifacts: KeyFile[];
  /** its own metrics/, params/ and tags/ files (copies of what its run logged; not imported) */
  ownFiles: number;
}

export interface ExperimentFolder {
  /** the folder name, which MLflow requires to equal the meta's experiment_id */
  id: string;
  dir: string;
  trashed: boolean;
  meta: string | null;
  tags: KeyFile[];
  runs: RunFolder[];
  datasets: KeyFile[];
  loggedModels: LoggedModelFolder[];
  traceFiles: number;
}

export interface VersionFolder {
  folder: string;
  dir: string;
  meta: string | null;
  tags: KeyFile[];
}

export interface RegisteredModelFolder {
  name: string;
  dir: string;
  meta: string | null;
  tags: KeyFile[];
  aliases: KeyFile[];
  versions: VersionFolder[];
}

export interface StrayFiles {
  /** the folder (or file) that is not part of the store's layout */
  path: string;
  files: number;
  why: string;
}

export interface TreeLayout {
  /** the store's folder in the tree ('' when the tree is the store itself) */
  root: string;
  /** the folder holding the root: external artifact roots are looked for under it */
  top: string;
  experiments: ExperimentFolder[];
  registeredModels: RegisteredModelFolder[];
  /** files under `top` but not under `root`, sorted */
  outside: string[];
  stray: StrayFiles[];
}

const OS_DEBRIS = /(^|\/)(__MACOSX(\/|$)|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;
const DIGITS = /^\d+$/;

const join = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`);
export const parentDir = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/**
 * The store's root: the shallowest folder D with `D/<digits>/meta.yaml`, `D/.trash/<digits>/meta.yaml`
 * or `D/models/<name>/meta.yaml`. Throws when there is none, or several at the same depth.
 * @example findStoreRoot(['mlruns/0/meta.yaml', 'mlruns/mlruns/0/meta.yaml']) // 'mlruns'
 */
export function findStoreRoot(paths: readonly string[]): string {
  const candidates = new Map<string, number>();
  for (const path of paths) {
    if (!path.endsWith('meta.yaml')) continue;
    const segs = path.split('/');
    const n = segs.length;
    if (segs[n - 1] !== 'meta.yaml' || n < 2) continue;
    let rootSegs: string[] | undefined;
    if (DIGITS.test(segs[n - 2] as string)) rootSegs = segs[n - 3] === '.trash' ? segs.slice(0, n - 3) : segs.slice(0, n - 2);
    else if (n >= 3 && segs[n - 3] === 'models') rootSegs = segs.slice(0, n - 3);
    if (rootSegs) candidates.set(rootSegs.join('/'), rootSegs.length);
  }
  if (candidates.size === 0) {
    throw invalidParameter('No MLflow store found: an mlruns tree has <experiment id>/meta.yaml files (or models/<name>/meta.yaml for the registry), and none is here.');
  }
  const depth = Math.min(...candidates.values());
  const shallowest = [...candidates].filter(([, d]) => d === depth).map(([root]) => root);
  if (shallowest.length > 1) throw invalidParameter(`Several MLflow stores found side by side (${shallowest.map((r) => r || '.').join(', ')}); import them one at a time.`);
  return shallowest[0] as string;
}

class LayoutBuilder {
  readonly experiments = new Map<string, ExperimentFolder>();
  readonly models = new Map<string, RegisteredModelFolder>();
  readonly stray = new Map<string, StrayFiles & { nestedStore: boolean }>();
  /** folder -> its run / logged model / version, so each file finds its entity in O(1) */
  private readonly byDir = new Map<string, RunFolder | LoggedModelFolder | VersionFolder>();

  constructor(readonly present: ReadonlySet<string>) {}

  strayFile(at: string, path: string, why: string): void {
    let s = this.stray.get(at);
    if (!s) this.stray.set(at, (s = { path: at, files: 0, why, nestedStore: false }));
    s.files++;
    if (/(^|\/)(\.trash\/)?\d+\/meta\.yaml$/.test(path.slice(at.length))) s.nestedStore = true;
  }

  experiment(dir: string, id: string, trashed: boolean, rest: string[], path: string): void {
    let e = this.experiments.get(dir);
    if (!e) this.experiments.set(dir, (e = { id, dir, trashed, meta: null, tags: [], runs: [], datasets: [], loggedModels: [], traceFiles: 0 }));
    const [first = '', second = ''] = rest;
    if (rest.length === 1 && first === 'meta.yaml') e.meta = path;
    else if (first === 'tags' && rest.length >= 2) e.tags.push({ key: rest.slice(1).join('/'), path });
    else if (first === 'datasets' && rest.length === 3 && rest[2] === 'meta.yaml') e.datasets.push({ key: second, path });
    else if (first === 'models' && rest.length >= 3) this.loggedModel(e, join(join(dir, 'models'), second), second, rest.slice(2), path);
    else if (first === 'traces') e.traceFiles++;
    else if (rest.length >= 2 && this.present.has(`${dir}/${first}/meta.yaml`)) this.run(e, first, rest.slice(1), path);
    else if (rest.length >= 2) this.strayFile(`${dir}/${first}`, path, 'a folder in an experiment without a meta.yaml, so not a run (MLflow skips it too)');
    else this.strayFile(path, path, 'an unexpected file in an experiment folder');
  }

  private run(e: ExperimentFolder, id: string, rest: string[], path: string): void {
    const dir = `${e.dir}/${id}`;
    let r = this.byDir.get(dir) as RunFolder | undefined;
    if (!r) {
      e.runs.push((r = { id, dir, meta: null, metrics: [], params: [], tags: [], artifacts: [], inputs: [], outputs: [] }));
      this.byDir.set(dir, r);
    }
    const [first = '', second = ''] = rest;
    const key = rest.slice(1).join('/');
    if (rest.length === 1 && first === 'meta.yaml') r.meta = path;
    else if (first === 'metrics' && rest.length >= 2) r.metrics.push({ key, path });
    else if (first === 'params' && rest.length >= 2) r.params.push({ key, path });
    else if (first === 'tags' && rest.length >= 2) r.tags.push({ key, path });
    else if (first === 'artifacts' && rest.length >= 2) r.artifacts.push({ key, path });
    else if (first === 'inputs' && rest.length === 3 && rest[2] === 'meta.yaml') r.inputs.push({ key: second, path });
    else if (first === 'outputs' && rest.length === 3 && rest[2] === 'meta.yaml') r.outputs.push({ key: second, path });
    else this.strayFile(rest.length > 1 ? `${dir}/${first}` : path, path, 'not part of an MLflow run folder');
  }

  private loggedModel(e: ExperimentFolder, dir: string, id: string, rest: string[], path: string): void {
    let m = this.byDir.get(dir) as LoggedModelFolder | undefined;
    if (!m) {
      e.loggedModels.push((m = { id, dir, meta: null, artifacts: [], ownFiles: 0 }));
      this.byDir.set(dir, m);
    }
    const [first = ''] = rest;
    if (rest.length === 1 && first === 'meta.yaml') m.meta = path;
    else if (first === 'artifacts' && rest.length >= 2) m.artifacts.push({ key: rest.slice(1).join('/'), path });
    // A logged model's own metrics, params and tags are copies of what its run logged: not stored.
    else if ((first === 'metrics' || first === 'params' || first === 'tags') && rest.length >= 2) m.ownFiles++;
    else this.strayFile(path, path, 'not part of an MLflow logged-model folder');
  }

  registry(dir: string, name: string, rest: string[], path: string): void {
    let m = this.models.get(dir);
    if (!m) this.models.set(dir, (m = { name, dir, meta: null, tags: [], aliases: [], versions: [] }));
    const [first = '', second = ''] = rest;
    if (rest.length === 1 && first === 'meta.yaml') m.meta = path;
    else if (first === 'tags' && rest.length >= 2) m.tags.push({ key: rest.slice(1).join('/'), path });
    else if (first === 'aliases' && rest.length >= 2) m.aliases.push({ key: rest.slice(1).join('/'), path });
    else if (/^version-\d+$/.test(first) && rest.length >= 2) {
      let v = this.byDir.get(`${dir}/${first}`) as VersionFolder | undefined;
      if (!v) {
        m.versions.push((v = { folder: first, dir: `${dir}/${first}`, meta: null, tags: [] }));
        this.byDir.set(v.dir, v);
      }
      if (rest.length === 2 && second === 'meta.yaml') v.meta = path;
      else if (second === 'tags' && rest.length >= 3) v.tags.push({ key: rest.slice(2).join('/'), path });
      else this.strayFile(path, path, 'not part of a model version folder');
    } else this.strayFile(path, path, 'not part of a registered model folder');
  }
}

const byKey = (a: KeyFile, b: KeyFile): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Sorts the paths of a tree into the store's entities (see the file comment).
 * @example layoutOf(['mlruns/0/meta.yaml', 'mlruns/0/abc/meta.yaml']).experiments[0].runs[0].id // 'abc'
 */
export function layoutOf(allPaths: readonly string[]): TreeLayout {
  const paths = allPaths.filter((p) => !OS_DEBRIS.test(p));
  const root = findStoreRoot(paths);
  const top = parentDir(root);
  const prefix = root === '' ? '' : `${root}/`;
  const b = new LayoutBuilder(new Set(paths));
  const outside: string[] = [];
  for (const path of paths) {
    if (!path.startsWith(prefix)) {
      outside.push(path);
      continue;
    }
    const segs = path.slice(prefix.length).split('/');
    const [first = '', second = ''] = segs;
    if (first === '.trash' && segs.length >= 3) b.experiment(join(join(root, '.trash'), second), second, true, segs.slice(2), path);
    else if (first === 'models' && segs.length >= 3) b.registry(join(join(root, 'models'), second), second, segs.slice(2), path);
    else if (segs.length >= 2 && b.present.has(join(join(root, first), 'meta.yaml'))) b.experiment(join(root, first), first, false, segs.slice(1), path);
    else if (segs.length >= 2) b.strayFile(join(root, first), path, 'not an experiment folder (no meta.yaml), nor .trash or models');
    else b.strayFile(path, path, 'an unexpected file at the top of the store');
  }
  const experiments = [...b.experiments.values()].sort((x, y) => (x.dir < y.dir ? -1 : 1));
  for (const e of experiments) {
    e.tags.sort(byKey);
    e.datasets.sort(byKey);
    e.runs.sort((x, y) => (x.id < y.id ? -1 : 1));
    for (const r of e.runs) for (const list of [r.metrics, r.params, r.tags, r.artifacts, r.inputs, r.outputs]) list.sort(byKey);
    e.loggedModels.sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  const registeredModels = [...b.models.values()].sort((x, y) => (x.name < y.name ? -1 : 1));
  for (const m of registeredModels) m.versions.sort((x, y) => Number(x.folder.slice(8)) - Number(y.folder.slice(8)));
  const stray = [...b.stray.values()].map(({ nestedStore, ...s }) =>
    nestedStore ? { ...s, why: 'a second MLflow store nested inside this one (not part of it)' } : s,
  );
  return { root, top, experiments, registeredModels, outside: outside.sort(), stray };
}
