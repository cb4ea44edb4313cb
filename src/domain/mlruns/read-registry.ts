// One registered model of the file registry (mlflow/store/model_registry/file_store.py): meta.yaml,
// tags/, aliases/<alias> (the file holds the version number), version-<n>/meta.yaml and
// version-<n>/tags/. Deleted versions (Deleted_Internal) are not read back by MLflow: they only
// keep their number taken. An alias is kept only when it names a live version.
import { invalidParameter } from '../errors';
import { validateAlias, validateModelName, versionNumber } from '../registry/registry-validation';
import type { RegisteredModelFolder } from './layout';
import { DELETED_INTERNAL, parseModelVersionMeta, parseRegisteredModelMeta, type ModelVersionMeta, type RegisteredModelMeta } from './registry-meta';
import { attempt, readKeyValues, textOf, type FileBytes, type Warn } from './tree-files';

export interface FileModelVersion extends Omit<ModelVersionMeta, 'currentStage'> {
  currentStage: Exclude<ModelVersionMeta['currentStage'], typeof DELETED_INTERNAL>;
  tags: Record<string, string>;
}

export interface FileRegisteredModel extends RegisteredModelMeta {
  tags: Record<string, string>;
  aliases: Array<{ alias: string; version: number }>;
  /** live versions, by number */
  versions: FileModelVersion[];
  /** the highest version number ever created, deleted ones included (MLflow never reuses them) */
  highestVersion: number;
}

export function readRegisteredModel(folder: RegisteredModelFolder, bytesOf: FileBytes, warn: Warn): FileRegisteredModel | undefined {
  const where = folder.meta ?? `${folder.dir}/meta.yaml`;
  const bytes = folder.meta ? bytesOf(folder.meta) : undefined;
  if (!bytes) {
    warn(where, folder.meta === null ? 'missing: the registered model was skipped.' : 'unreadable: the registered model was skipped.');
    return undefined;
  }
  const meta = attempt(where, warn, () => parseRegisteredModelMeta(textOf(bytes)), 'the registered model was skipped: ');
  if (!meta) return undefined;
  // MLflow addresses a model by its folder; a meta naming another one is read under the folder's name.
  const name = validateModelName(folder.name);
  if (meta.name !== name) warn(where, `it says name '${meta.name}' but sits in folder '${name}': imported as '${name}'.`, true);
  const versions: FileModelVersion[] = [];
  let highestVersion = 0;
  for (const v of folder.versions) {
    const vWhere = v.meta ?? `${v.dir}/meta.yaml`;
    const vBytes = v.meta ? bytesOf(v.meta) : undefined;
    if (!vBytes) {
      warn(vWhere, v.meta === null ? 'missing: the model version was skipped.' : 'unreadable: the model version was skipped.');
      continue;
    }
    const parsed = attempt(vWhere, warn, () => {
      const m = parseModelVersionMeta(textOf(vBytes));
      if (`version-${m.version}` !== v.folder) throw invalidParameter(`it says version ${m.version} but sits in folder '${v.folder}'.`);
      return m;
    }, 'the model version was skipped: ');
    if (!parsed) continue;
    highestVersion = Math.max(highestVersion, parsed.version);
    if (parsed.currentStage === DELETED_INTERNAL) continue;
    versions.push({ ...parsed, name, currentStage: parsed.currentStage, tags: readKeyValues(v.tags, 'tag', bytesOf, warn) });
  }
  const live = new Set(versions.map((v) => v.version));
  const aliases: FileRegisteredModel['aliases'] = [];
  for (const a of folder.aliases) {
    const aBytes = bytesOf(a.path);
    if (!aBytes) continue;
    const alias = attempt(a.path, warn, () => {
      const version = versionNumber(textOf(aBytes).trim());
      if (!live.has(version)) throw invalidParameter(`it points at version ${version}, which is not a live version of '${name}'.`);
      return { alias: validateAlias(a.key), version };
    }, 'alias skipped: ');
    if (alias) aliases.push(alias);
  }
  return { ...meta, name, tags: readKeyValues(folder.tags, 'tag', bytesOf, warn), aliases, versions, highestVersion };
}
