// The run page's model list and the model page's address.
import { describe, expect, test } from 'vitest';
import { historyModels, mergeModels } from '../../src/features/models/logged-models';
import { artifactPathFromParam, modelHref, panelOf } from '../../src/features/models/model-route';

describe('logged models', () => {
  test('the history tag lists each path once, newest entry winning', () => {
    const tag = JSON.stringify([
      { artifact_path: 'model', flavors: { onnx: {}, python_function: {} }, utc_time_created: '2025-01-01 00:00:00.000000' },
      { artifact_path: 'mlflow-artifacts:/0/models/m-1/artifacts', flavors: { sklearn: {} } },
      { artifact_path: 'other', flavors: { sklearn: {} } },
      { artifact_path: 'model', flavors: { onnx: {} }, utc_time_created: '2025-02-01 00:00:00.000000' },
      'junk',
    ]);
    expect(historyModels(tag)).toEqual([
      { artifactPath: 'other', flavors: ['sklearn'] },
      { artifactPath: 'model', flavors: ['onnx'], utcTimeCreated: '2025-02-01 00:00:00.000000' },
    ]);
  });

  test('an unreadable tag lists nothing', () => {
    expect(historyModels('[{"artifact_path": "m"')).toEqual([]);
    expect(historyModels('{}')).toEqual([]);
    expect(historyModels(undefined)).toEqual([]);
  });

  test('only found folders are listed; history adds their flavors', () => {
    const merged = mergeModels([{ artifactPath: 'b', flavors: ['sklearn'] }, { artifactPath: 'a', flavors: [] }], [{ artifactPath: 'a', flavors: ['onnx'] }, { artifactPath: 'gone', flavors: ['onnx'] }]);
    expect(merged).toEqual([{ artifactPath: 'a', flavors: ['onnx'] }, { artifactPath: 'b', flavors: ['sklearn'] }]);
  });
});

describe('model page address', () => {
  test('paths are encoded per segment and decoded back', () => {
    const path = 'models/wine v2/50%#?';
    const href = modelHref('abc', path, 'try');
    expect(href).toBe('/runs/abc/model/models/wine%20v2/50%25%23%3F?panel=try');
    const splat = href.slice('/runs/abc/model/'.length, href.indexOf('?'));
    expect(artifactPathFromParam(splat)).toBe(path);
    expect(artifactPathFromParam('bad%E0%A4%A/x')).toBe('bad%E0%A4%A/x');
  });

  test('unknown panels open the overview', () => {
    expect(panelOf('batch')).toBe('batch');
    expect(panelOf('nope')).toBe('overview');
    expect(panelOf(undefined)).toBe('overview');
    expect(modelHref('abc', 'm')).toBe('/runs/abc/model/m');
  });
});
