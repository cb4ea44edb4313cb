// Page tokens: byte-identical to MLflow's base64(json.dumps({"offset": N})) and rejected the way
// SearchUtils.parse_start_offset_from_page_token rejects them (tests/utils/test_search_utils.py
// test_pagination / test_invalid_page_tokens).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodePageToken, encodePageToken } from '../../../src/domain/search';
import { expectInvalid } from './fixtures';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('page tokens', () => {
  test('the same bytes MLflow produces', () => {
    expect(encodePageToken(1)).toBe('eyJvZmZzZXQiOiAxfQ==');
    expect(encodePageToken(1000)).toBe('eyJvZmZzZXQiOiAxMDAwfQ==');
  });

  test('no token, or an empty one, starts at 0', () => {
    expect(decodePageToken(undefined)).toBe(0);
    expect(decodePageToken('')).toBe(0);
  });

  test('decodes MLflow tokens, including string and float offsets as int() reads them', () => {
    expect(decodePageToken('eyJvZmZzZXQiOiAxfQ==')).toBe(1);
    expect(decodePageToken('eyJvZmZzZXQiOiAiNyJ9')).toBe(7);
    expect(decodePageToken('eyJvZmZzZXQiOiAyLjl9')).toBe(2);
    expect(decodePageToken(b64('{"offset":3}'))).toBe(3);
  });

  test('property: decode(encode(n)) = n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => decodePageToken(encodePageToken(n)) === n),
      { seed: 42, numRuns: 200 },
    );
  });

  const INVALID: Array<[string, string]> = [
    [b64('{}'), 'Invalid page token, parsed value='],
    [b64('{"offset": "a"}'), 'Invalid page token, not stringable a'],
    [b64('{"offsoot": 7}'), 'Invalid page token, parsed value='],
    [b64('{"offset": 0}'), 'Invalid page token, parsed value='],
    [b64('{"offset": -3}'), 'Invalid page token'],
    [b64('[1]'), 'Invalid page token'],
    [b64('7'), 'Invalid page token'],
    [b64('not json'), 'Invalid page token, decoded value=not json'],
    ['not base64', 'Invalid page token, could not base64-decode'],
    ['abc', 'Invalid page token, could not base64-decode'],
    ['/w==', 'Invalid page token, could not base64-decode'],
  ];
  test.each(INVALID)('%s is rejected', (token, message) => {
    expectInvalid(() => decodePageToken(token), message);
  });

  test('negative or fractional offsets cannot be encoded', () => {
    expectInvalid(() => encodePageToken(-1), 'Invalid page token');
    expectInvalid(() => encodePageToken(1.5), 'Invalid page token');
  });
});
