// The YAML and Python-text layers against goldens produced by the real thing (PyYAML 6.0.3 and
// CPython 3.11, see each golden's `generator`), plus hostile and broken YAML.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { dumpPyYaml } from '../../../src/domain/models/pyyaml-dump';
import { loadPyYaml } from '../../../src/domain/models/pyyaml-load';
import { PyFloat, pyFloatRepr, pyStrRepr, pythonJson } from '../../../src/domain/models/python-text';

const golden = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'golden', name), 'utf8'));

/** Undo the golden's encoding of what JSON cannot hold (Python floats, big ints, dict order). */
function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('__float__' in o) {
    const r = String(o.__float__);
    return new PyFloat(r === 'nan' ? NaN : r === 'inf' ? Infinity : r === '-inf' ? -Infinity : Number(r));
  }
  if ('__int__' in o) return BigInt(String(o.__int__));
  if ('__dict__' in o) return Object.fromEntries((o.__dict__ as Array<[string, unknown]>).map(([k, x]) => [k, decode(x)]));
  return v;
}

describe('dumpPyYaml is yaml.safe_dump(default_flow_style=False)', () => {
  const { cases } = golden('pyyaml-safe-dump.json') as { cases: Array<{ data: unknown; yaml: string }> };

  test.each(cases.map((c, i) => [i, c] as const))('golden case %i', (_i, c) => {
    expect(dumpPyYaml(decode(c.data))).toBe(c.yaml);
  });

  test('and what it writes reads back as the same data', () => {
    // Not byte-for-byte: a whole float (`1.0`) reads back as a JS number and is written `1`.
    for (const c of cases) {
      const data = loadPyYaml(c.yaml).value;
      expect(loadPyYaml(dumpPyYaml(data)).value).toEqual(data);
    }
  });

  test.each([
    [{ b: [1, 'x'], a: '14.3' }, "a: '14.3'\nb:\n- 1\n- x\n"],
    [{ t: new Date('2024-01-31T12:34:56.5Z'), d: new Date('2024-01-31T00:00:00Z') }, 'd: 2024-01-31\nt: 2024-01-31 12:34:56.500000\n'],
    [{ e: {}, l: [], n: null, f: new PyFloat(1) }, 'e: {}\nf: 1.0\nl: []\nn: null\n'],
    [{}, '{}\n'],
  ])('%j', (value, text) => expect(dumpPyYaml(value)).toBe(text));

  test('values YAML cannot hold are refused, cycles too', () => {
    expect(() => dumpPyYaml({ f: () => 1 })).toThrow(/Cannot write \$\.f to YAML/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => dumpPyYaml(loop)).toThrow(MlflowError);
  });
});

describe('loadPyYaml reads plain scalars as PyYAML safe_load does', () => {
  const { scalars } = golden('pyyaml-safe-load-scalars.json') as { scalars: Record<string, string> };
  const pythonOf = (v: unknown): string => {
    if (v === null) return 'None NoneType';
    if (typeof v === 'boolean') return `${v ? 'True' : 'False'} bool`;
    if (typeof v === 'bigint') return `${v} int`;
    if (typeof v === 'number') return `${v} number`;
    if (typeof v === 'string') return `${pyStrRepr(v)} str`;
    if (v instanceof Date) return 'datetime';
    return 'collection';
  };
  // `!` alone (an empty node with the non-specific tag) reads as '' here and None in PyYAML.
  const cases = Object.entries(scalars).filter(([text, want]) => text !== '' && text !== '!' && !text.includes('\n') && !want.startsWith("'ERROR'"));

  test.each(cases)('%j', (text, want) => {
    const got = pythonOf((loadPyYaml(`v: ${text}`).value as Record<string, unknown>).v);
    const [repr = '', type = ''] = [want.slice(0, want.lastIndexOf(' ')), want.slice(want.lastIndexOf(' ') + 1)];
    if (type === 'float' || type === 'int') expect(got).toBe(`${Number(repr === 'inf' ? Infinity : repr === '-inf' ? -Infinity : repr === 'nan' ? NaN : repr)} number`);
    else if (type === 'datetime' || type === 'date') expect(got).toBe('datetime');
    else if (type === 'list' || type === 'dict') expect(got).toBe('collection');
    else expect(got).toBe(want);
  });
});

