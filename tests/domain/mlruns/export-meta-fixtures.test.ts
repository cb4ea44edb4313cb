// The meta.yaml writer against files MLflow itself wrote: every meta.yaml of the real FileStore
// trees in the fixtures (experiments, runs, datasets, inputs, logged models, registered models and
// versions; MLflow 1.27 to 3.1) comes out byte for byte when its content is written again.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { metaYaml } from '../../../src/domain/mlruns/export-meta';

const ROOT = `${process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures'}/mlflow-filestore`;

function metaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? metaFiles(p) : f === 'meta.yaml' ? [p] : [];
  });
}

test('every fixture meta.yaml is written back byte for byte', () => {
  const files = metaFiles(ROOT);
  expect(files.length).toBeGreaterThan(100);
  const differing = files.filter((f) => {
    const text = readFileSync(f, 'utf8');
    return metaYaml(parse(text, { version: '1.1' }) as Record<string, unknown>) !== text;
  });
  expect(differing).toEqual([]);
});
