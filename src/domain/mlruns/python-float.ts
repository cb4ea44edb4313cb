// Python's `repr(float)` (what MLflow's FileStore writes into metric files: f"{metric.value}")
// is written once, for MLmodel YAML, in domain/models/python-text.ts; metric files use the same.
export { pyFloatRepr as pythonFloatRepr } from '../models/python-text';
