// Orchard's extensions to MLflow's filter grammar (mlflow/utils/search_utils.py has only AND):
// OR, NOT, parentheses, IN lists on any key, IS NULL on metrics; and the 'mlflow' dialect that
// refuses them with MLflow's own messages.
import { describe, expect, test } from 'vitest';
import { parseRunFilter, type RunFilter } from '../../../src/domain/search';
import { and, c, expectInvalid, not, or } from './fixtures';


describe('Orchard extensions', () => {
  const EXTENDED: Array<[string, RunFilter]> = [
    ["params.a = 'x' OR params.b = 'y'", or(c('parameter', 'a', '=', 'x'), c('parameter', 'b', '=', 'y'))],
    ['metrics.a > 1 or metrics.b > 1 OR metrics.c > 1', or(c('metric', 'a', '>', 1), c('metric', 'b', '>', 1), c('metric', 'c', '>', 1))],
    ["metrics.A > 0.1 AND (params.B = 'LR')", and(c('metric', 'A', '>', 0.1), c('parameter', 'B', '=', 'LR'))],
    ['NOT metrics.a > 1', not(c('metric', 'a', '>', 1))],
    ['NOT NOT metrics.a > 1', not(not(c('metric', 'a', '>', 1)))],
    ['NOT (metrics.a = 1 OR metrics.b = 2)', not(or(c('metric', 'a', '=', 1), c('metric', 'b', '=', 2)))],
    // precedence: NOT > AND > OR
    [
      'metrics.a = 1 OR metrics.b = 2 AND NOT metrics.c = 3',
      or(c('metric', 'a', '=', 1), and(c('metric', 'b', '=', 2), not(c('metric', 'c', '=', 3)))),
    ],
    [
      '(metrics.a = 1 OR metrics.b = 2) AND metrics.c = 3',
      and(or(c('metric', 'a', '=', 1), c('metric', 'b', '=', 2)), c('metric', 'c', '=', 3)),
    ],
    // nested groups of the same kind flatten
    ['metrics.a = 1 AND (metrics.b = 2 AND metrics.c = 3)', and(c('metric', 'a', '=', 1), c('metric', 'b', '=', 2), c('metric', 'c', '=', 3))],
    ['((metrics.a = 1))', c('metric', 'a', '=', 1)],
    // lists on params, tags, metrics and any attribute; nothing is dropped there
    ["params.model IN ('LR', 'rf')", c('parameter', 'model', 'IN', ['LR', 'rf'])],
    ["tags.t NOT IN ('A')", c('tag', 't', 'NOT IN', ['A'])],
    ['metrics.epoch IN (1, 2.5, -3)', c('metric', 'epoch', 'IN', [1, 2.5, -3])],
    ["status IN ('FAILED', 'KILLED')", c('attribute', 'status', 'IN', ['FAILED', 'KILLED'])],
    ['start_time NOT IN (5)', c('attribute', 'start_time', 'NOT IN', [5])],
    ['metrics.acc IS NULL', c('metric', 'acc', 'IS NULL', null)],
    ["AND params.a = 'x' OR params.b = 'y' AND", or(c('parameter', 'a', '=', 'x'), c('parameter', 'b', '=', 'y'))],
  ];

  test.each(EXTENDED)('%s', (filter, expected) => {
    expect(parseRunFilter(filter)).toEqual(expected);
  });

  const MLFLOW_REFUSES: Array<[string, string]> = [
    ["params.a = 'x' OR params.b = 'y'", "Invalid clause(s) in filter string: 'OR'"],
    ['NOT metrics.a > 1', "Invalid clause(s) in filter string: 'NOT'"],
    ["metrics.A > 0.1 AND (params.B = 'LR')", "Invalid clause(s) in filter string: '('"],
    ["params.model IN ('LR')", "Expected a quoted string value for parameter (e.g. 'my-value'). Got value ('LR')"],
    ["tags.t IN ('A')", 'Expected a quoted string value for tag'],
    ['metrics.epoch IN (1)', 'Expected numeric value type for metric. Found (1)'],
    ["status IN ('A')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ['start_time IN (5)', 'Expected numeric value type for numeric attribute: start_time. Found (5)'],
    ['metrics.acc IS NULL', "IS NULL / IS NOT NULL is only supported for tags and params, not for 'metric' 'acc'"],
  ];

  test.each(MLFLOW_REFUSES)('the mlflow dialect refuses %s', (filter, message) => {
    expectInvalid(() => parseRunFilter(filter, { dialect: 'mlflow' }), message);
  });

  const MALFORMED: Array<[string, string]> = [
    ["params.a = 'x' OR", "expected a comparison after 'OR'"],
    ["OR params.a = 'x'", "expected a comparison, found 'OR'"],
    ["params.a = 'x' AND OR params.b = 'y'", "expected a comparison, found 'OR'"],
    ["NOT", "expected a comparison after 'NOT'"],
    ["(params.a = 'x'", "missing ')' to close this '('"],
    ["params.a = 'x')", "unmatched ')'"],
    ['()', 'empty parentheses'],
    ["(params.a = 'x' AND) OR params.b = 'y'", "expected a comparison, found ')'"],
    ["params.a = 'x' (params.b = 'y')", "unexpected '('"],
    ["params.a IN ('x', 1)", 'but got different type in list'],
    ["metrics.a IN (1, 'x')", "Expected numeric value type for metric. Found 'x'"],
    ['params.a IN ()', 'but got empty list'],
    ["params.a IN ('x',, 'y')", 'ill-formed list'],
  ];

  test.each(MALFORMED)('%s is rejected', (filter, message) => {
    expectInvalid(() => parseRunFilter(filter), message);
  });
});
