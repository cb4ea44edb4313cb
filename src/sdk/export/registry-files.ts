// The Model Registry as MLflow's file registry keeps it under the tracking root:
// mlruns/models/<name>/meta.yaml, tags/<key>, aliases/<alias> (the version number, no newline),
// version-<n>/meta.yaml and version-<n>/tags/<key>; deleted numbers as Deleted_Internal versions. With a selection, a model comes along when one
// of its versions comes from an exported run, with those versions and the aliases that name them.
import { MlflowError } from '../../domain/errors';
import { exportedStorageLocation, keyFile, modelDir, registryNameProblem, sortedEntries, versionDir } from '../../domain/mlruns/export-layout';
import { deletedVersionMeta, metaYaml, modelVersionMeta, registeredModelMeta } from '../../domain/mlruns/export-meta';
import type { ModelVersionRow, RegisteredModelRow } from '../../storage/schema';
import type { Workspace } from '../workspace';
import type { ExportPlan } from './selection';
import type { ZipContext } from './zip-context';

export interface ExportedModel {
  model: RegisteredModelRow;
  versions: ModelVersionRow[];
  aliases: RegisteredModelRow['aliases'];
  /** numbers below the model's counter that no live version has: deleted versions */
  deletedNumbers: number[];
}

/** The models (name order) and versions (number order) an export covers. */
export async function registryForExport(ws: Workspace, plan: Pick<ExportPlan, 'everything' | 'runExperiment'>): Promise<ExportedModel[]> {
  const out: ExportedModel[] = [];
  for (const model of await ws.store.db.registeredModels.toArray()) {
    const all = await ws.store.db.modelVersions.where('name').equals(model.name).toArray();
    const versions = (plan.everything ? all : all.filter((v) => plan.runExperiment.has(v.runId))).sort((a, b) => a.version - b.version);
    if (!plan.everything && versions.length === 0) continue;
    const numbers = new Set(versions.map((v) => String(v.version)));
    const live = new Set(all.map((v) => v.version));
    const deletedNumbers = Array.from({ length: Math.max(0, model.nextVersion - 1) }, (_, i) => i + 1).filter((n) => !live.has(n));
    out.push({ model, versions, aliases: model.aliases.filter((a) => numbers.has(a.version)), deletedNumbers });
  }
  return out;
}

export async function writeRegistry(ctx: ZipContext, ws: Workspace, plan: ExportPlan): Promise<void> {
  const experimentOf = (runId: string): string | undefined => plan.runExperiment.get(runId);
  for (const { model, versions, aliases, deletedNumbers } of await registryForExport(ws, plan)) {
    const problem = registryNameProblem(model.name);
    if (problem) {
      ctx.warn(`Left out registered model '${model.name}': ${problem}.`);
      continue;
    }
    const dir = modelDir(model.name);
    ctx.newScope();
    await ctx.text(`${dir}/meta.yaml`, metaYaml(registeredModelMeta({ ...model, aliases })));
    for (const [key, value] of sortedEntries(model.tags)) await ctx.text(keyFile(`${dir}/tags`, key), value);
    for (const a of aliases) await ctx.text(keyFile(`${dir}/aliases`, a.alias), a.version);
    for (const v of versions) {
      if (!Number.isSafeInteger(v.version) || v.version < 1) throw new MlflowError(`Model version '${v.version}' of '${model.name}' is not a version number.`, 'INTERNAL_ERROR');
      const vdir = versionDir(model.name, v.version);
      const meta = modelVersionMeta({
        ...v,
        storageLocation: exportedStorageLocation(v.storageLocation, experimentOf),
        aliases: aliases.filter((a) => a.version === String(v.version)).map((a) => a.alias),
      });
      await ctx.text(`${vdir}/meta.yaml`, metaYaml(meta));
      for (const [key, value] of sortedEntries(v.tags)) await ctx.text(keyFile(`${vdir}/tags`, key), value);
    }
    for (const n of deletedNumbers) {
      await ctx.text(`${versionDir(model.name, n)}/meta.yaml`, metaYaml(deletedVersionMeta(model.name, n, model.creationTimestamp, model.lastUpdatedTimestamp)));
    }
  }
}
