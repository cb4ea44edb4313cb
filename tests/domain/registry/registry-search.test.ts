// The registered-model and model-version filter grammars: MLflow's dialect refuses exactly what
// SearchModelUtils / SearchModelVersionUtils and the SQL store refuse, with their messages; the
// orchard dialect adds OR / NOT / parentheses / IN / IS NULL on tags and a few attributes.
import { describe, expect, test } from 'vitest';
import {
  compareModelVersionsBy,
  compareRegisteredModelsBy,
  compileModelVersionFilter,
  compileRegisteredModelFilter,
  parseModelVersionFilter,
  parseModelVersionOrderBy,
  parseRegisteredModelFilter,
  parseRegisteredModelOrderBy,
  type SearchableModel,
  type SearchableVersion,
} from '../../../src/domain/registry';
import { errorOf } from '../search/fixtures';

const mlflow = { dialect: 'mlflow' as const };

const model = (name: string, tags: Record<string, string> = {}, t = 0): SearchableModel => ({ name, tags, creationTimestamp: t, lastUpdatedTimestamp: t });
const version = (name: string, v: number, extra: Partial<SearchableVersion> = {}): SearchableVersion => ({
  name,
  version: v,
  runId: '',
  source: `s3://b/${name}/${v}`,
  currentStage: 'None',
  creationTimestamp: v,
  lastUpdatedTimestamp: v,
  tags: {},
  ...extra,
});

