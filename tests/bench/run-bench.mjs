#!/usr/bin/env node
// `npm run bench [-- <name filter>]`: build the bench page (vite --mode bench: no PWA, output in
// node_modules/.cache, so nothing reaches dist/ or the precache), serve it with vite preview
// (COOP/COEP like the app), run window.runBenchmarks() in headless Chromium, print a table and
// write bench-results.json. Benchmarks themselves live in tests/bench/benchmarks.ts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { launchChromium } from '../chromium.mjs';
import { startBenchRelay } from './bench-relay.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const configFile = `${root}vite.config.ts`;
const filter = process.argv[2];
process.env.NODE_ENV = 'production';

const t0 = performance.now();
await build({ root, configFile, mode: 'bench', logLevel: 'warn' });
const server = await preview({ root, configFile, mode: 'bench', logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
const base = server.resolvedUrls?.local[0];
console.log(`bench page built and served at ${base} in ${Math.round(performance.now() - t0)} ms`);

const browser = await launchChromium();
let results = [];
let env = {};
let relay;
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(new URL('tests/bench/bench.html', base).href);
  await page.waitForFunction(() => typeof window.runBenchmarks === 'function');
  env = await page.evaluate(() => ({
    userAgent: navigator.userAgent,
    crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
  }));
  const names = await page.evaluate(() => window.benchmarkNames());
  console.log(`running ${filter ? `benchmarks matching "${filter}"` : 'all benchmarks'} of: ${names.join(', ')}`);
  // The sync benchmark needs a real relay process (stopped in `finally`); the page reaches it
  // through window.benchRelay(op, arg): 'info', 'metrics' (arg true: after a forced GC), 'disk'
  // (arg: a workspace id, or all rooms).
  if (names.some((n) => n.startsWith('sync') && (!filter || n.includes(filter)))) {
    relay = await startBenchRelay({ allowedOrigin: new URL(base).origin });
    console.log(`relay started at ${relay.url} (data ${relay.dataDir})`);
    await page.exposeFunction('benchRelay', async (op, arg) => {
      if (op === 'info') return { url: relay.url };
      if (op === 'metrics') return relay.metrics(Boolean(arg));
      if (op === 'disk') return relay.disk(arg);
      throw new Error(`benchRelay: unknown op ${op}`);
    });
  }
  // page.evaluate has no timeout: benchmarks may take minutes.
  results = await page.evaluate((f) => window.runBenchmarks(f), filter);
} finally {
  await browser.close();
  await server.close();
  if (relay) {
    const log = relay.log.trim();
    await relay.stop();
    if (log) console.log(`relay output:\n${log.split('\n').slice(-20).join('\n')}`);
  }
}

// ---- report ----
const fmt = (n) =>
  n === undefined || n === null ? '' : Number.isNaN(n) ? 'NaN' : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
const rows = results.map((r) => ({
  benchmark: r.benchmark,
  name: r.name,
  value: fmt(r.value),
  unit: r.unit,
  baseline: fmt(r.baseline),
  ratio: r.ratio === undefined ? '' : `${fmt(r.ratio)}x`,
  // Targets are "at most" for costs; a benchmark wanting "at least" says so in notes.
  target: r.target === undefined ? '' : `${fmt(r.target)} ${r.value <= r.target ? 'met' : 'MISSED'}`,
  notes: r.error ? `ERROR: ${r.error.split('\n')[0]}` : (r.notes ?? ''),
}));
const cols = ['benchmark', 'name', 'value', 'unit', 'baseline', 'ratio', 'target', 'notes'];
const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
const line = (r) => cols.map((c) => String(r[c]).padEnd(width[c])).join(' | ');
console.log(`\n${line(Object.fromEntries(cols.map((c) => [c, c])))}`);
console.log(cols.map((c) => '-'.repeat(width[c])).join('-|-'));
for (const r of rows) console.log(line(r));

writeFileSync(
  `${root}bench-results.json`,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, env, filter: filter ?? null, results }, null, 2),
);
console.log(`\nwrote bench-results.json (${results.length} results) in ${((performance.now() - t0) / 1000).toFixed(1)} s total`);
const failed = results.filter((r) => r.error);
for (const r of failed) console.error(`\n${r.benchmark} failed:\n${r.error}`);
process.exit(failed.length ? 1 : 0);
