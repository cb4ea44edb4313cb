#!/usr/bin/env node
// `npm test`: typecheck + unit tests + end-to-end tests, then ONE closing line `N passed, N failed`
// (CI reads that line; vitest's own summary is not in a format it recognises).
// Every stage runs even if an earlier one failed, so one run shows everything that is broken.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_MISSING, chromiumPath } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

// (a) Fail fast and clearly: without Chromium the e2e stage cannot run at all.
if (!chromiumPath()) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}

const bin = (name) => `node_modules/.bin/${name}`;
const run = (label, cmd, args) => {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  console.log(`=== ${label}: exit ${r.status ?? r.signal} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r.status === 0;
};

let passed = 0;
let failed = 0;

// (b) Typecheck. A failure counts as 1 failed test; success adds nothing to the counts.
if (!run('typecheck', bin('tsc'), ['-p', '.'])) failed += 1;

// (c)+(d) vitest with its normal (streamed) output plus a JSON report we can count from.
function vitest(label, configArgs, jsonFile) {
  rmSync(jsonFile, { force: true });
  const ok = run(label, bin('vitest'), [
    'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`,
  ]);
  if (!existsSync(jsonFile)) {
    // vitest died before reporting (config error, crash): one failure, so it cannot go unnoticed.
    failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(jsonFile, 'utf8'));
  passed += r.numPassedTests;
  let f = r.numFailedTests;
  // A file that fails to load has status 'failed' but no failed assertions: count it once.
  for (const file of r.testResults ?? []) {
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) f += 1;
  }
  // Unhandled errors / teardown failures make vitest exit non-zero with all tests green.
  if (!ok && f === 0) f = 1;
  failed += f;
}
vitest('unit tests', [], '.vitest-results.json');
vitest('e2e tests', ['-c', 'vitest.e2e.config.ts'], '.vitest-results-e2e.json');

// (e) Must stay the last line of output.
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
