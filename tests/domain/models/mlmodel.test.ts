// MLmodel files: every real fixture (MLflow 0.5 to 3.3) parses and round-trips; what MLflow 3
// writes comes back byte-for-byte; onnxMlmodel matches a real mlflow.onnx MLmodel key by key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { inferSignature, onnxMlmodel, parseMlmodel, serializeMlmodel, utcTimeCreatedNow, type MlModel } from '../../../src/domain/models';

const FIXTURES = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';

function mlmodelFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return mlmodelFiles(p);
    return name.endsWith('MLmodel') ? [p] : [];
  });
}
const ALL = [...mlmodelFiles(join(FIXTURES, 'mlmodel')), ...mlmodelFiles(join(FIXTURES, 'mlflow-filestore'))];
const read = (file: string) => readFileSync(file, 'utf8');
const fixture = (path: string) => read(join(FIXTURES, 'mlmodel', path));

/** Files not written by stock MLflow's to_yaml: Azure tooling re-ordered `metadata` and folded differently. */
const HAND_EDITED = ['transformers-text-generation__azureml-assets/MLmodel', 'transformers-text-classification__azureml-assets/MLmodel', 'sklearn-mixed-types__azureml-examples/MLmodel'];

function withoutSignature(text: string): string {
  return text.replace(/^signature:\n(?: {2}.*\n| {4}.*\n)*/m, '');
}

function expectMlflowError(fn: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MlflowError);
  expect((error as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE');
  expect((error as MlflowError).message).toMatch(message);
}

describe('real MLmodel files', () => {
  test('there are 40+ and every one parses, with at least one flavor', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(40);
    for (const file of ALL) expect(Object.keys(parseMlmodel(read(file)).flavors).length, relative(FIXTURES, file)).toBeGreaterThan(0);
  });

  test('parse -> serialize -> parse gives the same model', () => {
    for (const file of ALL) {
      const model = parseMlmodel(read(file));
      expect(parseMlmodel(serializeMlmodel(model)), relative(FIXTURES, file)).toEqual(model);
    }
  });

  test('serialize reproduces the file byte for byte, except signature blocks in pre-3.x JSON key order', () => {
    let identical = 0;
    for (const file of ALL) {
      const where = relative(join(FIXTURES, 'mlmodel'), file);
      if (HAND_EDITED.includes(where)) continue;
      const text = read(file);
      const out = serializeMlmodel(parseMlmodel(text));
      if (out === text) identical++;
      // Older MLflow wrote ColSpecs as {"name", "type"} and no `params` line; MLflow 3 re-saving writes today's form, as we do.
      else expect(withoutSignature(out), where).toBe(withoutSignature(text));
    }
    expect(identical).toBeGreaterThanOrEqual(23);
  });

  test('MLflow 3.3 sklearn: every field', () => {
    const m = parseMlmodel(fixture('sklearn-mlflow3.3__dmatrix-mlflow-misc/MLmodel'));
    expect(m).toMatchObject({
      runId: '5445e5d5ab4d4ba7b31f5000b6483c1b',
      modelId: 'm-a5cccd9e3cb44c5181b06e453365630e',
      modelUuid: 'm-a5cccd9e3cb44c5181b06e453365630e',
      mlflowVersion: '3.3.2',
      utcTimeCreated: '2025-08-28 18:47:09.563549',
      modelSizeBytes: 235062,
      savedInputExampleInfo: { artifact_path: 'input_example.json', pandas_orient: 'split', serving_input_path: 'serving_input_example.json', type: 'dataframe' },
      extra: { env_vars: ['NEWSAPI_KEY'], is_signature_from_type_hint: false, prompts: null, type_hint_from_example: false },
    });
    expect(m.signature?.inputs?.[0]).toEqual({ type: 'double', name: 'feature_0', required: true });
    expect(m.signature?.outputs).toEqual([{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1] } }]);
    expect(m.signature?.params).toBeUndefined();
    expect(m.flavors.sklearn).toEqual({ code: null, pickled_model: 'model.pkl', serialization_format: 'cloudpickle', sklearn_version: '1.7.1' });
  });

  test('integer column names, params with `dtype`, object specs, 2018 keras', () => {
    expect(parseMlmodel(fixture('xgboost__packt-mle-with-mlflow/MLmodel')).signature?.inputs?.[0]).toEqual({ type: 'long', name: 0 });
    expect(parseMlmodel(fixture('openai__azureml-examples/MLmodel')).signature?.params).toEqual([{ name: 'batch_size', type: 'long', default: 16, shape: null }]);
    const lc = parseMlmodel(fixture('langchain__mlflow-tests/MLmodel'));
    expect(lc.signature?.inputs?.[0]).toMatchObject({ type: 'array', name: 'messages', required: true, items: { type: 'object' } });
    expect(Object.keys(lc.extra)).toEqual(['databricks_runtime', 'resources']);
    const keras = parseMlmodel(read(join(FIXTURES, 'mlmodel/keras-mlflow0.5__michhar/yolo-output/model/MLmodel')));
    expect(keras.mlflowVersion).toBeUndefined();
    expect(keras.artifactPath).toBe('keras-yolo-model');
  });
});

