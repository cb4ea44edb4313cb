// Preview planning (kind by name + size, partial reads for big files), text decoding of a prefix,
// JSON pretty-printing and CSV/TSV previews, with real artifacts from the shared fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  IMAGE_PREVIEW_MAX_BYTES,
  PREVIEW_READ_BYTES,
  SNIFF_BYTES,
  imageMimeType,
  looksLikeText,
  planAfterSniff,
  planPreview,
} from '../../src/domain/artifact-preview';
import { parseDelimitedPreview } from '../../src/domain/delimited-preview';
import { decodeTextPrefix, prettyJson } from '../../src/domain/text-preview';

const FIXTURES = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const MB = 1024 * 1024;
const bytes = (s: string) => new TextEncoder().encode(s);

describe('planPreview', () => {
  test.each([
    ['plots/loss.png', 20_000, { kind: 'image', readBytes: 20_000, partial: false }],
    ['a/b/LOGO.SVG', 900, { kind: 'image', readBytes: 900, partial: false }],
    ['model/MLmodel', 512, { kind: 'mlmodel', readBytes: 512, partial: false }],
    ['metrics.json', 2_000, { kind: 'json', readBytes: 2_000, partial: false }],
    ['notebook.ipynb', 2_000, { kind: 'json', readBytes: 2_000, partial: false }],
    ['data/train.csv', 5_000, { kind: 'table', readBytes: 5_000, partial: false, delimiter: ',' }],
    ['data/train.tsv', 5_000, { kind: 'table', readBytes: 5_000, partial: false, delimiter: '\t' }],
    ['estimator.html', 9_000, { kind: 'html', readBytes: 9_000, partial: false }],
    ['logs/train.log', 100, { kind: 'text', readBytes: 100, partial: false }],
    ['model/requirements.txt', 100, { kind: 'text', readBytes: 100, partial: false }],
    ['model/conda.yaml', 100, { kind: 'text', readBytes: 100, partial: false }],
    ['model/model.pkl', 100, { kind: 'download', readBytes: 0, partial: false }],
    ['weights.bin', 100, { kind: 'download', readBytes: 0, partial: false }],
    ['LICENSE', 100, { kind: 'sniff', readBytes: 100, partial: false }],
    ['blob.xyz', 20_000, { kind: 'sniff', readBytes: SNIFF_BYTES, partial: true }],
  ])('%s (%i bytes)', (path, size, plan) => expect(planPreview(path, size)).toEqual(plan));

  test('a 200 MB log or CSV reads only the first megabyte', () => {
    expect(planPreview('train.log', 200 * MB)).toEqual({ kind: 'text', readBytes: PREVIEW_READ_BYTES, partial: true });
    expect(planPreview('big.csv', 200 * MB)).toEqual({ kind: 'table', readBytes: PREVIEW_READ_BYTES, partial: true, delimiter: ',' });
  });

  test('kinds that need the whole file fall back past their ceiling', () => {
    expect(planPreview('huge.json', 5 * MB)).toEqual({ kind: 'text', readBytes: PREVIEW_READ_BYTES, partial: true, tooLargeFor: 'json' });
    expect(planPreview('huge.htm', 50 * MB)).toMatchObject({ kind: 'text', partial: true, tooLargeFor: 'html' });
    expect(planPreview('huge/MLmodel', 2 * MB)).toMatchObject({ kind: 'text', tooLargeFor: 'mlmodel' });
    expect(planPreview('huge.png', IMAGE_PREVIEW_MAX_BYTES + 1)).toEqual({ kind: 'download', readBytes: 0, partial: false, tooLargeFor: 'image' });
  });

  test('never reads more than the preview budget, whatever the name and size', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('', '.log', '.csv', '.json', '.html', '.png', '.bin', '.weird'), fc.nat(2 ** 40), (name, ext, size) => {
        const plan = planPreview(`${name}${ext}`, size);
        expect(plan.readBytes).toBeLessThanOrEqual(size);
        expect(plan.partial).toBe(plan.readBytes < size && plan.kind !== 'download');
        if (plan.kind !== 'image' && plan.kind !== 'html') expect(plan.readBytes).toBeLessThanOrEqual(PREVIEW_READ_BYTES);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  test('image MIME types (stored artifacts have none; <img> needs one for SVG)', () => {
    expect(imageMimeType('a/b.svg')).toBe('image/svg+xml');
    expect(imageMimeType('x.JPG')).toBe('image/jpeg');
    expect(imageMimeType('x.txt')).toBeUndefined();
  });
});

describe('sniffing files without a known extension', () => {
  test('text, UTF-8 and ANSI-coloured logs are text; NULs and invalid UTF-8 are binary', () => {
    expect(looksLikeText(bytes('Apache License\nVersion 2.0\n'))).toBe(true);
    expect(looksLikeText(bytes('ünïcødé ✓ 学习'))).toBe(true);
    expect(looksLikeText(bytes('\u001b[32mok\u001b[0m\r\n'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x41]))).toBe(false);
    expect(looksLikeText(bytes('ab').subarray(0, 0))).toBe(true);
    // A multi-byte character cut by the sample boundary is still text.
    expect(looksLikeText(bytes('abc✓').subarray(0, 5))).toBe(true);
  });

  test('planAfterSniff turns the sample into a text or download plan', () => {
    expect(planAfterSniff(3 * MB, bytes('hello\n'))).toEqual({ kind: 'text', readBytes: PREVIEW_READ_BYTES, partial: true });
    expect(planAfterSniff(10, new Uint8Array([1, 2, 3, 0]))).toEqual({ kind: 'download', readBytes: 0, partial: false });
  });
});

describe('decodeTextPrefix', () => {
  test('a whole file is decoded as is (BOM dropped)', () => {
    expect(decodeTextPrefix(bytes('\ufeffa\nb'), false)).toBe('a\nb');
  });

  test('a prefix ends on a whole line and never on half a character', () => {
    expect(decodeTextPrefix(bytes('line 1\nline 2\nli'), true)).toBe('line 1\nline 2\n');
    const cut = bytes('✓✓✓').subarray(0, 7); // two whole checkmarks and one byte of the third
    expect(decodeTextPrefix(cut, true)).toBe('✓✓');
  });

  test('never produces replacement characters from a cut, for any UTF-8 text and cut point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), (s, n) => {
        const all = bytes(s);
        const decoded = decodeTextPrefix(all.subarray(0, n % (all.length + 1)), true);
        expect(decoded).not.toContain('\ufffd');
        expect(s.startsWith(decoded)).toBe(true);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('prettyJson', () => {
  test('re-indents valid JSON', () => {
    expect(prettyJson('{"a":[1,2],"b":{"c":null}}')).toEqual({ ok: true, text: '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {\n    "c": null\n  }\n}' });
  });

  test('real input examples from the fixtures', () => {
    const text = readFileSync(join(FIXTURES, 'mlmodel/sklearn-mlflow3.3__dmatrix-mlflow-misc/serving_input_example.json'), 'utf8');
    const r = prettyJson(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.text).toContain('"dataframe_split": {');
  });

  test("Python's NaN is not JSON: an error to show next to the raw text", () => {
    expect(prettyJson('{"x": NaN}')).toMatchObject({ ok: false, error: expect.any(String) });
  });
});

describe('parseDelimitedPreview', () => {
  test('header, rows, quoted fields with commas and newlines', () => {
    const t = parseDelimitedPreview('epoch,loss,note\n1,0.5,"a, b"\n2,0.25,"two\nlines"\n', ',', { maxRows: 100, partial: false });
    expect(t).toEqual({
      columns: ['epoch', 'loss', 'note'],
      rows: [['1', '0.5', 'a, b'], ['2', '0.25', 'two\nlines']],
      moreRows: false,
      problems: [],
    });
  });

  test('TSV, ragged rows padded, blank lines skipped', () => {
    const t = parseDelimitedPreview('a\tb\tc\n1\t2\n\n3\t4\t5\t6\n', '\t', { maxRows: 100, partial: false });
    expect(t.columns).toEqual(['a', 'b', 'c', '']);
    expect(t.rows).toEqual([['1', '2', '', ''], ['3', '4', '5', '6']]);
  });

  test('stops after maxRows and says there is more', () => {
    const csv = ['x', ...Array.from({ length: 10_000 }, (_, i) => String(i))].join('\n');
    const t = parseDelimitedPreview(csv, ',', { maxRows: 200, partial: false });
    expect(t.rows).toHaveLength(200);
    expect(t.rows[199]).toEqual(['199']);
    expect(t.moreRows).toBe(true);
  });

  test('a prefix cut inside a multi-line quoted field drops that row silently', () => {
    const t = parseDelimitedPreview('a,b\n1,"x\ny', ',', { maxRows: 10, partial: true });
    expect(t).toEqual({ columns: ['a', 'b'], rows: [], moreRows: true, problems: [] });
  });

  test('a real problem in a whole file is reported with its row', () => {
    const t = parseDelimitedPreview('a,b\n1,2\n3,"open\n', ',', { maxRows: 10, partial: false });
    expect(t.problems).toEqual(['Row 2: Quoted field unterminated']);
  });
});
