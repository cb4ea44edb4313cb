// The MLmodel summary against every real MLmodel file in the shared fixtures (MLflow 0.5 to 3.3,
// ten flavors, column / tensor / object signatures), plus hostile and broken YAML.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeSchemaType, summariseMlmodel, type MlmodelSummary } from '../../src/domain/mlmodel-summary';

const FIXTURES = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';

function mlmodelFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return mlmodelFiles(p);
    return name.endsWith('MLmodel') ? [p] : [];
  });
}

function summaryOf(fixture: string): MlmodelSummary {
  const r = summariseMlmodel(readFileSync(join(FIXTURES, 'mlmodel', fixture), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.summary;
}

describe('real MLmodel files', () => {
  const all = [...mlmodelFiles(join(FIXTURES, 'mlmodel')), ...mlmodelFiles(join(FIXTURES, 'mlflow-filestore'))];

  test('the fixtures are there (>= 40 MLmodel files)', () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
  });

  test('every one summarises: at least one flavor, no warnings, signature parts readable', () => {
    for (const file of all) {
      const r = summariseMlmodel(readFileSync(file, 'utf8'));
      const where = relative(FIXTURES, file);
      expect(r.ok, where).toBe(true);
      if (!r.ok) continue;
      expect(r.summary.flavors.length, where).toBeGreaterThan(0);
      expect(r.summary.warnings, where).toEqual([]);
      for (const part of [r.summary.signature?.inputs, r.summary.signature?.outputs]) {
        if (part) expect(part.fields.every((f) => f.type !== 'unknown'), where).toBe(true);
      }
    }
  });

  test('MLflow 3.3 sklearn: every top-level field, column inputs and tensor outputs', () => {
    const s = summaryOf('sklearn-mlflow3.3__dmatrix-mlflow-misc/MLmodel');
    expect(s.flavors.map((f) => f.name)).toEqual(['python_function', 'sklearn']);
    expect(s.flavors[1]?.settings).toContainEqual(['sklearn_version', '1.7.1']);
    expect(s.flavors[1]?.settings).toContainEqual(['code', 'null']);
    expect(s.flavors[0]?.settings).toContainEqual(['env', '{"conda":"conda.yaml","virtualenv":"python_env.yaml"}']);
    expect(s).toMatchObject({
      runId: '5445e5d5ab4d4ba7b31f5000b6483c1b',
      modelId: 'm-a5cccd9e3cb44c5181b06e453365630e',
      mlflowVersion: '3.3.2',
      utcTimeCreated: '2025-08-28 18:47:09.563549',
      modelSizeBytes: 235062,
    });
    expect(s.artifactPath).toMatch(/^file:\/\/\/Users\/jules\//);
    expect(s.signature?.inputs).toEqual({
      kind: 'columns',
      fields: [0, 1, 2, 3, 4].map((i) => ({ name: `feature_${i}`, type: 'double', required: true })),
    });
    expect(s.signature?.outputs).toEqual({ kind: 'tensors', fields: [{ type: 'tensor<float64> [-1]', required: true }] });
    expect(s.signature?.params).toBeUndefined(); // `params: null`
    expect(s.inputExample).toEqual({
      artifactPath: 'input_example.json',
      type: 'dataframe',
      details: [['pandas_orient', 'split'], ['serving_input_path', 'serving_input_example.json']],
    });
    expect(s.otherKeys).toEqual(['env_vars', 'is_signature_from_type_hint', 'prompts', 'type_hint_from_example']);
  });

  test('MLflow 2.3 tensor signature and a tf-serving input example', () => {
    const s = summaryOf('sklearn-tensor-signature__manuelgilm/MLmodel');
    expect(s.signature?.inputs).toEqual({ kind: 'tensors', fields: [{ type: 'tensor<float64> [-1, 10]', required: true }] });
    expect(s.inputExample?.details).toEqual([['format', 'tf-serving']]);
  });

  test('langchain: array-of-object signature with required markers', () => {
    const s = summaryOf('langchain__mlflow-tests/MLmodel');
    expect(s.signature?.inputs?.fields).toEqual([
      { name: 'messages', type: 'array<object{content: string, role: string}>', required: true },
    ]);
    expect(s.otherKeys).toContain('resources');
  });

  test('transformers text generation: params with defaults', () => {
    const s = summaryOf('transformers-text-generation__azureml-assets/MLmodel');
    expect(s.signature?.params).toContainEqual({ name: 'temperature', type: 'float', default: '0.8' });
    expect(s.signature?.params).toContainEqual({ name: 'do_sample', type: 'boolean', default: 'true' });
  });

  test('MLflow 0.5 keras (2018): no version, no signature, still a summary', () => {
    const s = summaryOf('keras-mlflow0.5__michhar/yolo-output/model/MLmodel');
    expect(s.flavors.map((f) => f.name)).toEqual(['keras', 'python_function']);
    expect(s.mlflowVersion).toBeUndefined();
    expect(s.signature).toBeUndefined();
    expect(s.artifactPath).toBe('keras-yolo-model');
  });
});

describe('hostile and broken files', () => {
  test('python object tags are never constructed: read as plain data with a warning', () => {
    const r = summariseMlmodel('flavors:\n  python_function: !!python/object/apply:os.system ["echo pwned"]\nrun_id: !!python/name:os.system\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.summary.flavors).toEqual([{ name: 'python_function', settings: [['value', 'echo pwned']] }]);
    expect(r.summary.runId).toBe('');
    expect(r.summary.warnings).toHaveLength(2);
    expect(r.summary.warnings[0]).toMatch(/Read as plain data: Unresolved tag: .*python\/object\/apply:os\.system/);
  });

  test('malformed YAML is an error naming the line', () => {
    const r = summariseMlmodel('flavors:\n  sklearn: {a: 1\nrun_id: x\n');
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toMatch(/^Not valid YAML: .*line \d+/);
  });

  test('a YAML scalar or list is not an MLmodel', () => {
    expect(summariseMlmodel('just text')).toMatchObject({ ok: false, error: expect.stringMatching(/mapping/) });
    expect(summariseMlmodel('- a\n- b\n')).toMatchObject({ ok: false });
    expect(summariseMlmodel('')).toMatchObject({ ok: false });
  });

  test('an alias bomb fails instead of expanding', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    lines.push('flavors: {f: *l}');
    expect(summariseMlmodel(lines.join('\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/alias/i) });
  });

  test('a self-referencing alias is shown, not looped over', () => {
    const r = summariseMlmodel('flavors:\n  f: &x\n    self: *x\n');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.summary.flavors[0]?.settings[0]?.[1]).toContain('[circular]');
  });

  test('a signature that is not JSON, or not a list, is a warning; the rest still shows', () => {
    const r = summariseMlmodel("flavors: {sklearn: {}}\nsignature:\n  inputs: '[{oops'\n  outputs: '{\"type\": \"double\"}'\n");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.summary.signature).toEqual({});
    expect(r.summary.warnings).toEqual([expect.stringMatching(/^signature\.inputs is not valid JSON/), 'signature.outputs is not a list of specs.']);
  });

  test('missing flavors is a warning', () => {
    const r = summariseMlmodel('run_id: abc\n');
    expect(r.ok && r.summary.warnings).toEqual(['The file names no flavors (MLflow always writes a `flavors` mapping).']);
  });
});

describe('describeSchemaType', () => {
  test.each([
    [{ type: 'long' }, 'long'],
    [{ type: 'map', values: { type: 'double' } }, 'map<string, double>'],
    [{ type: 'object', properties: { a: { type: 'string', required: false }, b: { type: 'array', items: { type: 'long' } } } }, 'object{a?: string, b: array<long>}'],
    [{ type: 'tensor', 'tensor-spec': { dtype: 'uint8', shape: [-1, 28, 28, 3] } }, 'tensor<uint8> [-1, 28, 28, 3]'],
    [{ type: { type: 'array', items: { type: 'string' } } }, 'array<string>'],
    [42, 'unknown'],
  ])('%j -> %s', (spec, text) => expect(describeSchemaType(spec)).toBe(text));
});
