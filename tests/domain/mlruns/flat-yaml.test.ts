// The fast reader of flat meta.yaml files must read exactly what PyYAML's safe_load (loadPyYaml)
// reads, or decline and leave the text to it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readFlatYaml } from '../../../src/domain/mlruns/flat-yaml';
import { loadPyYaml } from '../../../src/domain/models/pyyaml-load';

const FILESTORE = join(process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures', 'mlflow-filestore');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

describe('readFlatYaml', () => {
  test('every meta.yaml of the fixtures: the same mapping as safe_load, or declined', () => {
    const metas = walk(FILESTORE).filter((p) => p.endsWith('meta.yaml'));
    let fast = 0;
    for (const path of metas) {
      const text = readFileSync(path, 'utf8');
      const flat = readFlatYaml(text);
      if (flat === undefined) continue;
      fast++;
      expect(flat, path).toEqual(loadPyYaml(text).value);
    }
    // run and experiment metas are flat; dataset metas (wrapped lines) and nested tags are not
    expect(fast).toBeGreaterThan(100);
  });

  test('declines what it does not read itself', () => {
    for (const text of ['tags:\n  a: b\n', 'a: "x"\n', 'a: !!python/object:os.system x\n', 'a: &x 1\nb: *x\n', 'a: x # c\n', 'a: [1]\n', ' a: 1\n', 'a: |\n  x\n', '- 1\n', 'a: 1.5\n', 'a: 0x1f\n']) {
      expect(readFlatYaml(text), text).toBeUndefined();
    }
  });

  test('property: on any flat document it reads, it agrees with safe_load', () => {
    const tricky = fc.constantFrom(
      'yes', 'No', 'on', 'true', 'y', 'n', '~', 'null', 'Null', '', '1', '-1', '+5', '010', '0o7', '0b11', '12:30', '1.0', '1e3', '.5', '.inf', '-.inf', '.nan',
      '2001-12-14', "''", "'a'", "'it''s'", "'a: b'", 'a: b', 'a #b', 'a#b', ':x', 'x:', 'file:///C:/x/y', 'mlflow-artifacts:/0', '- x', '-x', '@x', '`x', '%x', '[]', '{}', 'a b', 'x ', '9007199254740993',
    );
    const value = fc.oneof(tricky, fc.stringMatching(/^[ -~]{0,12}$/));
    const doc = fc.array(fc.tuple(fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/), value), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(doc, (entries) => {
        const text = entries.map(([k, v]) => `${k}: ${v}\n`).join('');
        const flat = readFlatYaml(text);
        if (flat === undefined) return;
        let full: unknown;
        try {
          full = loadPyYaml(text).value;
        } catch {
          throw new Error(`flat read a document safe_load refuses: ${JSON.stringify(text)}`);
        }
        expect(flat).toEqual(full);
      }),
      { seed: 5, numRuns: 3000 },
    );
  });
});
