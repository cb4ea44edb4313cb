// Keeps the house in order: imports flow one way (app -> features -> ui/sdk -> sync/compute ->
// storage -> domain), only storage imports dexie, only sync imports yjs, domain imports no
// framework, workers and the relay import only domain, and no module imports itself in a cycle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(__dirname, '..');
const LAYERS = ['domain', 'storage', 'sync', 'compute', 'sdk', 'ui', 'features', 'app'] as const;
type Layer = (typeof LAYERS)[number];
/** What each layer may import (besides itself). */
const ALLOWED: Record<Layer, Layer[]> = {
  domain: [],
  storage: ['domain'],
  sync: ['storage', 'domain'],
  compute: ['storage', 'domain'],
  sdk: ['sync', 'compute', 'storage', 'domain'],
  ui: ['sdk', 'domain'],
  features: ['ui', 'sdk', 'domain'],
  app: ['features', 'ui', 'sdk', 'domain'],
};
const PACKAGE_OWNERS: Record<string, Layer[]> = { dexie: ['storage'], yjs: ['sync'], 'y-websocket': ['sync'], 'solid-js': ['ui', 'features', 'app'] };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] as string);
}

function layerOf(path: string): Layer | undefined {
  const rel = relative(join(root, 'src'), path).split('/')[0];
  return (LAYERS as readonly string[]).includes(rel ?? '') ? (rel as Layer) : undefined;
}

test('src layers import only downwards, and packages only where they belong', () => {
  const problems: string[] = [];
  for (const file of files(join(root, 'src'))) {
    const from = layerOf(file);
    if (!from) continue;
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const to = layerOf(resolve(dirname(file), spec));
        if (to && to !== from && !ALLOWED[from].includes(to)) problems.push(`${relative(root, file)} (${from}) imports ${spec} (${to})`);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
        const owners = PACKAGE_OWNERS[pkg];
        if (owners && !owners.includes(from)) problems.push(`${relative(root, file)} (${from}) imports package ${pkg}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('workers and the relay import only pure domain code', () => {
  const problems: string[] = [];
  for (const dir of ['workers', 'sync-server']) {
    for (const file of files(join(root, dir))) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        const inside = target.startsWith(join(root, dir));
        if (!inside && layerOf(target) !== 'domain') problems.push(`${relative(root, file)} imports ${spec}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('no import cycles in src', () => {
  const graph = new Map<string, string[]>();
  const all = files(join(root, 'src'));
  const resolveFile = (from: string, spec: string): string | undefined => {
    const base = resolve(dirname(from), spec);
    return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => all.includes(c));
  };
  for (const f of all) graph.set(f, importsOf(f).filter((s) => s.startsWith('.')).map((s) => resolveFile(f, s)).filter((x): x is string => !!x));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(root, p)).join(' -> '));
      return;
    }
    state.set(f, 'visiting');
    for (const g of graph.get(f) ?? []) visit(g, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of all) visit(f, []);
  expect(cycles).toEqual([]);
});
