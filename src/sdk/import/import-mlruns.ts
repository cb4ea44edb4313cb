// importMlruns: an MLflow FileStore tree (a zip, or its files) into a workspace, ids kept.
//   parse: find the store, read and check every file (domain/mlruns), read what is stored and
//          plan the changes by the import rules; nothing is written, and cancelling here (the
//          signal) or a fatal error leaves the workspace untouched
//   write: ONE MutationLayer.apply of every import/* mutation: one IndexedDB transaction, so a
//          failure, a quota error or a cancel during it rolls everything back
// A bad file is skipped with a warning naming it; the rest imports. The report counts what the
// tree holds, what was written and what was already here.
import { ImportTally, type ImportReport, type ImportWarning } from '../../domain/mlruns/import-report';
import type { Mutation } from '../../domain/mutations';
import type { Workspace } from '../workspace';
import { ImportTicker, type ImportOptions } from './import-progress';
import { openTreeSource, type MlrunsSource } from './import-source';
import { planArtifacts } from './locate-artifacts';
import { planArtifactWrites, planExperiments, planRuns } from './plan-tracking';
import { planRegistry } from './plan-registry';
import { readTree, TreeFiles } from './read-tree';

/** Roughly what a mutation writes, for the write phase's byte count. */
function bytesOf(m: Mutation): number {
  if (m.type === 'import/runs') return m.runs.reduce((n, r) => n + r.metrics.reduce((k, s) => k + s.values.length * 24, 0), 0);
  if (m.type === 'import/artifacts') return m.files.reduce((n, f) => n + f.size, 0);
  return 0;
}

function outsideWarnings(top: string, outside: readonly string[], used: ReadonlySet<string>): ImportWarning[] {
  const unused = new Map<string, number>();
  const prefix = top === '' ? '' : `${top}/`;
  for (const p of outside) {
    if (used.has(p)) continue;
    const first = p.slice(prefix.length).split('/')[0] as string;
    const key = prefix + first;
    unused.set(key, (unused.get(key) ?? 0) + 1);
  }
  return [...unused].map(([path, n]) => ({ path, message: `outside the MLflow store and used by no run: ${n} file${n === 1 ? '' : 's'} not imported.` }));
}

/**
 * Imports an MLflow FileStore tree: experiments, runs (params, tags, full metric histories,
 * dataset inputs, artifacts), deleted runs and experiments (.trash), MLflow 3 logged models (their
 * files go into their run's artifacts under the model's name) and the model registry, keeping
 * MLflow's ids. Importing the same tree again changes nothing; a newer copy adds only what is new.
 * All or nothing: a cancelled (`signal`) or failed import leaves the workspace as it was.
 * @example
 * const report = await importMlruns(ws, zipBlob, { onProgress: (p) => console.log(p.phase, p.done, p.total) });
 * console.log(report.imported.runs, report.warnings);
 */
export async function importMlruns(ws: Workspace, source: MlrunsSource, options: ImportOptions = {}): Promise<ImportReport> {
  const ticker = new ImportTicker(options);
  ticker.checkCancelled();
  const opened = await openTreeSource(source);
  const warnings: ImportWarning[] = [...opened.warnings];
  const warn = (w: ImportWarning): void => void warnings.push(w);
  const files = new TreeFiles(opened, warn);
  await ticker.tick({ phase: 'parse', done: 0, total: files.total, bytes: 0 }, true);

  const tree = await readTree(files, ticker, warn);
  const tally = new ImportTally();
  const artifacts = planArtifacts(tree, [...opened.files.keys()], warn);
  warnings.push(...outsideWarnings(tree.layout.top, tree.layout.outside, artifacts.usedOutside));
  const mutations: Mutation[] = [
    ...(await planExperiments(ws, tree, tally)),
    ...(await planRuns(ws, tree, tally, warn, ticker, files)),
    ...(await planArtifactWrites(ws, artifacts, tally, warn, ticker, files)),
    ...(await planRegistry(ws, tree, artifacts, tally, warn)),
  ];
  await ticker.tick({ phase: 'parse', done: files.total, total: files.total, bytes: files.bytesRead }, true);

  if (mutations.length > 0) {
    if (await ws.store.mutations.isJournaling()) {
      warn({ path: tree.layout.root, message: 'this workspace is shared: the imported data stays on this device (sync does not carry imports yet).' });
    }
    const total = mutations.length;
    let written = 0;
    ticker.report({ phase: 'write', done: 0, total, bytes: 0 }, true);
    await ws.store.mutations.apply(mutations, 'import', {
      onApplied: (done) => {
        written += bytesOf(mutations[done - 1] as Mutation);
        ticker.report({ phase: 'write', done, total, bytes: written }, done === total);
      },
    });
  }
  return {
    root: tree.layout.root,
    found: tally.found,
    imported: tally.imported,
    unchanged: tally.unchanged,
    skippedFiles: opened.warnings.length + files.unused,
    warnings,
    changed: mutations.length > 0,
  };
}
