// search_runs filters MLflow rejects (MLflow's messages, ported from tests/utils/test_search_utils.py
// and checked against sqlparse + MLflow's parser), and where the error location points.
import { describe, expect, test } from 'vitest';
import { parseRunFilter } from '../../../src/domain/search';
import { expectInvalid } from './fixtures';

// Filters MLflow rejects, with (a prefix of) MLflow's message. Rejected by both dialects.
const REJECTED: Array<[string, string]> = [
  ['metric.acc >= 0.94; metrics.rmse < 1', 'Search filter contained multiple expression'],
  ['metrics.a > 1;', "Invalid clause(s) in filter string: ';'"],
  ['metrics.a > 1; ', "Invalid clause(s) in filter string: ';'"],
  ['m.acc >= 0.94', "Invalid entity type 'm'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"],
  ['acc >= 0.94', "Invalid attribute key 'acc' specified. Valid keys are"],
  ["p.model >= 'LR'", 'Invalid entity type'],
  ['attri.x != 1', 'Invalid entity type'],
  ['a.x != 1', 'Invalid entity type'],
  ["model >= 'LR'", 'Invalid attribute key'],
  ["metrics.A > 0.1 NAND params.B = 'LR'", 'Invalid clause(s) in filter string'],
  ['`metrics.A > 0.1', 'Invalid clause(s) in filter string'],
  ['param`.A > 0.1', 'Invalid clause(s) in filter string'],
  ['`dummy.A > 0.1', 'Invalid clause(s) in filter string'],
  ['dummy`.A > 0.1', 'Invalid clause(s) in filter string'],
  ['attribute.start != 1', 'Invalid attribute key'],
  ['attribute.experiment_id != 1', 'Invalid attribute key'],
  ["attribute.lifecycle_stage = 'ACTIVE'", 'Invalid attribute key'],
  ['attribute.name != 1', 'Invalid attribute key'],
  ['attribute.time != 1', 'Invalid attribute key'],
  ["attribute._status != 'RUNNING'", 'Invalid attribute key'],
  ["name = 'x'", "Invalid attribute key 'name'"],
  ["`attribute`.`run name` > 'x'", 'Invalid comparator'],
  ['attribute.status = true', 'Invalid clause(s) in filter string'],
  ["dataset.status = 'true'", "Invalid dataset key 'status' specified. Valid keys are '{'context', 'digest', 'name'}'"],
  ["dataset.profile = 'num_rows: 10'", 'Invalid dataset key'],
  ['attribute.status IS NULL', 'IS NULL / IS NOT NULL is only supported for tags and params'],
  ["datasets.name IS NOT NULL", 'IS NULL / IS NOT NULL is only supported for tags and params'],
  // comparison clauses
  ["metric.model = 'LR'", 'Expected numeric value type for metric. Found '],
  ["metric.model = '5'", 'Expected numeric value type for metric'],
  ['params.acc = 5', "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 5"],
  ['tags.acc = 5', 'Expected a quoted string value for tag'],
  ['metrics.acc != metrics.acc', 'Expected numeric value type for metric. Found metrics.acc'],
  ['1.0 > metrics.acc', "Invalid comparison clause. Expected 'Identifier' found '1.0'"],
  ['attribute.status = 1', 'Expected a quoted string value for attributes'],
  ["start_time = '5'", 'Expected numeric value type for numeric attribute: start_time'],
  ['datasets.name = 5', 'Expected a quoted string value for dataset attributes'],
  ['metrics.a = 0x1F', 'Invalid clause(s) in filter string'],
  ['metrics.a = - 5', 'Invalid clause(s) in filter string'],
  ['metrics.a = +5', 'Invalid clause(s) in filter string'],
  ['metrics.a>1and metrics.b>1', 'Invalid clause(s) in filter string'],
  // quotes
  ['params.acc = LR', 'value is either not quoted or unidentified quote types'],
  ['tags.acc = LR', 'value is either not quoted or unidentified quote types'],
  ['params.acc = `LR`', 'Parameter value is either not quoted or unidentified quote types used for string value `LR`'],
  ["params.'acc = LR", 'Invalid clause(s) in filter string'],
  ["params.acc = 'LR", 'Invalid clause(s) in filter string'],
  ["params.acc = LR'", 'Invalid clause(s) in filter string'],
  ["params.acc = \"LR'", 'Invalid clause(s) in filter string'],
  ["tags.acc = \"LR'", 'Invalid clause(s) in filter string'],
  ["tags.acc = = 'LR'", 'Invalid clause(s) in filter string'],
  ["attribute.status IS 'RUNNING'", 'Invalid clause(s) in filter string'],
  ["params.x IS NOT 'a'", 'Invalid clause(s) in filter string'],
  // sqlparse knows ~600 SQL keywords and says "Invalid clause(s)" for them; we only know ours.
  ['params.a = select', 'Parameter value is either not quoted'],
  ['params.x = null', 'Invalid clause(s) in filter string'],
  // clauses that are not comparisons
  ['params.acc LR !=', 'Invalid clause(s) in filter string'],
  ['params.acc LR', 'Invalid clause(s) in filter string'],
  ['metric.acc !=', 'Invalid clause(s) in filter string'],
  ['params.a', 'Invalid clause(s) in filter string'],
  ["= 'x'", 'Invalid clause(s) in filter string'],
  ['acc != 1.0', 'Invalid attribute key'],
  ['foo is null', 'Invalid attribute key'],
  ['1=1', "Expected 'Identifier' found"],
  ['1==2', "Expected 'Identifier' found"],
  ["'x' = params.a", "Invalid comparison clause. Expected 'Identifier' found ''x''"],
  ['status = \'x\' -- c', 'Invalid clause(s) in filter string'],
  ["params.a$b = 'x'", 'Invalid clause(s) in filter string'],
  ["params.a:b = 'x'", 'Invalid clause(s) in filter string'],
  ["params.a NOT 'x'", 'Invalid clause(s) in filter string'],
  ["params.a = 'x')", 'Invalid clause(s) in filter string'],
  [')', 'Invalid clause(s) in filter string'],
  // comparators that do not fit the key (MLflow checks these when filtering)
  ['metrics.abc ~ 1.0', "Invalid comparator '~' not one of '{'!=', '<', '<=', '=', '>', '>='"],
  ['metrics.abc ~= 1.0', 'Invalid comparator'],
  ['metrics.a == 1', "Invalid comparator '=='"],
  ['metrics.a <> 1', "Invalid comparator '<>'"],
  ['metrics.a =< 1', "Invalid comparator '=<'"],
  ["metrics.a LIKE 1", "Invalid comparator 'LIKE'"],
  ...['>', '<', '>=', '<=', '~'].flatMap((op): Array<[string, string]> => [
    [`params.abc ${op} 'my-param-value'`, 'Invalid comparator'],
    [`tags.abc ${op} 'my-tag-value'`, 'Invalid comparator'],
    [`attributes.status ${op} 'my-tag-value'`, 'Invalid comparator'],
    [`datasets.name ${op} 'my-dataset-name'`, 'Invalid comparator'],
  ]),
  ['attributes.start_time LIKE 1234', "Invalid comparator 'LIKE'"],
  ['attributes.start_time ILIKE 1234', "Invalid comparator 'ILIKE'"],
  ["params.a NOT LIKE 'x'", "Invalid comparator 'NOT LIKE'"],
  ["params.a not ilike 'x'", "Invalid comparator 'NOT ILIKE'"],
  ["`params`.model >= 'LR'", "Invalid comparator '>='"],
  // lists
  ['run_id IN ()', 'While parsing a list in the query, expected a non-empty list of string values, but got empty list'],
  ['run_id NOT IN ()', 'but got empty list'],
  ['run_id IN (1,2)', 'While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: (1,2)'],
  ["run_id IN ('a'", 'Invalid clause(s) in filter string'],
  ["run_id IN 'a'", 'Invalid clause(s) in filter string'],
  ['run_id IN (x)', 'Parameter value is either not quoted'],
];

