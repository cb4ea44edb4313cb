// The MLflow release whose behaviour Orchard follows; reported by /version and written into MLmodel.
export const MLFLOW_VERSION = '3.6.0';
