// ORT's failures as MLflow errors with messages a user can act on. ORT's own messages look like
// "Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf
// parsing failed."; we keep ORT's part after ERROR_MESSAGE and say what it usually means.
import { MlflowError, invalidParameter } from '../errors';

const HINTS: Array<[RegExp, string]> = [
  [/protobuf parsing failed/i, 'the bytes are not a valid ONNX model (corrupt or truncated file?)'],
  [/Could not find an implementation for (\S+)\((\d+)\)/, 'onnxruntime-web has no kernel for this operator at this opset version (ONNX Runtime supports ai.onnx opset 7 and later)'],
  [/No Op registered for|is not a registered function\/op|No opset import for domain|Unrecognized attribute/i, 'the model uses an operator or domain that onnxruntime-web does not have'],
];

/** ORT's message without its "Can't create a session. ERROR_CODE: N, ERROR_MESSAGE:" preamble. */
export function ortMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const m = /ERROR_MESSAGE:\s*([\s\S]*)$/.exec(text);
  return (m?.[1] ?? text).trim();
}

function withHint(message: string): string {
  const hint = HINTS.find(([re]) => re.test(message))?.[1];
  return hint ? `${message} (${hint})` : message;
}

export function loadError(e: unknown): MlflowError {
  if (e instanceof MlflowError) return e;
  return invalidParameter(`Could not load ONNX model: ${withHint(ortMessage(e))}`);
}

export function runError(e: unknown): MlflowError {
  if (e instanceof MlflowError) return e;
  return invalidParameter(`Could not run ONNX model: ${withHint(ortMessage(e))}`);
}

/** ORT itself did not start (its .wasm could not be fetched or compiled): not the model's fault. */
export function runtimeError(e: unknown): MlflowError {
  if (e instanceof MlflowError) return e;
  return new MlflowError(`Could not start onnxruntime-web: ${ortMessage(e)}`, 'TEMPORARILY_UNAVAILABLE');
}
