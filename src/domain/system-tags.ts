// MLflow's reserved tags (mlflow/utils/mlflow_tags.py) that Orchard reads or writes.
export const RUN_NAME_TAG = 'mlflow.runName';
export const PARENT_RUN_ID_TAG = 'mlflow.parentRunId';
export const USER_TAG = 'mlflow.user';
export const SOURCE_NAME_TAG = 'mlflow.source.name';
export const SOURCE_TYPE_TAG = 'mlflow.source.type';
export const NOTE_CONTENT_TAG = 'mlflow.note.content';
export const LOGGED_MODEL_HISTORY_TAG = 'mlflow.log-model.history';
export const DATASET_CONTEXT_TAG = 'mlflow.data.context';

/** MLflow reserves the `mlflow.` prefix; the UI shows these tags apart from the user's own. */
export const isSystemTag = (key: string): boolean => key.startsWith('mlflow.');
