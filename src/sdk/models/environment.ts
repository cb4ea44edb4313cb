// The environment files MLflow writes beside an ONNX model (mlflow/utils/environment.py) so an
// exported directory can be served by `mlflow models serve`. Orchard is not Python, so the Python
// and package versions are the ones MLflow 3.6 would record for a typical ONNX setup; MLflow only
// uses them to rebuild an environment.
import { stringify as toYaml } from 'yaml';
import { MLFLOW_VERSION } from '../../domain/mlflow-version';
import { DEFAULT_PYTHON_VERSION as PYTHON_VERSION } from '../../domain/models';

export { MLFLOW_VERSION, PYTHON_VERSION };
export const ONNX_VERSION = '1.17.0';
const ONNXRUNTIME_VERSION = '1.20.1';

export function requirementsTxt(): string {
  return [`mlflow==${MLFLOW_VERSION}`, `onnx==${ONNX_VERSION}`, `onnxruntime==${ONNXRUNTIME_VERSION}`].join('\n') + '\n';
}

export function condaYaml(): string {
  return toYaml({
    channels: ['conda-forge'],
    dependencies: [`python=${PYTHON_VERSION}`, 'pip<=24.2', { pip: requirementsTxt().trim().split('\n') }],
    name: 'mlflow-env',
  });
}

export function pythonEnvYaml(): string {
  return toYaml({ python: PYTHON_VERSION, build_dependencies: ['pip==24.2', 'setuptools', 'wheel'], dependencies: ['-r requirements.txt'] });
}
