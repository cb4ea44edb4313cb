// printRunFilter's canonical output and filterKeys (what the UI uses for autocompletion and
// which keys a search needs); MLflow has no equivalent (mlflow/utils/search_utils.py only parses).
import { describe, expect, test } from 'vitest';
import { filterKeys, parseRunFilter, printRunFilter } from '../../../src/domain/search';
import { expectInvalid } from './fixtures';

describe('printRunFilter', () => {
  test.each([
    ["metric.acc>=0.9 and params.model='rf'", "metrics.acc >= 0.9 AND params.model = 'rf'"],
    ['`Run Name` = "x" or created > 5', "attributes.run_name = 'x' OR attributes.start_time > 5"],
    ["NOT (tags.`mlflow.user` = 'me' OR tags.a IS NULL) AND metrics.`val acc` IN (1, 2)", "NOT (tags.mlflow.user = 'me' OR tags.a IS NULL) AND metrics.`val acc` IN (1, 2)"],
    ["(params.a = 'x' AND params.b = 'y') OR datasets.name = \"it's\"", "params.a = 'x' AND params.b = 'y' OR datasets.name = \"it's\""],
    ['', ''],
  ])('%s', (input, printed) => {
    expect(printRunFilter(parseRunFilter(input))).toBe(printed);
  });

  test('values with both quote kinds cannot be printed', () => {
    const ast = parseRunFilter("params.a = 'x'");
    if (ast.kind !== 'compare') throw new Error('expected a comparison');
    expectInvalid(() => printRunFilter({ ...ast, value: `'"` }), 'Cannot print value');
  });
});

describe('filterKeys', () => {
  test('distinct keys in order of first use, aliases resolved', () => {
    const f = parseRunFilter(
      "metrics.acc > 1 AND (params.p = 'a' OR NOT metrics.acc < 0) AND created > 3 AND datasets.context = 'train' AND tags.t IS NULL",
    );
    expect(filterKeys(f)).toEqual([
      { type: 'metric', key: 'acc' },
      { type: 'parameter', key: 'p' },
      { type: 'attribute', key: 'start_time' },
      { type: 'dataset', key: 'context' },
      { type: 'tag', key: 't' },
    ]);
    expect(filterKeys(parseRunFilter(''))).toEqual([]);
  });
});
