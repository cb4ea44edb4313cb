// The registry half of an import plan: registered models with their version numbers kept, merged
// with what is stored (domain/mlruns/registry-rules.ts), plus audit events that say who imported
// what. Where a version's files are here: a run's artifacts of this import when its storage
// location (or source) is inside a run's artifact URI or is an MLflow 3 logged model placed in
// its run (then `runs:/<run>/<path>`, which the registry can load), else as the file says.
import { auditEvent, entry } from '../../domain/registry/audit-trail';
import type { RegistryEvent } from '../../domain/registry/entities';
import type { ImportTally, ImportWarning } from '../../domain/mlruns/import-report';
import type { FileModelVersion } from '../../domain/mlruns/read-registry';
import { mergeRegisteredModel, type VersionRowLike } from '../../domain/mlruns/registry-rules';
import type { Mutation } from '../../domain/mutations';
import { auditStamp } from '../registry/registry-rows';
import type { Workspace } from '../workspace';
import type { PlacedModel } from '../../domain/mlruns/locate-artifacts';
import type { ParsedImport } from '../../domain/mlruns/parse-import';
import type { ParsedTree } from '../../domain/mlruns/read-tree';

const COMMENT = 'imported from MLflow';

function storageLocationFinder(tree: ParsedTree, placed: ReadonlyMap<string, PlacedModel>): (v: FileModelVersion) => string {
  const runRoots = tree.runs.map((r) => ({ runId: r.run.info.runId, root: `${r.run.info.artifactUri.replace(/\/+$/, '')}/` }));
  const byModel = new Map<string, string>();
  for (const m of tree.loggedModels) {
    const place = placed.get(m.modelId);
    if (!place) continue;
    const uri = `runs:/${place.runId}/${place.path}`;
    byModel.set(`models:/${m.modelId}`, uri);
    if (m.artifactLocation) byModel.set(m.artifactLocation.replace(/\/+$/, ''), uri);
  }
  return (v) => {
    const where = v.storageLocation ?? v.source;
    for (const candidate of [where, v.source]) {
      const logged = byModel.get(candidate.replace(/\/+$/, ''));
      if (logged) return logged;
    }
    for (const { runId, root } of runRoots) {
      if (where.startsWith(root) && where.length > root.length) return `runs:/${runId}/${where.slice(root.length).replace(/\/+$/, '')}`;
    }
    return where;
  };
}

export async function planRegistry(ws: Workspace, { tree, models }: ParsedImport, tally: ImportTally, warn: (w: ImportWarning) => void): Promise<Mutation[]> {
  const locate = storageLocationFinder(tree, models);
  const folders = new Map(tree.layout.registeredModels.map((f) => [f.name, f]));
  const out: Mutation[] = [];
  for (const file of tree.registeredModels) {
    const db = ws.store.db;
    const previous = (await db.registeredModels.get(file.name)) ?? null;
    const storedVersions = new Map<number, VersionRowLike>((await db.modelVersions.where('name').equals(file.name).toArray()).map((v) => [v.version, v]));
    const merge = mergeRegisteredModel(previous, storedVersions, file, locate);
    const dir = folders.get(file.name)?.dir ?? file.name;
    for (const n of merge.deletedHere) warn({ path: `${dir}/version-${n}`, message: `not imported: version ${n} of '${file.name}' was deleted in this workspace, and import does not bring it back.` });
    tally.add('registeredModels', 1, merge.modelChanged || merge.versions.length > 0 ? 1 : 0);
    tally.add('modelVersions', merge.versions.length + merge.unchangedVersions, merge.versions.length);
    tally.add('aliases', file.aliases.length - merge.deletedHere.length, merge.freshAliases.length);
    if (!merge.modelChanged && merge.versions.length === 0) continue;
    const stamp = await auditStamp(ws);
    const events: RegistryEvent[] = [];
    if (!previous) events.push(auditEvent(stamp, 'model/create', file.name, { to: file.name, comment: COMMENT }));
    for (const { row, previous: before } of merge.versions) {
      if (!before) events.push(auditEvent(stamp, 'version/create', file.name, { version: String(row.version), to: row.source, comment: COMMENT }, `v${row.version}`));
      else if (before.currentStage !== row.currentStage) {
        events.push(auditEvent(stamp, 'version/stage', file.name, { version: String(row.version), from: before.currentStage, to: row.currentStage, comment: COMMENT }, `s${row.version}`));
      }
    }
    for (const a of merge.freshAliases) {
      const details = { version: a.version, to: entry(a.alias, a.version), comment: COMMENT, ...(a.from !== undefined ? { from: entry(a.alias, a.from) } : {}) };
      events.push(auditEvent(stamp, 'alias/set', file.name, details, `a${a.alias}`));
    }
    out.push({ type: 'import/registeredModel', model: merge.model, previous, versions: merge.versions, events });
  }
  return out;
}