describe('filters MLflow rejects', () => {
  test.each(REJECTED)('%s', (filter, message) => {
    expectInvalid(() => parseRunFilter(filter), message);
    expectInvalid(() => parseRunFilter(filter, { dialect: 'mlflow' }), message);
  });
});

describe('error locations point at the offending token', () => {
  const at = (filter: string, token: string, start = filter.indexOf(token)) => {
    const err = expectInvalid(() => parseRunFilter(filter), '');
    expect(err.location).toEqual({ token, start, end: start + token.length });
  };

  test('unknown prefix / attribute / dataset key: the identifier', () => {
    at("metrics.a > 1 AND m.acc >= 0.94", 'm.acc');
    at("status = 'x' AND foo = 'y'", 'foo');
    at("datasets.profile = 'x'", 'datasets.profile');
  });

  test('value of the wrong type: the value', () => {
    at("metrics.a = 'x'", "'x'");
    at('params.a = 5', '5');
    at('params.a = LR', 'LR');
    at("run_id = ('a')", "('a')");
  });

  test('comparator not fitting the key: the comparator', () => {
    at("params.a > 'x'", '>');
    at("params.a NOT  LIKE 'x'", 'NOT  LIKE');
    at('metrics.a IS NULL AND status IS NOT NULL', 'IS NOT NULL');
  });

  test('unclosed quote: from the quote to the end', () => {
    at("params.acc = 'LR", "'LR");
    at('tags.`a b = 1', '`a b = 1');
    at("params.'acc = LR", "'acc = LR");
  });

  test('dangling operators and unbalanced parentheses', () => {
    at("params.a = 'x' OR", 'OR');
    at('params.a =', '=');
    at('params.a', 'params.a');
    at("(params.a = 'x' OR (params.b = 'y')", '(', 0);
    at("params.a = 'x')", ')');
    at('params.a IN (', '(');
  });

  test('semicolons', () => {
    at("params.a = 'x'; params.b = 'y'", ';');
    at("params.a = 'x';", ';');
  });
});
