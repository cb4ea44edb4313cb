// search_experiments: filters and order_by, with cases from the SQL store tests
// (tests/store/tracking/test_sqlalchemy_store.py test_search_experiments_*), checked against
// MLflow's SearchExperimentsUtils.
import { describe, expect, test } from 'vitest';
import type { Experiment } from '../../../src/domain/entities';
import {
  compareExperimentsBy,
  compileExperimentFilter,
  parseExperimentFilter,
  parseExperimentOrderBy,
  printExperimentFilter,
} from '../../../src/domain/search';
import { experiment, expectInvalid } from './fixtures';

const names = (exps: Experiment[], filter?: string, orderBy?: string[]): string[] =>
  exps
    .filter(compileExperimentFilter(parseExperimentFilter(filter)))
    .sort(compareExperimentsBy(parseExperimentOrderBy(orderBy)))
    .map((e) => e.name);

describe('experiment filters', () => {
  const byName = [experiment('0', 'Default', 100), experiment('1', 'a', 101), experiment('2', 'ab', 102), experiment('3', 'Abc', 103)];
  test.each([
    ["name = 'a'", ['a']],
    ["attribute.name = 'a'", ['a']],
    ["attribute.`name` = 'a'", ['a']],
    ["attribute.`name` != 'a'", ['Abc', 'ab', 'Default']],
    ["name LIKE 'a%'", ['ab', 'a']],
    ["name ILIKE 'a%'", ['Abc', 'ab', 'a']],
    ["name ILIKE 'a%' AND name ILIKE '%b'", ['ab']],
  ])('%s', (filter, expected) => expect(names(byName, filter)).toEqual(expected));

  test('creation_time and last_update_time', () => {
    const exps = [experiment('0', 'Default', 100, {}, 100), experiment('1', '1', 200, {}, 500), experiment('2', '2', 300, {}, 300)];
    const ids = (f: string) => names(exps, f);
    expect(ids('creation_time = 200')).toEqual(['1']);
    expect(ids('creation_time != 200')).toEqual(['2', 'Default']);
    expect(ids('creation_time >= 150')).toEqual(['2', '1']);
    expect(ids('creation_time < 250')).toEqual(['1', 'Default']);
    expect(ids('creation_time >= 1000')).toEqual([]);
    expect(ids('last_update_time >= 400')).toEqual(['1']);
    expect(ids('last_update_time = 300')).toEqual(['2']);
  });

  test('tags; experiments lacking the tag never match', () => {
    const exps = [
      experiment('1', 'exp1', 1, { key1: 'value', key2: 'value' }),
      experiment('2', 'exp2', 2, { key1: 'vaLue', key2: 'vaLue' }),
      experiment('3', 'exp3', 3, { 'k e y 1': 'value' }),
    ];
    const CASES: Array<[string, string[]]> = [
      ["tag.key1 = 'value'", ['exp1']],
      ["tag.`k e y 1` = 'value'", ['exp3']],
      ['tag."k e y 1" = \'value\'', ['exp3']],
      ["tag.key1 != 'value'", ['exp2']],
      ["tag.key1 != 'VALUE'", ['exp2', 'exp1']],
      ["tag.key1 LIKE 'val%'", ['exp1']],
      ["tag.key1 LIKE '%Lue'", ['exp2']],
      ["tag.key1 ILIKE '%alu%'", ['exp2', 'exp1']],
      ["tag.key1 LIKE 'va%' AND tag.key2 LIKE '%Lue'", ['exp2']],
      ["tag.KEY = 'value'", []],
      ["tags.key1 = 'value' OR tags.`k e y 1` = 'value'", ['exp3', 'exp1']],
      ["NOT tags.key1 = 'value'", ['exp3', 'exp2']],
      ["tags.key1 IN ('value', 'vaLue')", ['exp2', 'exp1']],
      ["name IN ('exp1', 'exp3')", ['exp3', 'exp1']],
    ];
    for (const [f, expected] of CASES) expect(names(exps, f), f).toEqual(expected);
  });

  test('IS NULL / IS NOT NULL on tags', () => {
    const exps = [
      experiment('0', 'Default', 0),
      experiment('1', 'exp1', 1, { key1: 'value', key2: 'value' }),
      experiment('2', 'exp2', 2, { key1: 'value' }),
      experiment('3', 'exp3', 3),
    ];
    expect(names(exps, 'tag.key1 IS NOT NULL')).toEqual(['exp2', 'exp1']);
    expect(names(exps, 'tag.key2 IS NULL')).toEqual(['exp3', 'exp2', 'Default']);
    expect(names(exps, 'tag.key1 IS NOT NULL AND tag.key2 IS NULL')).toEqual(['exp2']);
    expect(names(exps, "tag.key1 = 'value' AND tag.key2 IS NULL")).toEqual(['exp2']);
    expectInvalid(() => parseExperimentFilter('name IS NULL'), 'IS NULL / IS NOT NULL is only supported for tags');
  });

  const ERRORS: Array<[string, string]> = [
    ["attr.name = 'x'", "Invalid entity type 'attr'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ["`attribute`.name = 'x'", "Invalid entity type '`attribute`'"],
    ['metrics.x > 1', "Invalid entity type 'metrics'"],
    ["experiment_id = '1'", "Invalid attribute key 'experiment_id' specified. Valid keys are '{'creation_time', 'last_update_time', 'name'}'"],
    ["name > 'a'", "Invalid comparator '>'"],
    ['name = 5', 'Expected a quoted string value for attributes. Got value 5'],
    ["creation_time = '5'", "Expected numeric value type for numeric attribute: creation_time. Found '5'"],
    ["creation_time LIKE 5", "Invalid comparator 'LIKE'"],
    ["tags.a > 'x'", "Invalid comparator '>'"],
    ['tags.a = 5', 'Expected a quoted string value for tag'],
    ["name = 'x' OR", "expected a comparison after 'OR'"],
  ];
  test.each(ERRORS)('%s is rejected', (filter, message) => {
    expectInvalid(() => parseExperimentFilter(filter), message);
  });

  test('the mlflow dialect refuses lists and OR as MLflow does', () => {
    expectInvalid(() => parseExperimentFilter("name IN ('a')", { dialect: 'mlflow' }), "Only the 'run_id' attribute supports");
    expectInvalid(() => parseExperimentFilter("name = 'a' OR name = 'b'", { dialect: 'mlflow' }), "Invalid clause(s) in filter string: 'OR'");
  });

  test('print round-trips', () => {
    for (const f of ["name = 'a'", "tags.`k e y` ILIKE '%x%' OR NOT creation_time >= 5", 'tags.a IS NULL']) {
      const ast = parseExperimentFilter(f);
      expect(parseExperimentFilter(printExperimentFilter(ast))).toEqual(ast);
    }
  });
});

describe('experiment order_by', () => {
  const exps = [experiment('0', 'Default', 100), experiment('1', 'x', 200), experiment('2', 'y', 300), experiment('3', 'z', 400)];
  test.each([
    [['name'], ['Default', 'x', 'y', 'z']],
    [['name ASC'], ['Default', 'x', 'y', 'z']],
    [['name DESC'], ['z', 'y', 'x', 'Default']],
    [['experiment_id DESC'], ['z', 'y', 'x', 'Default']],
    [['name', 'experiment_id'], ['Default', 'x', 'y', 'z']],
    [['creation_time'], ['Default', 'x', 'y', 'z']],
    [['creation_time DESC'], ['z', 'y', 'x', 'Default']],
    [[], ['z', 'y', 'x', 'Default']],
  ])('%j', (orderBy, expected) => expect(names(exps, '', orderBy)).toEqual(expected));

  test('ties: experiment_id ASC by default, DESC after explicit keys; ids compare as integers', () => {
    const tied = ['10', '9', '2'].map((id) => experiment(id, `e${id}`, 5));
    expect(names(tied)).toEqual(['e2', 'e9', 'e10']);
    expect(names(tied, '', ['creation_time'])).toEqual(['e10', 'e9', 'e2']);
    expect(names(tied, '', ['experiment_id'])).toEqual(['e2', 'e9', 'e10']);
  });

  test('last_update_time', () => {
    const e = [experiment('0', 'Default', 1, {}, 1), experiment('1', 'a', 2, {}, 9), experiment('2', 'b', 3, {}, 3)];
    expect(names(e, '', ['last_update_time'])).toEqual(['Default', 'b', 'a']);
  });

  test.each([
    ['tags.x', 'Invalid order_by entity: tag'],
    ['attr.name', 'Invalid entity type'],
    ['lifecycle_stage', 'Invalid attribute key'],
    ['name sideways', 'Invalid ordering key'],
    ['name ', 'Invalid order_by clause'],
  ])('%j is rejected', (clause, message) => {
    expectInvalid(() => parseExperimentOrderBy([clause]), message);
  });
});
