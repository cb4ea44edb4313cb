// Finding the store in a tree and sorting its files, locating artifact roots written on other
// machines, and the rule that decides which metric points of a file are new.
import { describe, expect, test } from 'vitest';
import { foldersOf, locateArtifactUri } from '../../../src/domain/mlruns/artifact-locations';
import { findStoreRoot, layoutOf } from '../../../src/domain/mlruns/layout';
import { newMetricPoints } from '../../../src/domain/mlruns/metric-merge';

const R = '0123456789abcdef0123456789abcdef';

describe('findStoreRoot', () => {
  test('the shallowest folder holding <id>/meta.yaml, .trash/<id>/meta.yaml or models/<name>/meta.yaml', () => {
    expect(findStoreRoot(['0/meta.yaml', `0/${R}/meta.yaml`])).toBe('');
    expect(findStoreRoot(['mlruns/0/meta.yaml', 'mlruns/mlruns/0/meta.yaml'])).toBe('mlruns');
    expect(findStoreRoot(['export/mlruns/.trash/5/meta.yaml', 'export/artifacts/x'])).toBe('export/mlruns');
    expect(findStoreRoot(['store/models/churn/meta.yaml', 'store/models/churn/version-1/meta.yaml'])).toBe('store');
  });

  test('none, or two side by side, is an error', () => {
    expect(() => findStoreRoot(['a/b.txt'])).toThrow(/No MLflow store found/);
    expect(() => findStoreRoot(['a/0/meta.yaml', 'b/0/meta.yaml'])).toThrow(/Several MLflow stores/);
  });
});

describe('layoutOf', () => {
  test('entities, nested keys, MLflow 3 folders, stray and outside files', () => {
    const layout = layoutOf([
      'mlruns/0/meta.yaml',
      'mlruns/0/tags/team',
      `mlruns/0/${R}/meta.yaml`,
      `mlruns/0/${R}/metrics/loss/train`,
      `mlruns/0/${R}/params/lr`,
      `mlruns/0/${R}/artifacts/model/MLmodel`,
      `mlruns/0/${R}/inputs/abc/meta.yaml`,
      `mlruns/0/${R}/outputs/m-1/meta.yaml`,
      'mlruns/0/datasets/d1/meta.yaml',
      'mlruns/0/models/m-1/meta.yaml',
      'mlruns/0/models/m-1/metrics/mse',
      'mlruns/0/not-a-run/file.txt',
      'mlruns/models/churn/meta.yaml',
      'mlruns/models/churn/aliases/champion',
      'mlruns/models/churn/version-2/meta.yaml',
      'mlruns/models/churn/version-2/tags/k',
      'mlruns/mlruns/0/meta.yaml',
      'mlruns/.DS_Store',
      'artifacts/x/y',
    ]);
    expect(layout.root).toBe('mlruns');
    expect(layout.top).toBe('');
    const [exp] = layout.experiments;
    expect(exp).toMatchObject({ id: '0', trashed: false, meta: 'mlruns/0/meta.yaml', tags: [{ key: 'team', path: 'mlruns/0/tags/team' }] });
    expect(exp!.runs[0]).toMatchObject({ id: R, metrics: [{ key: 'loss/train' }], params: [{ key: 'lr' }], artifacts: [{ key: 'model/MLmodel' }], inputs: [{ key: 'abc' }], outputs: [{ key: 'm-1' }] });
    expect(exp!.datasets).toEqual([{ key: 'd1', path: 'mlruns/0/datasets/d1/meta.yaml' }]);
    expect(exp!.loggedModels).toEqual([{ id: 'm-1', dir: 'mlruns/0/models/m-1', meta: 'mlruns/0/models/m-1/meta.yaml', artifacts: [], ownFiles: 1 }]);
    expect(layout.registeredModels[0]).toMatchObject({ name: 'churn', aliases: [{ key: 'champion' }], versions: [{ folder: 'version-2', tags: [{ key: 'k' }] }] });
    expect(layout.stray).toEqual([
      { path: 'mlruns/0/not-a-run', files: 1, why: 'a folder in an experiment without a meta.yaml, so not a run (MLflow skips it too)' },
      { path: 'mlruns/mlruns', files: 1, why: 'a second MLflow store nested inside this one (not part of it)' },
    ]);
    expect(layout.outside).toEqual(['artifacts/x/y']);
  });
});

