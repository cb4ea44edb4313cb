// search_runs filters MLflow accepts, with the clauses MLflow parses them to (cases ported from
// tests/utils/test_search_utils.py and checked against sqlparse + MLflow's parser), and the few
// places where Orchard deliberately differs.
import { describe, expect, test } from 'vitest';
import { parseRunFilter, type RunFilter } from '../../../src/domain/search';
import { and, c, expectInvalid } from './fixtures';


// Filters MLflow accepts, with the clause MLflow parses them to (values typed for our AST).
const ACCEPTED: Array<[string, RunFilter]> = [
  ['metric.acc >= 0.94', c('metric', 'acc', '>=', 0.94)],
  ['metric.acc>=100', c('metric', 'acc', '>=', 100)],
  ["params.m!='tf'", c('parameter', 'm', '!=', 'tf')],
  ['params."m"!="tf"', c('parameter', 'm', '!=', 'tf')],
  ['metric."legit name" >= 0.243', c('metric', 'legit name', '>=', 0.243)],
  ['metrics.XYZ = 3', c('metric', 'XYZ', '=', 3)],
  ['params."cat dog" = "pets"', c('parameter', 'cat dog', '=', 'pets')],
  ['metrics."X-Y-Z" = 3', c('metric', 'X-Y-Z', '=', 3)],
  ['metrics."X//Y#$$@&Z" = 3', c('metric', 'X//Y#$$@&Z', '=', 3)],
  ["params.model = 'LinearRegression'", c('parameter', 'model', '=', 'LinearRegression')],
  ["metrics.rmse < 1 and params.model_class = 'LR'", and(c('metric', 'rmse', '<', 1), c('parameter', 'model_class', '=', 'LR'))],
  ['', and()],
  ['`metric`.a >= 0.1', c('metric', 'a', '>=', 0.1)],
  ["tags.version = 'commit-hash'", c('tag', 'version', '=', 'commit-hash')],
  ["`tags`.source_name = 'a notebook'", c('tag', 'source_name', '=', 'a notebook')],
  ['metrics."accuracy.2.0" > 5', c('metric', 'accuracy.2.0', '>', 5)],
  ['metrics.`spacey name` > 5', c('metric', 'spacey name', '>', 5)],
  ['params."p.a.r.a.m" != "a"', c('parameter', 'p.a.r.a.m', '!=', 'a')],
  ['tags."t.a.g" = "a"', c('tag', 't.a.g', '=', 'a')],
  ["attribute.artifact_uri = '1/23/4'", c('attribute', 'artifact_uri', '=', '1/23/4')],
  ['attribute.start_time >= 1234', c('attribute', 'start_time', '>=', 1234)],
  ["run.status = 'RUNNING'", c('attribute', 'status', '=', 'RUNNING')],
  ["dataset.name = 'my_dataset'", c('dataset', 'name', '=', 'my_dataset')],
  ['tags.version IS NULL', c('tag', 'version', 'IS NULL', null)],
  ['tags.version IS NOT NULL', c('tag', 'version', 'IS NOT NULL', null)],
  ['params.lr is null', c('parameter', 'lr', 'IS NULL', null)],
  ["tags.a IS NULL AND params.b = 'val'", and(c('tag', 'a', 'IS NULL', null), c('parameter', 'b', '=', 'val'))],
  // quote trimming: outer quotes only, never unescaped
  ["params.m = 'LR'", c('parameter', 'm', '=', 'LR')],
  ['params.m = "LR"', c('parameter', 'm', '=', 'LR')],
  ['params.m = "L\'Hosp"', c('parameter', 'm', '=', "L'Hosp")],
  ["params.a = 'x''y'", c('parameter', 'a', '=', "x''y")],
  ['tags.a = "x""y"', c('tag', 'a', '=', 'x""y')],
  ["params.a = 'x\\'y'", c('parameter', 'a', '=', "x\\'y")],
  ["params.a = ''", c('parameter', 'a', '=', '')],
  // identifiers: split at the first dot, quoted parts, keywords after a dot
  ["tags.mlflow.source.type = 'NOTEBOOK'", c('tag', 'mlflow.source.type', '=', 'NOTEBOOK')],
  ["tags.`mlflow.user` = 'me'", c('tag', 'mlflow.user', '=', 'me')],
  ['tags."a".b = \'x\'', c('tag', '"a".b', '=', 'x')],
  ["params.`a b`.c = 'x'", c('parameter', '`a b`.c', '=', 'x')],
  ["tags.'a b' = 'x'", c('tag', 'a b', '=', 'x')],
  ['`tags`."a" = \'x\'', c('tag', 'a', '=', 'x')],
  ['params."" = \'x\'', c('parameter', '', '=', 'x')],
  ["params.`` = 'x'", c('parameter', '', '=', 'x')],
  ["params.select = 'x'", c('parameter', 'select', '=', 'x')],
  ["tags.é = 'x'", c('tag', 'é', '=', 'x')],
  ["params._x = 'x'", c('parameter', '_x', '=', 'x')],
  ['metrics.1x > 1', c('metric', '1x', '>', 1)],
  ['metrics.a.b1 > 1', c('metric', 'a.b1', '>', 1)],
  // attributes, bare and aliased
  ["status = 'x'", c('attribute', 'status', '=', 'x')],
  ["run_name = 'x'", c('attribute', 'run_name', '=', 'x')],
  ['"status" = \'x\'', c('attribute', 'status', '=', 'x')],
  ["`Run Name` = 'x'", c('attribute', 'run_name', '=', 'x')],
  ['"run name" = \'x\'', c('attribute', 'run_name', '=', 'x')],
  ["attributes.`Run name` = 'x'", c('attribute', 'run_name', '=', 'x')],
  ['run.created > 5', c('attribute', 'start_time', '>', 5)],
  ['Created > 5', c('attribute', 'start_time', '>', 5)],
  ["attr.user_id = 'u'", c('attribute', 'user_id', '=', 'u')],
  ['end_time <= 3', c('attribute', 'end_time', '<=', 3)],
  // number shapes
  ['metrics.a = 1e-1', c('metric', 'a', '=', 0.1)],
  ['metrics.a = 1E5', c('metric', 'a', '=', 100000)],
  ['metrics.a = .5', c('metric', 'a', '=', 0.5)],
  ['metrics.a = 5.', c('metric', 'a', '=', 5)],
  ['metrics.a = -5', c('metric', 'a', '=', -5)],
  ['metrics.a>=-1', c('metric', 'a', '>=', -1)],
  ['metrics.a = 1.5e3', c('metric', 'a', '=', 1500)],
  // comparators in any case
  ["params.a like 'x%'", c('parameter', 'a', 'LIKE', 'x%')],
  ["params.a IlIkE 'x%'", c('parameter', 'a', 'ILIKE', 'x%')],
  // lists: run_id and datasets; values that are not all lower-case are dropped
  ["run_id IN ('abc', 'DEF', '123')", c('attribute', 'run_id', 'IN', ['abc'])],
  ["run_id in ('a',)", c('attribute', 'run_id', 'IN', ['a'])],
  ['run_id IN ("a", \'b\')', c('attribute', 'run_id', 'IN', ['a', 'b'])],
  ["attributes.run_id NOT IN ('abc')", c('attribute', 'run_id', 'NOT IN', ['abc'])],
  ["datasets.name IN ('Name1','name2')", c('dataset', 'name', 'IN', ['name2'])],
  ["dataset.context IN ('train')", c('dataset', 'context', 'IN', ['train'])],
  ["datasets.digest != 'd'", c('dataset', 'digest', '!=', 'd')],
  // stray ANDs and comparisons side by side (sqlparse groups both, MLflow ANDs them)
  ['AND metrics.a > 1 AND', c('metric', 'a', '>', 1)],
  ['metrics.a > 1 AND AND metrics.b > 1', and(c('metric', 'a', '>', 1), c('metric', 'b', '>', 1))],
  ['AND', and()],
  ['and and', and()],
  ['metrics.a > 1 metrics.b > 2', and(c('metric', 'a', '>', 1), c('metric', 'b', '>', 2))],
  ["params.a='x'and params.b='y'", and(c('parameter', 'a', '=', 'x'), c('parameter', 'b', '=', 'y'))],
  ["status='x'AND status='y'", and(c('attribute', 'status', '=', 'x'), c('attribute', 'status', '=', 'y'))],
];

