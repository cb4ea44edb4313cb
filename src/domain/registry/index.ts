// MLflow's Model Registry as pure TypeScript: entities, argument rules and messages, the two search
// grammars, latest-version and models:/ resolution, approval rules and the audit trail.
export * from './entities';
export * from './registry-errors';
export * from './registry-validation';
export * from './latest-versions';
export * from './approval-rules';
export * from './audit-trail';
export type { RegistryEntityType } from './registry-grammar';
export {
  IS_PROMPT_TAG,
  compareRegisteredModelsBy,
  compileRegisteredModelFilter,
  parseRegisteredModelFilter,
  parseRegisteredModelOrderBy,
  queriesPrompts,
  type RegisteredModelOrderKey,
  type RegistryFilter,
  type SearchableModel,
} from './registered-model-search';
export {
  compareModelVersionsBy,
  compileModelVersionFilter,
  parseModelVersionFilter,
  parseModelVersionOrderBy,
  type ModelVersionOrderKey,
  type SearchableVersion,
} from './model-version-search';