describe('locateArtifactUri', () => {
  const places = (paths: string[], root = 'mlruns', top = '') => ({ root, top, folders: foldersOf(paths) });

  test('a local path from another machine matches by its longest tail', () => {
    const tree = places(['mlruns/1/r1/artifacts/a.txt', 'ext_root/r2/artifacts/b.txt']);
    expect(locateArtifactUri('file:///opt/mlflow/mlruns/1/r1/artifacts', tree, 2)).toBe('mlruns/1/r1/artifacts');
    expect(locateArtifactUri('file:///C:/Users/me/proj/ext_root/r2/artifacts', tree, 2)).toBe('ext_root/r2/artifacts');
    expect(locateArtifactUri('C:\\Users\\me\\ext_root\\r2\\artifacts', tree, 2)).toBe('ext_root/r2/artifacts');
    expect(locateArtifactUri('./mlruns/1/r1/artifacts', tree, 2)).toBe('mlruns/1/r1/artifacts');
    expect(locateArtifactUri('file:///elsewhere/r3/artifacts', tree, 2)).toBeNull();
  });

  test('mlflow-artifacts: is the server store beside mlruns/; remote URIs are never in the tree', () => {
    const tree = places(['mlartifacts/0/r1/artifacts/a.txt', 'mlruns/0/meta.yaml']);
    expect(locateArtifactUri('mlflow-artifacts:/0/r1/artifacts', tree, 2)).toBe('mlartifacts/0/r1/artifacts');
    expect(locateArtifactUri('mlflow-artifacts://host:5000/0/r1/artifacts', tree, 2)).toBe('mlartifacts/0/r1/artifacts');
    expect(locateArtifactUri('s3://bucket/mlartifacts/0/r1/artifacts', tree, 2)).toBeNull();
  });

  test('percent-encoded file URIs are decoded', () => {
    expect(locateArtifactUri('file:///home/me/my%20runs/r1/artifacts', places(['my runs/r1/artifacts/x']), 2)).toBe('my runs/r1/artifacts');
  });
});

describe('newMetricPoints', () => {
  const cols = (...points: Array<[number, number, number]>) => ({
    steps: Float64Array.from(points, (p) => p[0]),
    timestamps: Float64Array.from(points, (p) => p[1]),
    values: Float64Array.from(points, (p) => p[2]),
  });
  const rows = (c: { steps: Float64Array; timestamps: Float64Array; values: Float64Array }) => Array.from(c.values, (v, i) => [c.steps[i], c.timestamps[i], v]);

  test('nothing stored: all; stored is a prefix: the rest; the same file: nothing', () => {
    const file = cols([0, 10, 0.5], [1, 11, NaN], [2, 12, 0.25]);
    expect(newMetricPoints(null, file).rule).toBe('all');
    const after = newMetricPoints(cols([0, 10, 0.5], [1, 11, NaN]), file);
    expect(after.rule).toBe('after-prefix');
    expect(rows(after.points)).toEqual([[2, 12, 0.25]]);
    expect(newMetricPoints(file, file).points.values.length).toBe(0);
  });

  test('diverged histories: each file point not stored yet, counted with multiplicity, in file order', () => {
    const stored = cols([5, 50, 9], [0, 10, 0.5], [0, 10, 0.5]);
    const file = cols([0, 10, 0.5], [0, 10, 0.5], [0, 10, 0.5], [1, 11, 0.4]);
    const out = newMetricPoints(stored, file);
    expect(out.rule).toBe('not-stored');
    expect(rows(out.points)).toEqual([[0, 10, 0.5], [1, 11, 0.4]]);
  });
});
