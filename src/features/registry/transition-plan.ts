// What a stage transition or alias change will do before it is made, so the confirm dialog can say
// it in full. MLflow's rule (SqlAlchemyStore.transition_model_version_stage): with
// archive_existing_versions, every OTHER version currently in the target stage moves to Archived,
// and the flag is only allowed for Staging and Production.
import type { ModelVersion, Stage } from '../../domain/registry/entities';

/** Stages in the order people read them: the one serving traffic first. */
export const STAGE_ORDER: readonly Stage[] = ['Production', 'Staging', 'None', 'Archived'];

/** True for the stages MLflow lets archive_existing_versions apply to. */
export function canArchiveExisting(stage: Stage): boolean {
  return stage === 'Staging' || stage === 'Production';
}

/**
 * The versions a transition of `version` to `stage` would archive, lowest version first.
 * @example versionsToArchive(versions, '2', 'Production', true) // the other Production versions
 */
export function versionsToArchive(versions: readonly ModelVersion[], version: string, stage: Stage, archiveExisting: boolean): ModelVersion[] {
  if (!archiveExisting || !canArchiveExisting(stage)) return [];
  return versions
    .filter((v) => v.version !== version && v.currentStage === stage)
    .sort((a, b) => Number(a.version) - Number(b.version));
}

/** The model's latest version per stage (RegisteredModel.latestVersions), in STAGE_ORDER. */
export function latestByStage(latest: readonly ModelVersion[]): ModelVersion[] {
  return [...latest].sort((a, b) => STAGE_ORDER.indexOf(a.currentStage) - STAGE_ORDER.indexOf(b.currentStage));
}

/** "version 1", "versions 1 and 3", "versions 1, 3 and 4". */
export function versionList(versions: readonly ModelVersion[]): string {
  const numbers = versions.map((v) => v.version);
  if (numbers.length <= 1) return `version ${numbers[0] ?? ''}`.trim();
  return `versions ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
