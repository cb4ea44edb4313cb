// A signature must describe the graph it is logged with (MLflow checks this only at predict time;
// refusing at log time keeps a broken model out of the workspace).
import { invalidParameter } from '../../domain/errors';
import { isTensorSchema, type ModelSignature, type TensorSpec } from '../../domain/models';
import type { GraphIO } from '../inference';

export function checkSignatureFitsGraph(signature: ModelSignature, graphInputs: readonly GraphIO[]): void {
  const inputs = signature.inputs;
  if (!inputs || inputs.length === 0) return;
  const graphNames = graphInputs.map((g) => g.name);
  if (isTensorSchema(inputs)) {
    const specs = inputs as TensorSpec[];
    if (specs.length === 1 && graphInputs.length === 1) return;
    const unknown = specs.filter((s) => !s.name || !graphNames.includes(s.name)).map((s) => s.name ?? '(unnamed)');
    const missing = graphNames.filter((n) => !specs.some((s) => s.name === n));
    if (unknown.length || missing.length) {
      throw invalidParameter(
        `The signature does not match the ONNX graph inputs (${graphNames.join(', ')}): ` +
          [unknown.length ? `unknown tensor(s) ${unknown.join(', ')}` : '', missing.length ? `missing tensor(s) ${missing.join(', ')}` : ''].filter(Boolean).join('; '),
      );
    }
    return;
  }
  if (graphInputs.length === 1) {
    const width = (graphInputs[0] as GraphIO).dims[1];
    if (typeof width === 'number' && width > 0 && width !== inputs.length) {
      throw invalidParameter(`The signature has ${inputs.length} columns but the ONNX graph input '${graphNames[0]}' takes ${width} features per row.`);
    }
    return;
  }
  const names = inputs.map((c) => String(c.name ?? ''));
  const missing = graphNames.filter((n) => !names.includes(n));
  if (missing.length) {
    throw invalidParameter(`The ONNX graph has ${graphInputs.length} inputs, each fed from the column of the same name; the signature lacks column(s) ${missing.join(', ')}.`);
  }
}