describe('onnxMlmodel', () => {
  const options = {
    runId: '77a09d17edcf47e985403241c576debb',
    artifactPath: 'onnx-model',
    modelUuid: 'ddf79625e4d241b7813e601f31b1222f',
    utcTimeCreated: '2022-06-12 03:34:42.110784',
    modelSizeBytes: 4242,
    onnxVersion: '1.10.2',
    mlflowVersion: '3.6.0',
    pythonVersion: '3.7.6',
  };

  test('matches the real mlflow.onnx MLmodel key by key (with the documented newer-version differences)', () => {
    const real = parseMlmodel(fixture('onnx__mlflow-export-import/MLmodel'));
    const ours = onnxMlmodel(options);
    expect(Object.keys(ours.flavors).sort()).toEqual(Object.keys(real.flavors).sort());
    // MLflow 1.26 wrote `env: conda.yaml`; MLflow >= 2.0 writes {conda, virtualenv}, and python_env.yaml ships since 1.26.
    expect(ours.flavors.python_function).toEqual({ ...real.flavors.python_function, env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' } });
    // onnx_session_options arrived in MLflow 2.x (null unless given).
    expect(ours.flavors.onnx).toEqual({ ...real.flavors.onnx, onnx_session_options: null });
    for (const key of ['artifactPath', 'runId', 'modelUuid', 'utcTimeCreated'] as const) expect(ours[key], key).toBe(real[key]);
    expect(real.mlflowVersion).toBe('1.26.1');
    // MLflow 3's to_dict always writes model_id and prompts; model_size_bytes since 2.x.
    expect(ours.extra).toEqual({ prompts: null, model_id: null });
    expect(ours.modelSizeBytes).toBe(4242);
  });

  test('the whole file, as MLflow 3 writes it, and it parses back', () => {
    const model = onnxMlmodel({ ...options, signature: inferSignature(new Float32Array(8), new Float32Array(2)), savedInputExampleInfo: { artifact_path: 'input_example.json', type: 'ndarray', serving_input_path: 'serving_input_example.json' } });
    const text = serializeMlmodel(model);
    expect(text).toBe(
      [
        'artifact_path: onnx-model',
        'flavors:',
        '  onnx:',
        '    code: null',
        '    data: model.onnx',
        '    onnx_session_options: null',
        '    onnx_version: 1.10.2',
        '    providers:',
        '    - CUDAExecutionProvider',
        '    - CPUExecutionProvider',
        '  python_function:',
        '    data: model.onnx',
        '    env:',
        '      conda: conda.yaml',
        '      virtualenv: python_env.yaml',
        '    loader_module: mlflow.onnx',
        '    python_version: 3.7.6',
        'is_signature_from_type_hint: false',
        'mlflow_version: 3.6.0',
        'model_id: null',
        'model_size_bytes: 4242',
        'model_uuid: ddf79625e4d241b7813e601f31b1222f',
        'prompts: null',
        'run_id: 77a09d17edcf47e985403241c576debb',
        'saved_input_example_info:',
        '  artifact_path: input_example.json',
        '  serving_input_path: serving_input_example.json',
        '  type: ndarray',
        'signature:',
        `  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]'`,
        `  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]'`,
        '  params: null',
        'type_hint_from_example: false',
        "utc_time_created: '2022-06-12 03:34:42.110784'",
        '',
      ].join('\n'),
    );
    expect(parseMlmodel(text)).toEqual(model);
  });

  test('a logged model id, providers and session options', () => {
    const m = onnxMlmodel({ ...options, modelId: 'm-1', providers: ['CPUExecutionProvider'], onnxSessionOptions: { intra_op_num_threads: 1 } });
    expect(m.modelId).toBe('m-1');
    expect(m.extra).toEqual({ prompts: null });
    expect(m.flavors.onnx).toMatchObject({ providers: ['CPUExecutionProvider'], onnx_session_options: { intra_op_num_threads: 1 } });
  });
});

test('utcTimeCreatedNow: str(datetime) of the UTC time', () => {
  expect(utcTimeCreatedNow(new Date('2024-01-31T12:34:56.123Z'))).toBe('2024-01-31 12:34:56.123000');
  expect(utcTimeCreatedNow(new Date('2024-01-31T12:34:56Z'))).toBe('2024-01-31 12:34:56');
  expect(utcTimeCreatedNow()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$/);
});

describe('bad MLmodel files are refused, naming the field', () => {
  test.each([
    ['run_id: abc\n', /'flavors': missing/],
    ['flavors: [a, b]\n', /'flavors': expected a mapping .* got a list/],
    ['flavors:\n  onnx: model.onnx\n', /'flavors\.onnx': expected a mapping of settings, got a string/],
    ['flavors: {f: {}}\nrun_id: [1]\n', /'run_id': expected a string, got a list/],
    ['flavors: {f: {}}\nmodel_size_bytes: -3\n', /'model_size_bytes': expected a non-negative integer/],
    ['flavors: {f: {}}\nmodel_size_bytes: 123456789012345678901234567890\n', /'model_size_bytes'.*123456789012345678901234567890/],
    ['flavors: {f: {}}\nmetadata: 5\n', /'metadata': expected a mapping, got a number/],
    ['flavors: {f: {}}\nsignature: yes\n', /'signature': expected a mapping/],
    ['flavors: {f: {}}\nsignature: {inputs: "[{oops"}\n', /'signature\.inputs': not valid JSON/],
    ['flavors: {f: {}}\nsignature: {inputs: \'[{"type": "decimal"}]\'}\n', /'signature\.inputs': Unsupported type 'decimal'/],
    ['flavors: {f: {}}\nsignature: {extras: x}\n', /'signature\.extras': unknown signature part/],
    ['flavors: {f: {}}\nsaved_input_example_info: input_example.json\n', /'saved_input_example_info': expected a mapping/],
    ['- a\n- b\n', /An MLmodel file is a YAML mapping/],
    ['', /An MLmodel file is a YAML mapping/],
    ['flavors:\n  python_function: !!python/object/apply:os.system ["echo pwned"]\n', /Refusing the YAML tag 'tag:yaml.org,2002:python\/object\/apply:os.system' at line 2/],
    ['flavors: {f: {}}\nrun_id: !!python/name:os.system\n', /could not determine a constructor/],
    ['flavors:\n  f: {a: 1\n', /^Not valid YAML: .*line \d+/],
  ])('%j', (text, message) => expectMlflowError(() => parseMlmodel(text), message));

  test('an unquoted timestamp becomes MLflow str(datetime); known keys that are null round-trip', () => {
    const m = parseMlmodel('flavors: {f: {}}\nutc_time_created: 2024-01-31 12:34:56.5\nmodel_id: null\nmodel_uuid: null\n');
    expect(m.utcTimeCreated).toBe('2024-01-31 12:34:56.500000');
    expect(m.extra).toEqual({ model_id: null, model_uuid: null });
    expect(serializeMlmodel(m)).toBe("flavors:\n  f: {}\nmodel_id: null\nmodel_uuid: null\nutc_time_created: '2024-01-31 12:34:56.500000'\n");
  });
});

test('property: serialize then parse returns the model (seeded)', () => {
  const text = fc.string({ maxLength: 30 });
  const plain = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(text, tie('v'), { maxKeys: 3 })),
  })).v;
  const model: fc.Arbitrary<MlModel> = fc.record(
    {
      flavors: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.dictionary(text, plain, { maxKeys: 4 }), { minKeys: 1, maxKeys: 3 }),
      runId: fc.uuid().map((u) => u.replace(/-/g, '')),
      artifactPath: text,
      utcTimeCreated: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => utcTimeCreatedNow(d)),
      mlflowVersion: fc.constantFrom('1.26.1', '2.3.1', '3.6.0'),
      modelSizeBytes: fc.nat(),
      metadata: fc.dictionary(text, plain, { maxKeys: 3 }),
      signature: fc.constant(inferSignature([{ x: 1.5, name: 'a', flag: true }], [1, 2], { temperature: 0.5, k: [1, 2] })),
      extra: fc.dictionary(fc.constantFrom('prompts', 'env_vars', 'resources', 'custom'), plain, { maxKeys: 2 }),
    },
    { requiredKeys: ['flavors', 'extra'] },
  );
  fc.assert(
    fc.property(model, (m) => {
      expect(parseMlmodel(serializeMlmodel(m))).toEqual(m);
    }),
    { seed: 424242, numRuns: 200 },
  );
});

test('serialize refuses a model MLflow could not read back', () => {
  expectMlflowError(() => serializeMlmodel({ flavors: {}, signature: { inputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'floaty', shape: [-1] } }] }, extra: {} }), /'signature\.inputs': data type 'floaty' not understood/);
  const notAMapping: unknown = [];
  expectMlflowError(() => serializeMlmodel({ flavors: { onnx: notAMapping as Record<string, unknown> }, extra: {} }), /'flavors\.onnx'/);
});
