// The pure pieces of the mlruns export: Python float text, metric lines, md5 ids, layout paths,
// meta dicts and the storage-location rewrite.
import { describe, expect, test } from 'vitest';
import { experimentDir, exportedStorageLocation, keyFile, modelDir, registryNameProblem, runArtifactUri, runDir } from '../../../src/domain/mlruns/export-layout';
import { md5Hex } from '../../../src/domain/mlruns/export-md5';
import { deletedVersionMeta, metaYaml, modelVersionMeta, registeredModelMeta, runMeta } from '../../../src/domain/mlruns/export-meta';
import { floatText, intText, metricLines } from '../../../src/domain/mlruns/export-metric-lines';
import { shouldDeflate } from '../../../src/domain/mlruns/export-compression';

describe('floatText is repr(float)', () => {
  test.each([
    [0.5, '0.5'], [1, '1.0'], [-3, '-3.0'], [0, '0.0'], [-0, '-0.0'], [Number.NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf'],
    [1e-5, '1e-05'], [0.0001, '0.0001'], [0.00012, '0.00012'], [1e16, '1e+16'], [9999999999999998, '9999999999999998.0'],
    [1e15, '1000000000000000.0'], [123456789.125, '123456789.125'], [1 / 3, '0.3333333333333333'], [2.5e-10, '2.5e-10'],
    [1.7976931348623157e308, '1.7976931348623157e+308'], [5e-324, '5e-324'], [-1.5e22, '-1.5e+22'], [0.1 + 0.2, '0.30000000000000004'],
  ])('%s -> %s', (x, text) => expect(floatText(x)).toBe(text));

  test('ints stay ints, also past 2^53 and negative', () => {
    expect(intText(1_700_000_000_000)).toBe('1700000000000');
    expect(intText(-5)).toBe('-5');
    expect(intText(2 ** 60)).toBe('1152921504606846976');
  });

  test('metric lines: "timestamp value step\\n" for a range of points', () => {
    const cols = { timestamps: Float64Array.of(10, 11, 12), values: Float64Array.of(1, Number.NaN, 0.25), steps: Float64Array.of(-1, 0, 7) };
    expect(metricLines(cols)).toBe('10 1.0 -1\n11 nan 0\n12 0.25 7\n');
    expect(metricLines(cols, 1, 2)).toBe('11 nan 0\n');
  });
});

test('md5 matches known digests (and so MLflow\'s dataset / input ids)', () => {
  expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
  expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
  expect(md5Hex('a'.repeat(1000))).toBe('cabe45dcc9ae5b66ba86600cca6b8ba8');
  expect(md5Hex('\u00e9')).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f'); // UTF-8 bytes, as Python's .encode('utf-8')
});

describe('layout', () => {
  test('folders of experiments, deleted experiments, runs and keys', () => {
    expect(experimentDir('12', false)).toBe('mlruns/12');
    expect(experimentDir('12', true)).toBe('mlruns/.trash/12');
    expect(runDir('mlruns/12', 'abc')).toBe('mlruns/12/abc');
    expect(keyFile('d/metrics', 'loss/train')).toBe('d/metrics/loss/train');
    expect(runArtifactUri('12', 'abc')).toBe('./mlruns/12/abc/artifacts');
  });

  test('names that would climb out of their folder or collide with MLflow\'s own folders are refused', () => {
    expect(() => keyFile('d', 'a/../b')).toThrow(/not usable/);
    expect(() => keyFile('d', '/abs')).toThrow(/not usable/);
    expect(() => experimentDir('.trash', false)).toThrow(/reserves/);
    expect(() => experimentDir('models', false)).toThrow(/reserves/);
    expect(() => runDir('mlruns/1', 'tags')).toThrow(/reserves/);
    expect(() => experimentDir('a/b', false)).toThrow(/not usable/);
    expect(registryNameProblem('a/b')).toMatch(/path separator/);
    expect(registryNameProblem('50%')).toMatch(/%/);
    expect(registryNameProblem('churn model v2')).toBeUndefined();
    expect(() => modelDir('a/b')).toThrow(/path separator/);
  });

  test('storage locations inside exported runs point at their exported artifacts; others stay', () => {
    const exp = (id: string) => (id === 'r1' ? '7' : undefined);
    expect(exportedStorageLocation('mlflow-artifacts:/3/r1/artifacts/model', exp)).toBe('./mlruns/7/r1/artifacts/model');
    expect(exportedStorageLocation('mlflow-artifacts:/3/r1/artifacts', exp)).toBe('./mlruns/7/r1/artifacts');
    expect(exportedStorageLocation('mlflow-artifacts:/3/r2/artifacts/model', exp)).toBe('mlflow-artifacts:/3/r2/artifacts/model');
    expect(exportedStorageLocation('runs:/r1/model', exp)).toBe('runs:/r1/model');
    expect(exportedStorageLocation('s3://b/m', exp)).toBe('s3://b/m');
  });
});

describe('meta dicts', () => {
  test('a registered model: MLflow 3\'s keys, aliases as {alias: version}; user_id only when Orchard knows it', () => {
    const m = { name: 'm', userId: '', creationTimestamp: 1, lastUpdatedTimestamp: 2, description: '', aliases: [{ alias: 'champion', version: '3' }] };
    expect(metaYaml(registeredModelMeta(m))).toBe(
      "aliases:\n  champion: '3'\ncreation_timestamp: 1\ndeployment_job_id: null\ndeployment_job_state: null\ndescription: ''\nlast_updated_timestamp: 2\nname: m\n",
    );
    expect(registeredModelMeta({ ...m, userId: 'ana' }).user_id).toBe('ana');
  });

  test('a deleted version keeps its number as Deleted_Internal', () => {
    expect(deletedVersionMeta('m', 4, 1, 2)).toMatchObject({ name: 'm', version: 4, current_stage: 'Deleted_Internal', creation_timestamp: 1, last_updated_timestamp: 2 });
  });

  test('a run: FileStore\'s persisted run info, None as null', () => {
    const info = { runId: 'r', runName: 'n', experimentId: '0', userId: 'u', status: 'KILLED' as const, startTime: 1, endTime: null, artifactUri: 'x', lifecycleStage: 'active' as const };
    expect(metaYaml(runMeta(info, './mlruns/0/r/artifacts', null))).toBe(
      "artifact_uri: ./mlruns/0/r/artifacts\ndeleted_time: null\nend_time: null\nentry_point_name: ''\nexperiment_id: '0'\nlifecycle_stage: active\n" +
        "run_id: r\nrun_name: n\nrun_uuid: r\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1\nstatus: 5\ntags: []\nuser_id: u\n",
    );
  });

  test('a model version: empty status message and user become None, version an int', () => {
    const text = metaYaml(
      modelVersionMeta({ name: 'm', version: 2, creationTimestamp: 1, lastUpdatedTimestamp: 2, currentStage: 'None', description: '', source: 's', storageLocation: 's', runId: '', runLink: '', status: 'READY', statusMessage: '', userId: '', aliases: [] }),
    );
    expect(text).toBe(
      "aliases: []\ncreation_timestamp: 1\ncurrent_stage: None\ndeployment_job_state: null\ndescription: ''\nlast_updated_timestamp: 2\nmetrics: null\n" +
        "model_id: null\nname: m\nparams: null\nrun_id: ''\nrun_link: ''\nsource: s\nstatus: READY\nstatus_message: null\nstorage_location: s\nuser_id: null\nversion: 2\n",
    );
  });
});

test('already-compressed formats are stored, not deflated', () => {
  expect(shouldDeflate('plots/a.PNG')).toBe(false);
  expect(shouldDeflate('data/x.parquet')).toBe(false);
  expect(shouldDeflate('model/model.onnx')).toBe(true);
  expect(shouldDeflate('model/MLmodel')).toBe(true);
  expect(shouldDeflate('.gz')).toBe(true);
});

test('meta.yaml text is yaml.safe_dump(..., allow_unicode=True): non-ASCII raw, folded at 80 columns, BOM escaped', () => {
  // Expected text produced by PyYAML 6.0.3.
  const d = {
    name: 'Äpfel & Birnen: 苹果 🍎',
    a: 'ünïcødé but starts with: colon',
    c: 'tab\there é',
    d: 'Ein Modell für Äpfel — das über achtzig Spalten lang ist, damit PyYAML die Zeile umbricht, 苹果 🍎 und so weiter',
    e: '\ufeffbom',
    f: 'nbsp\u00a0x',
  };
  expect(metaYaml(d)).toBe(
    "a: 'ünïcødé but starts with: colon'\nc: \"tab\\there é\"\nd: Ein Modell für Äpfel — das über achtzig Spalten lang ist, damit PyYAML die Zeile\n" +
      "  umbricht, 苹果 🍎 und so weiter\ne: \"\\uFEFFbom\"\nf: nbsp\u00a0x\nname: 'Äpfel & Birnen: 苹果 🍎'\n",
  );
});
