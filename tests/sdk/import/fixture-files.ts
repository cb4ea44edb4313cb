// The shared fixtures' mlruns trees (README §1) as import sources: every file of a fixture folder
// with its path relative to that folder, or the same zipped (fflate) as a user would pick it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

export const FILESTORE = join(process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures', 'mlflow-filestore');

export const FIXTURE_TREES = ['packt-dl-at-scale-chapter02', 'packt-dl-at-scale-chapter08', 'manuelgilm-mlflow-for-ml-dev', 'shisian512-mlops'] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every file of `fixture`/`sub` (default the whole fixture folder), paths relative to `fixture`/`sub`. */
export function fixtureFiles(fixture: string, sub = ''): Array<{ path: string; data: Uint8Array }> {
  const base = join(FILESTORE, fixture, sub);
  return walk(base)
    .filter((p) => !p.endsWith('SKIPPED.txt'))
    .map((p) => ({ path: relative(base, p).split('\\').join('/'), data: new Uint8Array(readFileSync(p)) }));
}

/** The files as a zip, optionally under a wrapping folder. */
export function zipOf(files: ReadonlyArray<{ path: string; data: Uint8Array }>, wrap = ''): Blob {
  const tree: Record<string, Uint8Array> = {};
  for (const f of files) tree[wrap ? `${wrap}/${f.path}` : f.path] = f.data;
  return new Blob([zipSync(tree, { level: 6 })], { type: 'application/zip' });
}
