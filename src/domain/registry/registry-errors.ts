// The Model Registry's failures with MLflow's wording and codes
// (mlflow/store/model_registry/sqlalchemy_store.py `_get_registered_model`,
// `_get_sql_model_version`, `get_model_version_by_alias`; mlflow/prompt/registry_utils.py
// `handle_resource_already_exist_error`; mlflow/store/artifact/utils/models.py
// `_get_latest_model_version`), plus Orchard's approval-gate refusals.
import { MlflowError, alreadyExists, doesNotExist, invalidParameter } from '../errors';

export const modelNotFound = (name: string): MlflowError => doesNotExist(`Registered Model with name=${name} not found`);

export const versionNotFound = (name: string, version: string | number): MlflowError =>
  doesNotExist(`Model Version (name=${name}, version=${version}) not found`);

export const modelAlreadyExists = (name: string): MlflowError => alreadyExists(`Registered Model (name=${name}) already exists.`);

/** MLflow reports an unknown alias as a bad parameter, not a missing resource. */
export const aliasNotFound = (alias: string): MlflowError => invalidParameter(`Registered model alias ${alias} not found.`);

/** MLflow raises this without an error code (so INTERNAL_ERROR, HTTP 500). */
export const noVersionsFound = (name: string, stage?: string): MlflowError =>
  new MlflowError(`No versions of model with name '${name}'${stage === undefined ? '' : ` and stage '${stage}'`} found`, 'INTERNAL_ERROR');

/** Orchard: the model's approval gate covers this target, so it must go through a request. */
export const needsApproval = (what: string): MlflowError =>
  new MlflowError(`${what} needs approval: use requestTransition, and a different user approves it with approveTransition.`, 'PERMISSION_DENIED');

export const requestNotFound = (id: string): MlflowError => doesNotExist(`Transition request ${id} not found`);