describe('registered model filters', () => {
  const models = [model('alpha', { team: 'vision' }, 3), model('Beta', { team: 'nlp', tier: 'gold' }, 1), model('gamma', {}, 2), model('p', { 'mlflow.prompt.is_prompt': 'true' }, 4)];
  const names = (filter: string, dialect: 'mlflow' | 'orchard' = 'mlflow') =>
    models.filter(compileRegisteredModelFilter(parseRegisteredModelFilter(filter, { dialect }))).map((m) => m.name);

  test.each([
    ["name = 'alpha'", ['alpha']],
    ["attribute.name = 'alpha'", ['alpha']],
    ["name LIKE 'a%'", ['alpha']],
    ["name ILIKE 'B%'", ['Beta']],
    ["name != 'alpha'", ['Beta', 'gamma']],
    ["tags.team = 'nlp'", ['Beta']],
    ["tag.team ILIKE '%VISION%'", ['alpha']],
    ["tags.`team` != 'nlp'", ['alpha']],
    ["tags.team = 'nlp' AND tags.tier = 'gold'", ['Beta']],
    ["name = \"alpha\"", ['alpha']],
    ["tags.`mlflow.prompt.is_prompt` = 'true'", ['p']],
    ["tags.`mlflow.prompt.is_prompt` != 'true'", ['alpha', 'Beta', 'gamma']],
  ])('mlflow: %s', (filter, expected) => expect(names(filter)).toEqual(expected));

  test.each([
    ["name = 'alpha' OR tags.tier = 'gold'", ['alpha', 'Beta']],
    ["NOT (name = 'alpha')", ['Beta', 'gamma']],
    ["name IN ('alpha', 'gamma')", ['alpha', 'gamma']],
    ["name NOT IN ('alpha')", ['Beta', 'gamma']],
    ['tags.tier IS NOT NULL', ['Beta']],
    ["attribute.`name` = 'alpha'", ['alpha']],
  ])('orchard: %s', (filter, expected) => expect(names(filter, 'orchard')).toEqual(expected));

  test.each([
    ["run_id = 'x'", "Invalid attribute key 'run_id' specified. Valid keys are '{'name'}'"],
    ["attribute.`name` = 'x'", "Invalid attribute key '`name`' specified. Valid keys are '{'name'}'"],
    ["foo.bar = 'x'", "Invalid entity type 'foo'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ["tags.k > 'v'", 'Invalid comparator for tag: >'],
    ["name >= 'v'", 'Invalid comparator for attribute: >='],
    ["name == 'v'", 'Invalid comparator for attribute: =='],
    ['name = 5', 'Expected a quoted string value or a list of quoted string values for attributes. Got value 5'],
    ['tags.k = 5', "Expected a quoted string value for tag (e.g. 'my-value'). Got value 5"],
    ["name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ["name = 'a' OR name = 'b'", "Invalid clause(s) in filter string: 'OR'"],
    ['tags.k IS NULL', "Invalid clause(s) in filter string: 'IS NULL'"],
    ['creation_timestamp > 5', "Invalid attribute key 'creation_timestamp' specified. Valid keys are '{'name'}'"],
    ['name = alpha', 'Parameter value is either not quoted or unidentified quote types used for string value alpha. Use either single or double quotes.'],
  ])('mlflow refuses %s', (filter, message) => {
    const err = errorOf(() => parseRegisteredModelFilter(filter, mlflow));
    expect(err.errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect(err.message).toBe(message);
    expect(err.location).toBeDefined();
  });

  test('the orchard dialect keeps MLflow\'s attribute keys', () => {
    expect(errorOf(() => parseRegisteredModelFilter('creation_timestamp > 0')).message).toBe("Invalid attribute key 'creation_timestamp' specified. Valid keys are '{'name'}'");
  });

  test('order_by: name / timestamp / last_updated_timestamp, name ASC breaks ties', () => {
    const sorted = (orderBy: string[]) => [...models].sort(compareRegisteredModelsBy(parseRegisteredModelOrderBy(orderBy))).map((m) => m.name);
    expect(sorted([])).toEqual(['Beta', 'alpha', 'gamma', 'p']);
    expect(sorted(['name DESC'])).toEqual(['p', 'gamma', 'alpha', 'Beta']);
    expect(sorted(['timestamp DESC'])).toEqual(['p', 'alpha', 'gamma', 'Beta']);
    expect(sorted(['last_updated_timestamp ASC'])).toEqual(['Beta', 'gamma', 'alpha', 'p']);
    expect(sorted(['creation_timestamp'])).toEqual(['Beta', 'gamma', 'alpha', 'p']);
    expect(parseRegisteredModelOrderBy(['`name` desc'])).toEqual([{ key: 'name', ascending: false }]);
    expect(errorOf(() => parseRegisteredModelOrderBy(['creation_timestamp'], mlflow)).message).toBe("Invalid order by key 'creation_timestamp' specified. Valid keys are '{'name', 'timestamp'}'");
    expect(errorOf(() => parseRegisteredModelOrderBy(['attribute.name'])).message).toMatch(/Invalid order by key 'attribute.name'/);
    expect(errorOf(() => parseRegisteredModelOrderBy(['name sideways'])).message).toBe("Invalid ordering key in order_by clause 'name sideways'.");
    const dup = errorOf(() => parseRegisteredModelOrderBy(['name', 'name DESC']));
    expect([dup.errorCode, dup.message]).toEqual(['INTERNAL_ERROR', "`order_by` contains duplicate fields: ['name', 'name DESC']"]);
  });
});

describe('model version filters', () => {
  const runA = 'a'.repeat(32);
  const versions = [
    version('m1', 1, { runId: runA, tags: { k: 'v' } }),
    version('m1', 2, { currentStage: 'Production' }),
    version('m2', 1, { runId: runA, source: 'runs:/x/model' }),
    version('m2', 10, { tags: { 'mlflow.prompt.is_prompt': 'true' } }),
  ];
  const ids = (filter: string, dialect: 'mlflow' | 'orchard' = 'mlflow') =>
    versions.filter(compileModelVersionFilter(parseModelVersionFilter(filter, { dialect }))).map((v) => `${v.name}/${v.version}`);

  test.each([
    ["name = 'm1'", ['m1/1', 'm1/2']],
    ['version_number > 1', ['m1/2']],
    ['version_number = 1.0', ['m1/1', 'm2/1']],
    [`run_id = '${runA}'`, ['m1/1', 'm2/1']],
    [`run_id IN ('${runA}', 'B')`, ['m1/1', 'm2/1']],
    [`run_id IN ('${runA.toUpperCase()}')`, []],
    ["source_path LIKE 'runs:/%'", ['m2/1']],
    ["tags.k = 'v'", ['m1/1']],
    ["name = 'm1' AND version_number <= 1", ['m1/1']],
    ["tags.`mlflow.prompt.is_prompt` = 'true'", ['m2/10']],
  ])('mlflow: %s', (filter, expected) => expect(ids(filter)).toEqual(expected));

  test.each([
    ["current_stage = 'Production'", ['m1/2']],
    ["name = 'm2' OR version_number = 2", ['m1/2', 'm2/1']],
    ["NOT name = 'm1'", ['m2/1']],
    ['version_number IN (1, 2)', ['m1/1', 'm1/2', 'm2/1']],
    ['tags.k IS NULL', ['m1/2', 'm2/1']],
  ])('orchard: %s', (filter, expected) => expect(ids(filter, 'orchard')).toEqual(expected));

  test.each([
    ["stage = 'x'", "Invalid attribute key 'stage' specified. Valid keys are '{'name', 'run_id', 'source_path', 'version_number'}'"],
    ["current_stage = 'None'", "Invalid attribute key 'current_stage' specified. Valid keys are '{'name', 'run_id', 'source_path', 'version_number'}'"],
    ['name = 5', "Only the '{'creation_timestamp', 'last_updated_timestamp', 'version_number'}' attributes support comparison with numeric values."],
    ['version_number LIKE 1', 'Invalid comparator for attribute version_number: LIKE'],
    ["run_id NOT IN ('a')", 'Invalid comparator for attribute: NOT IN'],
    ["name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ["name != 'a' OR name = 'b'", "Invalid clause(s) in filter string: 'OR'"],
    ["tags.k < 'v'", 'Invalid comparator for tag: <'],
    ["tags.k IN ('v')", "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('v')"],
    ["version_number = 'x'", 'Expected numeric value type for numeric attribute: version_number. Found \'x\''],
  ])('mlflow refuses %s', (filter, message) => {
    const err = errorOf(() => parseModelVersionFilter(filter, mlflow));
    expect(err.errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect(err.message).toBe(message);
  });

  test('order_by: default last_updated DESC, name ASC, version DESC; tie-breaks appended', () => {
    const sorted = (orderBy?: string[]) => [...versions].sort(compareModelVersionsBy(parseModelVersionOrderBy(orderBy))).map((v) => `${v.name}/${v.version}`);
    expect(sorted()).toEqual(['m2/10', 'm1/2', 'm1/1', 'm2/1']);
    expect(sorted(['name'])).toEqual(['m1/2', 'm1/1', 'm2/10', 'm2/1']);
    expect(sorted(['version_number ASC'])).toEqual(['m1/1', 'm2/1', 'm1/2', 'm2/10']);
    expect(sorted(['attribute.creation_timestamp DESC', 'name'])).toEqual(['m2/10', 'm1/2', 'm1/1', 'm2/1']);
    expect(parseModelVersionOrderBy(['name'])).toEqual([{ key: 'name', ascending: true }, { key: 'version_number', ascending: false }]);
    expect(errorOf(() => parseModelVersionOrderBy(['tags.k'])).message).toBe('Invalid order_by entity: tag');
    expect(errorOf(() => parseModelVersionOrderBy(['run_id'])).message).toBe(
      "Invalid attribute key 'run_id' specified. Valid keys are '{'creation_timestamp', 'last_updated_timestamp', 'name', 'version_number'}'",
    );
    expect(errorOf(() => parseModelVersionOrderBy(['version_number', 'version_number DESC'])).errorCode).toBe('INTERNAL_ERROR');
  });
});
