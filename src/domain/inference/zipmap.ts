// sklearn-onnx classifiers end in ai.onnx.ml ZipMap: a float tensor [rows, classes] becomes a
// seq(map(label, probability)). onnxruntime-web 1.30 cannot hand such a value to JS: any run that
// fetches it fails with "Reading data from non-tensor typed value is not supported" (ERROR_CODE 9).
// So before creating the session we add ZipMap's *input* as an extra graph output, fetch that
// tensor instead, and rebuild MLflow's list of {label: probability} rows here, using the node's
// classlabels_int64s / classlabels_strings attribute. Field numbers: onnx/onnx.proto (ModelProto,
// GraphProto, NodeProto, AttributeProto, ValueInfoProto, TypeProto).
import { concatBytes, fieldsOf, lenField, readString, readVarints, varintField, WIRE_LEN, type WireField } from './protobuf-wire';
import type { SequenceData } from './types';

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_OUTPUT = 12;
const NODE = { input: 1, output: 2, opType: 4, attribute: 5, domain: 7 } as const;
const ATTR = { name: 1, ints: 8, strings: 9 } as const;
const VALUE_INFO = { name: 1, type: 2 } as const;
/** TypeProto's oneof: the field number says which kind of value it is. */
const TYPE_KINDS: Record<number, string> = { 1: 'tensor', 4: 'sequence', 5: 'map', 8: 'sparse_tensor', 9: 'optional' };
const ONNX_FLOAT = 1;

/** A ZipMap whose output is a graph output. */
export interface ZipMapOutput {
  /** The graph output (the seq(map) value). */
  output: string;
  /** ZipMap's input: the [rows, classes] float tensor we fetch instead. */
  probabilities: string;
  labels: number[] | string[];
}

export interface GraphOutline {
  /** Graph output name -> 'tensor' | 'sequence' | 'map' | 'optional' | 'sparse_tensor' | 'unknown'. */
  outputKinds: Map<string, string>;
  zipMaps: ZipMapOutput[];
}

function lastField(bytes: Uint8Array, field: number, start = 0, end = bytes.length): WireField | undefined {
  let found: WireField | undefined;
  for (const f of fieldsOf(bytes, start, end)) if (f.field === field && f.wireType === WIRE_LEN) found = f;
  return found;
}

function readZipMap(bytes: Uint8Array, node: WireField): Omit<ZipMapOutput, 'output'> & { outputs: string[] } {
  const inputs: string[] = [];
  const outputs: string[] = [];
  let labels: number[] | string[] = [];
  for (const f of fieldsOf(bytes, node.start, node.end)) {
    if (f.field === NODE.input) inputs.push(readString(bytes, f));
    else if (f.field === NODE.output) outputs.push(readString(bytes, f));
    else if (f.field === NODE.attribute) {
      let name = '';
      const ints: number[] = [];
      const strings: string[] = [];
      for (const a of fieldsOf(bytes, f.start, f.end)) {
        if (a.field === ATTR.name) name = readString(bytes, a);
        else if (a.field === ATTR.ints) ints.push(...readVarints(bytes, a).map(Number));
        else if (a.field === ATTR.strings) strings.push(readString(bytes, a));
      }
      if (name === 'classlabels_int64s') labels = ints;
      else if (name === 'classlabels_strings') labels = strings;
    }
  }
  return { probabilities: inputs[0] ?? '', labels, outputs };
}

function nodeIs(bytes: Uint8Array, node: WireField, opType: string, domain: string): boolean {
  let op = '';
  let dom = '';
  for (const f of fieldsOf(bytes, node.start, node.end)) {
    if (f.field === NODE.opType) op = readString(bytes, f);
    else if (f.field === NODE.domain) dom = readString(bytes, f);
  }
  return op === opType && dom === domain;
}

/** The graph outputs' kinds and the ZipMaps that produce graph outputs. Throws on malformed bytes. */
export function outlineGraph(model: Uint8Array): GraphOutline {
  const graph = lastField(model, MODEL_GRAPH);
  const outline: GraphOutline = { outputKinds: new Map(), zipMaps: [] };
  if (!graph) return outline;
  const zipMapNodes: Array<ReturnType<typeof readZipMap>> = [];
  for (const f of fieldsOf(model, graph.start, graph.end)) {
    if (f.field === GRAPH_OUTPUT) {
      let name = '';
      let kind = 'unknown';
      for (const v of fieldsOf(model, f.start, f.end)) {
        if (v.field === VALUE_INFO.name) name = readString(model, v);
        else if (v.field === VALUE_INFO.type) {
          for (const t of fieldsOf(model, v.start, v.end)) kind = TYPE_KINDS[t.field] ?? kind;
        }
      }
      outline.outputKinds.set(name, kind);
    } else if (f.field === GRAPH_NODE && nodeIs(model, f, 'ZipMap', 'ai.onnx.ml')) {
      zipMapNodes.push(readZipMap(model, f));
    }
  }
  for (const z of zipMapNodes) {
    const output = z.outputs[0];
    if (output !== undefined && outline.outputKinds.has(output) && z.probabilities) {
      outline.zipMaps.push({ output, probabilities: z.probabilities, labels: z.labels });
    }
  }
  return outline;
}

/**
 * The model with each ZipMap's probabilities tensor added as a graph output (typed float, no
 * shape: ORT infers it). Appending repeated fields to the end of a message is valid protobuf, so
 * only the graph field's length prefix changes; everything else is copied byte for byte.
 */
export function exposeZipMapInputs(model: Uint8Array, zipMaps: ZipMapOutput[], existingOutputs: Set<string>): Uint8Array {
  const missing = [...new Set(zipMaps.map((z) => z.probabilities))].filter((n) => !existingOutputs.has(n));
  if (missing.length === 0) return model; // before parsing: bytes we could not outline reach ORT untouched
  const graph = lastField(model, MODEL_GRAPH);
  if (!graph) return model;
  const floatTensor = lenField(1, varintField(1, ONNX_FLOAT)); // TypeProto { tensor_type { elem_type } }
  const added = missing.map((name) => lenField(GRAPH_OUTPUT, concatBytes([lenField(VALUE_INFO.name, name), lenField(VALUE_INFO.type, floatTensor)])));
  const newGraph = concatBytes([model.subarray(graph.start, graph.end), ...added]);
  return concatBytes([model.subarray(0, graph.tagStart), lenField(MODEL_GRAPH, newGraph), model.subarray(graph.end)]);
}

/**
 * ZipMap's output from its input tensor: one object per row, label -> probability, like
 * onnxruntime's Python API (and so MLflow's onnx flavor) returns it. A 1-D input is one row.
 */
export function zipMapRows(probabilities: Float32Array, dims: readonly number[], labels: ReadonlyArray<number | string>): SequenceData {
  const classes = labels.length;
  const width = dims.length >= 2 ? (dims[dims.length - 1] as number) : probabilities.length;
  if (classes !== width) throw new Error(`ZipMap has ${classes} class labels but its input has ${width} columns`);
  const rows = classes === 0 ? 0 : probabilities.length / classes;
  const data: Array<Record<string, number>> = [];
  for (let r = 0; r < rows; r++) {
    const row: Record<string, number> = {};
    for (let c = 0; c < classes; c++) row[String(labels[c])] = probabilities[r * classes + c] as number;
    data.push(row);
  }
  return { dtype: 'sequence', dims: [rows], data };
}
