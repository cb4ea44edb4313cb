// Which files of the tree are each run's artifacts. A run's files are in its own artifacts/ folder
// (the file store's default), or where its artifact_uri points when that is in the tree too (an
// external artifact root beside mlruns/, or a tracking server's mlartifacts/). MLflow 3 logged
// models keep their files under models/<id>/artifacts of their own location; Orchard has no
// logged-model entity, so their files become artifacts of the run that logged them, under the
// model's name: exactly what MLflow 3 resolves `runs:/<run>/<name>` to. Artifact roots outside the
// tree are reported once per root.
import { normaliseArtifactPath } from '../artifact-path';
import { endsWithSegments, foldersOf, locateArtifactUri, parentUri, type TreePlaces } from './artifact-locations';
import type { ImportWarning } from './import-report';
import type { FileLoggedModel } from './read-experiment';
import type { ParsedTree, TreeRun } from './read-tree';

export interface ArtifactFile {
  /** path under the run's artifact root */
  path: string;
  /** the file in the tree */
  source: string;
}

export interface PlacedModel {
  modelId: string;
  runId: string;
  /** the artifact folder of the run that holds the model's files */
  path: string;
  files: number;
}

export interface ArtifactPlan {
  byRun: Map<string, ArtifactFile[]>;
  /** logged model id -> where its files went */
  models: Map<string, PlacedModel>;
  /** files beside the store that some run or model uses */
  usedOutside: Set<string>;
}

/** Files under `folder` in a sorted path list, with their paths relative to it. */
function filesUnder(sorted: readonly string[], folder: string): ArtifactFile[] {
  const prefix = `${folder}/`;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: ArtifactFile[] = [];
  for (let i = lo; i < sorted.length && (sorted[i] as string).startsWith(prefix); i++) out.push({ path: (sorted[i] as string).slice(prefix.length), source: sorted[i] as string });
  return out;
}

export function planArtifacts(tree: ParsedTree, paths: readonly string[], warn: (w: ImportWarning) => void): ArtifactPlan {
  const sorted = [...paths].sort();
  const places: TreePlaces = { root: tree.layout.root, top: tree.layout.top, folders: foldersOf(sorted) };
  const outsideSet = new Set(tree.layout.outside);
  const plan: ArtifactPlan = { byRun: new Map(), models: new Map(), usedOutside: new Set() };
  const missingRoots = new Map<string, { where: string; runs: number }>();
  const addFiles = (runId: string, files: readonly ArtifactFile[]): void => {
    const list = plan.byRun.get(runId) ?? [];
    const have = new Set(list.map((f) => f.path));
    for (const f of files) {
      if (have.has(f.path)) continue;
      have.add(f.path);
      list.push(f);
      if (outsideSet.has(f.source)) plan.usedOutside.add(f.source);
    }
    plan.byRun.set(runId, list);
  };

  for (const { run, folder, experimentFolder } of tree.runs) {
    const { runId, artifactUri } = run.info;
    addFiles(runId, folder.artifacts.map((f) => ({ path: f.key, source: f.path })));
    const located = locateArtifactUri(artifactUri, places, 2);
    if (located) addFiles(runId, filesUnder(sorted, located));
    else if (!endsWithSegments(artifactUri, [run.info.experimentId, runId, 'artifacts']) && !locateArtifactUri(parentUri(artifactUri, 2), places, 1)) {
      const root = parentUri(artifactUri, 2);
      const seen = missingRoots.get(root) ?? { where: experimentFolder.meta ?? experimentFolder.dir, runs: 0 };
      seen.runs++;
      missingRoots.set(root, seen);
    }
  }
  for (const [root, { where, runs }] of missingRoots) {
    const hint = root.startsWith('mlflow-artifacts:') ? " (a tracking server's artifact store: import its mlartifacts/ folder next to mlruns/ to bring them along)" : '';
    warn({ path: where, message: `artifacts not imported: ${runs} run${runs === 1 ? ' keeps its' : 's keep their'} artifacts at ${root}, which is outside the imported tree${hint}.` });
  }

  const runs = new Map<string, TreeRun>(tree.runs.map((r) => [r.run.info.runId, r]));
  const models = [...tree.loggedModels].sort((a, b) => (a.creationTimestamp ?? 0) - (b.creationTimestamp ?? 0) || (a.modelId < b.modelId ? -1 : 1));
  for (const model of models) placeModel(model);
  return plan;

  function placeModel(model: FileLoggedModel): void {
    const where = model.folder.meta ?? model.folder.dir;
    const run = model.sourceRunId ? runs.get(model.sourceRunId) : undefined;
    if (!run) {
      warn({ path: where, message: `logged model '${model.name}' not imported: ${model.sourceRunId ? `its run ${model.sourceRunId} is not in the imported tree` : 'it belongs to no run'}, and Orchard keeps model files in runs.` });
      return;
    }
    const files = model.folder.artifacts.map((f) => ({ path: f.key, source: f.path }));
    const located = model.artifactLocation ? locateArtifactUri(model.artifactLocation, places, 2) : null;
    if (located) files.push(...filesUnder(sorted, located).filter((f) => !files.some((g) => g.path === f.path)));
    if (files.length === 0) {
      warn({ path: where, message: `logged model '${model.name}' (${model.modelId}): its files are not in the imported tree (${model.artifactLocation || 'no artifact_location'}); only its run was imported.` });
      return;
    }
    const runId = run.run.info.runId;
    const taken = plan.byRun.get(runId) ?? [];
    const free = (p: string): boolean => !taken.some((f) => f.path === p || f.path.startsWith(`${p}/`) || p.startsWith(`${f.path}/`));
    let path = model.name;
    try {
      path = normaliseArtifactPath(model.name, { allowRoot: false });
    } catch {
      path = model.modelId;
    }
    if (!free(path)) path = `${path}-${model.modelId}`;
    addFiles(runId, files.map((f) => ({ path: `${path}/${f.path}`, source: f.source })));
    plan.models.set(model.modelId, { modelId: model.modelId, runId, path, files: files.length });
  }
}