describe('Python text', () => {
  const py = golden('python-repr-json.json') as { floats: string[][]; strings: string[][]; nested: string[] };

  test('float repr and json.dumps match CPython for 150 floats', () => {
    for (const [hex = '', repr, json] of py.floats) {
      const x = new DataView(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)).buffer).getFloat64(0);
      expect([pyFloatRepr(x), pythonJson(new PyFloat(x))]).toEqual([repr, json]);
    }
  });

  test('str repr and json.dumps (ensure_ascii) match CPython', () => {
    for (const [s = '', repr, json] of py.strings) expect([pyStrRepr(s), pythonJson(s)]).toEqual([repr, json]);
  });

  test('nested json.dumps, compact and indent=2', () => {
    expect(pythonJson({ a: [1, new PyFloat(2), null, true, 'x'], b: {}, c: [] })).toBe(py.nested[0]);
    expect(pythonJson({ a: [1, { b: [] }], c: 'd' }, 2)).toBe(py.nested[1]);
  });
});

describe('hostile and broken YAML', () => {
  const refused = (text: string) => {
    try {
      loadPyYaml(text);
    } catch (e) {
      expect(e).toBeInstanceOf(MlflowError);
      expect((e as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE');
      return (e as MlflowError).message;
    }
    throw new Error('expected a refusal');
  };

  test.each([
    ['a: !!python/object/apply:os.system ["echo pwned"]', /tag 'tag:yaml.org,2002:python\/object\/apply:os\.system' at line 1.*could not determine a constructor/],
    ['a:\n  b: !!python/name:os.system\n', /python\/name:os\.system' at line 2/],
    ['a: !custom x', /tag '!custom'/],
    ['a: !!binary aGVsbG8=', /MLmodel files never use it/],
    ['a: !!set {x}', /tag:yaml.org,2002:set/],
  ])('unsafe or unusual tag %j is refused, never constructed', (text, message) => {
    expect(refused(text)).toMatch(message);
  });

  test('lenient mode reads tags as plain data, with a warning', () => {
    const { value, warnings } = loadPyYaml('a: !!python/object/apply:os.system ["echo"]', 'lenient');
    expect(value).toEqual({ a: ['echo'] });
    expect(warnings[0]).toMatch(/^Read as plain data: Unresolved tag/);
  });

  test('malformed YAML names the line', () => expect(refused('a:\n  b: {c: 1\nd: 2\n')).toMatch(/^Not valid YAML: .*line \d+/));

  test('an alias bomb fails fast', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(refused(lines.join('\n'))).toMatch(/alias/i);
  });

  test('a self-containing alias, deep nesting and huge input are refused', () => {
    expect(refused('a: &x\n  b: *x\n')).toMatch(/alias that contains itself/);
    expect(refused(`${'['.repeat(200)}${']'.repeat(200)}`)).toMatch(/nested more than 100 levels|Not valid YAML|Could not read/);
    expect(refused(`a: "${'x'.repeat(16 * 1024 * 1024)}"`)).toMatch(/too large/);
  });

  test('big integers stay exact', () => {
    expect(loadPyYaml('a: 12345678901234567890\nb: 9007199254740991\n').value).toEqual({ a: 12345678901234567890n, b: 9007199254740991 });
  });

  test('property: any data dumped and loaded comes back equal (seeded)', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('yes', '1.0', 'null', '', '- a', 'a: b', '~'));
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)));
    const data = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(key, data, { maxKeys: 5 }), (d) => {
        expect(loadPyYaml(dumpPyYaml(d)).value).toEqual(d);
      }),
      { seed: 20240131, numRuns: 300 },
    );
  });
});