describe('filters MLflow accepts', () => {
  test.each(ACCEPTED)('%s', (filter, expected) => {
    expect(parseRunFilter(filter)).toEqual(expected);
    // Each one is also accepted, identically, by the strict MLflow dialect.
    expect(parseRunFilter(filter, { dialect: 'mlflow' })).toEqual(expected);
  });

  test('null and undefined match everything', () => {
    expect(parseRunFilter(null)).toEqual(and());
    expect(parseRunFilter(undefined)).toEqual(and());
  });
});

describe('deliberate differences from MLflow', () => {
  test("Python-only list syntax is refused: ('a' 'b') is implicit concatenation there", () => {
    expectInvalid(() => parseRunFilter("run_id IN ('a' 'b')"), 'ill-formed list');
  });

  test('a list after = is refused (MLflow accepts run_id = (...) and matches nothing)', () => {
    expectInvalid(() => parseRunFilter("run_id = ('a')"), 'Expected a quoted string value for attributes');
  });

  test('numeric attributes take any number (MLflow file store fails on int("1.5"))', () => {
    expect(parseRunFilter('start_time > 1.5')).toEqual(c('attribute', 'start_time', '>', 1.5));
  });

  test('a purely numeric part after a dot is part of the key', () => {
    expect(parseRunFilter('metrics.acc.2 > 1')).toEqual(c('metric', 'acc.2', '>', 1));
  });

  test('whitespace-only is the empty filter; the mlflow dialect refuses it like MLflow', () => {
    expect(parseRunFilter('   ')).toEqual(and());
    expectInvalid(() => parseRunFilter('   ', { dialect: 'mlflow' }), "Invalid filter '   '. Could not be parsed.");
  });

  test('1e+5 is a number here; the mlflow dialect refuses it like sqlparse', () => {
    expect(parseRunFilter('metrics.a = 1e+5')).toEqual(c('metric', 'a', '=', 100000));
    expectInvalid(() => parseRunFilter('metrics.a = 1e+5', { dialect: 'mlflow' }), 'Expected numeric value type for metric. Found 1e+5');
  });
});
