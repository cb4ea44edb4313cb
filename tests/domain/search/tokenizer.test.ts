// The lexer: the sqlparse token shapes MLflow's grammar depends on (mlflow/utils/search_utils.py
// feeds filters to sqlparse.parse).
import { describe, expect, test } from 'vitest';
import { tokenize } from '../../../src/domain/search';

const kinds = (input: string) => tokenize(input).map((t) => [t.kind, t.text]);

describe('tokenize', () => {
  test('dotted names keep their quoted parts in one identifier token', () => {
    expect(kinds('tags.mlflow.source.type metrics.`a b` params."x.y" `tags`.k tags.\'s q\'')).toEqual([
      ['ident', 'tags.mlflow.source.type'],
      ['ident', 'metrics.`a b`'],
      ['ident', 'params."x.y"'],
      ['ident', '`tags`.k'],
      ['ident', "tags.'s q'"],
      ['eof', ''],
    ]);
  });

  test('keywords in any case, but a keyword before a dot is a name', () => {
    expect(kinds('and Or NOT in.x IS null Like')).toEqual([
      ['keyword', 'and'],
      ['keyword', 'Or'],
      ['keyword', 'NOT'],
      ['ident', 'in.x'],
      ['keyword', 'IS'],
      ['keyword', 'null'],
      ['keyword', 'Like'],
      ['eof', ''],
    ]);
  });

  test('numbers, operators and the shapes that are not numbers', () => {
    expect(kinds('-5 .5 5. 1e-3 1e3AND 0x1F 1abc >= == <> ~ - +')).toEqual([
      ['number', '-5'],
      ['number', '.5'],
      ['number', '5.'],
      ['number', '1e-3'],
      ['number', '1e3'],
      ['keyword', 'AND'],
      ['bad', '0x1F'],
      ['bad', '1abc'],
      ['op', '>='],
      ['op', '=='],
      ['op', '<>'],
      ['op', '~'],
      ['bad', '-'],
      ['bad', '+'],
      ['eof', ''],
    ]);
  });

  test("string literals: '' and \\' do not end them and are kept as typed", () => {
    expect(kinds("'it''s' 'a\\'b' \"x\"\"y\" 'open")).toEqual([
      ['string', "'it''s'"],
      ['string', "'a\\'b'"],
      ['ident', '"x""y"'],
      ['bad', "'open"],
      ['eof', ''],
    ]);
  });

  test('positions are offsets into the input', () => {
    const [first, second] = tokenize("  params.a\t=  'x'");
    expect(first).toMatchObject({ start: 2, end: 10 });
    expect(second).toMatchObject({ kind: 'op', start: 11, end: 12 });
  });

  test('comments, semicolons and punctuation', () => {
    expect(kinds("(a, b); -- note")).toEqual([
      ['lparen', '('],
      ['ident', 'a'],
      ['comma', ','],
      ['ident', 'b'],
      ['rparen', ')'],
      ['semicolon', ';'],
      ['bad', '-- note'],
      ['eof', ''],
    ]);
  });
});
