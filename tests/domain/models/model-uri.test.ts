// Model URIs, after MLflow's tests/store/artifact/utils/test_model_utils.py cases for
// _parse_model_uri and runs_artifact_repo's parse_runs_uri, plus traversal attempts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { formatModelUri, MODEL_STAGES, parseModelUri, type ModelUri } from '../../../src/domain/models';

function refusal(uri: string): string {
  try {
    parseModelUri(uri);
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    expect((e as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE');
    return (e as MlflowError).message;
  }
  throw new Error(`expected ${uri} to be refused`);
}

describe('parseModelUri', () => {
  test.each<[string, ModelUri]>([
    ['models:/AdsModel1/0', { kind: 'models', name: 'AdsModel1', version: '0' }],
    ['models:/Ads Model 1/12345', { kind: 'models', name: 'Ads Model 1', version: '12345' }],
    ['models:/12345/67890', { kind: 'models', name: '12345', version: '67890' }],
    ['models:/AdsModel1/Production', { kind: 'models', name: 'AdsModel1', stage: 'Production' }],
    ['models:/AdsModel1/production', { kind: 'models', name: 'AdsModel1', stage: 'Production' }],
    ['models:/Ads Model 1/None', { kind: 'models', name: 'Ads Model 1', stage: 'None' }],
    ['models:/AdsModel1/latest', { kind: 'models', name: 'AdsModel1', latest: true }],
    ['models:/AdsModel1/LATEST', { kind: 'models', name: 'AdsModel1', latest: true }],
    ['models:/AdsModel1@Champion', { kind: 'models', name: 'AdsModel1', alias: 'Champion' }],
    ['models:/Ads Model 1@challenger', { kind: 'models', name: 'Ads Model 1', alias: 'challenger' }],
    ['models:/a@b@c', { kind: 'models', name: 'a@b', alias: 'c' }],
    ['models:/m-a5cccd9e3cb44c5181b06e453365630e', { kind: 'logged-model', modelId: 'm-a5cccd9e3cb44c5181b06e453365630e' }],
    ['models:///AdsModel1/3', { kind: 'models', name: 'AdsModel1', version: '3' }],
    ['MODELS:/AdsModel1/3?ignored=1', { kind: 'models', name: 'AdsModel1', version: '3' }],
    ['runs:/1234abcdf1394asdfwer33/path/to/model', { kind: 'runs', runId: '1234abcdf1394asdfwer33', path: 'path/to/model' }],
    ['runs:/1234abcdf1394asdfwer33', { kind: 'runs', runId: '1234abcdf1394asdfwer33', path: '' }],
    ['runs:/1234abcdf1394asdfwer33/', { kind: 'runs', runId: '1234abcdf1394asdfwer33', path: '' }],
    ['runs:/5445e5d5ab4d4ba7b31f5000b6483c1b/model#fragment', { kind: 'runs', runId: '5445e5d5ab4d4ba7b31f5000b6483c1b', path: 'model' }],
  ])('%s', (uri, parsed) => expect(parseModelUri(uri)).toEqual(parsed));

  test.each([
    ['notmodels:/NameOfModel/12345', /^Unsupported model URI/],
    ['models:/', /^Not a proper models:\/ URI: models:\/\. Models URIs must be of the form 'models:\/model_name\/suffix' or 'models:\/model_name@alias'/],
    ['models:NameOfModel/12345', /^Not a proper models:\/ URI/],
    ['models:/NameOfModel/12345/0', /^Not a proper models:\/ URI/],
    ['models:/NameOfModel/', /^Not a proper models:\/ URI/],
    ['models:/ /Production', /^Not a proper models:\/ URI/],
    ['models:/NameOfModel@', /^Not a proper models:\/ URI/],
    ['models:/@alias', /^Not a proper models:\/ URI/],
    ['models://profile/NameOfModel/1', /remote registry/],
    ['models:/NameOfModel/Stagign', /^Invalid Model Version stage: Stagign\. Value must be one of None, Staging, Production, Archived\.$/],
    ['runs:/', /^Not a proper runs:\/ URI: runs:\/\. Runs URIs must be of the form 'runs:\/<run_id>\/run-relative\/path\/to\/artifact'$/],
    ['runs://calibrated_deployed_model', /^Not a proper runs:\/ URI.*remote tracking server/],
    ['runs:abc/model', /^Not a proper runs:\/ URI/],
    ['runs:/abc/../../etc/passwd', /Invalid artifact path: '\.\.\/\.\.\/etc\/passwd'\. It must not contain '\.\.'/],
    ['runs:/abc/model/%2e%2e/x', /Percent-encoded dots/],
    ['runs:/../model', /the run id '\.\.' is not allowed/],
    ['runs:/%2e%2e/model', /the run id '%2e%2e' is not allowed/],
    ['models:/../1', /the model name '\.\.' is not allowed/],
    ['models:/%2E%2E/Production', /the model name '%2E%2E' is not allowed/],
    ['models:/a%2Fb@x', /the model name 'a%2Fb' is not allowed/],
    ['models:/..', /the model id '\.\.' is not allowed/],
  ])('%s is refused', (uri, message) => expect(refusal(uri)).toMatch(message));

  test('MODEL_STAGES are MLflow ALL_STAGES', () => expect(MODEL_STAGES).toEqual(['None', 'Staging', 'Production', 'Archived']));
});

describe('formatModelUri', () => {
  test.each<[ModelUri, string]>([
    [{ kind: 'runs', runId: 'abc', path: 'model' }, 'runs:/abc/model'],
    [{ kind: 'runs', runId: 'abc', path: '' }, 'runs:/abc'],
    [{ kind: 'models', name: 'churn', version: '3' }, 'models:/churn/3'],
    [{ kind: 'models', name: 'churn', stage: 'Staging' }, 'models:/churn/Staging'],
    [{ kind: 'models', name: 'churn', alias: 'champion' }, 'models:/churn@champion'],
    [{ kind: 'models', name: 'churn', latest: true }, 'models:/churn/latest'],
    [{ kind: 'logged-model', modelId: 'm-1' }, 'models:/m-1'],
  ])('%j', (uri, text) => expect(formatModelUri(uri)).toBe(text));

  test.each<ModelUri>([
    { kind: 'models', name: 'churn' },
    { kind: 'models', name: 'churn', version: '1', alias: 'x' },
    { kind: 'models', name: 'a/b', version: '1' },
    { kind: 'models', name: 'churn', version: 'one' },
    { kind: 'runs', runId: 'abc', path: '../x' },
  ])('%j is refused', (uri) => expect(() => formatModelUri(uri)).toThrow(MlflowError));

  test('property: format then parse returns the URI (seeded)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9 _-]{0,20}$/);
    const uri: fc.Arbitrary<ModelUri> = fc.oneof(
      fc.record({ kind: fc.constant('runs' as const), runId: fc.stringMatching(/^[0-9a-f]{32}$/), path: fc.constantFrom('', 'model', 'a/b/c.onnx') }),
      fc.record({ kind: fc.constant('models' as const), name, version: fc.nat().map(String) }),
      fc.record({ kind: fc.constant('models' as const), name, stage: fc.constantFrom(...MODEL_STAGES) }),
      fc.record({ kind: fc.constant('models' as const), name, alias: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/) }),
    );
    fc.assert(
      fc.property(uri, (u) => {
        expect(parseModelUri(formatModelUri(u))).toEqual(u);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
