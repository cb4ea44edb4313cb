// importMlruns: an MLflow FileStore tree (a zip, or its files) into a workspace, ids kept.
//   parse: read and check every file (domain/mlruns/parse-import.ts), in this thread or in a
//          worker (options.parser); nothing is written
//   plan:  read what is stored and turn the tree into import/* mutations by the import rules;
//          entities that would not change get none
//   write: ONE MutationLayer.apply of every mutation: one IndexedDB transaction, so a failure, a
//          quota error or a cancel during it rolls everything back
// prepareMlrunsImport stops after the plan, so a page can show what would be imported first.
// A bad file is skipped with a warning naming it; the rest imports. The report counts what the
// tree holds, what was (or would be) written and what was already here.
import { ImportTicker, type ImportOptions as PhaseOptions } from '../../domain/mlruns/import-progress';
import { ImportTally, type ImportReport, type ImportWarning } from '../../domain/mlruns/import-report';
import { parseMlruns, type MlrunsParser, type ParsedImport } from '../../domain/mlruns/parse-import';
import type { MlrunsSource } from '../../domain/mlruns/tree-source';
import type { Mutation } from '../../domain/mutations';
import type { Workspace } from '../workspace';
import { planArtifactWrites, planExperiments, planRuns } from './plan-tracking';
import { planRegistry } from './plan-registry';

export interface ImportOptions extends PhaseOptions {
  /** how the tree is parsed: in this thread (default) or in a worker (`parseMlrunsInWorker` from sdk/import-worker) */
  parser?: MlrunsParser;
}

/** An import read and compared with the workspace, not written yet. */
export interface PreparedImport {
  /** what apply() would write if the workspace stays as it is: `imported` counts the new and changed */
  readonly preview: ImportReport;
  /** the tree as read: its files and their bytes */
  readonly tree: { files: number; bytes: number };
  /** Compares with the workspace again (it may have changed since) and writes, all or nothing. */
  apply(options?: PhaseOptions): Promise<ImportReport>;
}

interface Plan {
  mutations: Mutation[];
  report: ImportReport;
}

/** Roughly what a mutation writes, for the write phase's byte count. */
function bytesOf(m: Mutation): number {
  if (m.type === 'import/runs') return m.runs.reduce((n, r) => n + r.metrics.reduce((k, s) => k + s.values.length * 24, 0), 0);
  if (m.type === 'import/artifacts') return m.files.reduce((n, f) => n + f.size, 0);
  return 0;
}

async function plan(ws: Workspace, parsed: ParsedImport, ticker: ImportTicker): Promise<Plan> {
  const warnings: ImportWarning[] = [...parsed.warnings];
  const warn = (w: ImportWarning): void => void warnings.push(w);
  const tally = new ImportTally();
  const skipped = { files: parsed.skippedFiles };
  const mutations: Mutation[] = [
    ...(await planExperiments(ws, parsed.tree, tally)),
    ...(await planRuns(ws, parsed.tree, tally, warn, ticker)),
    ...(await planArtifactWrites(ws, parsed, tally, warn, ticker, skipped)),
    ...(await planRegistry(ws, parsed, tally, warn)),
  ];
  const report: ImportReport = {
    root: parsed.tree.layout.root,
    found: tally.found,
    imported: tally.imported,
    unchanged: tally.unchanged,
    skippedFiles: skipped.files,
    warnings,
    changed: mutations.length > 0,
  };
  return { mutations, report };
}

async function write(ws: Workspace, { mutations, report }: Plan, ticker: ImportTicker): Promise<ImportReport> {
  if (mutations.length === 0) return report;
  const total = mutations.length;
  let written = 0;
  ticker.report({ phase: 'write', done: 0, total, bytes: 0 }, true);
  await ws.store.mutations.apply(mutations, 'import', {
    onApplied: (done) => {
      written += bytesOf(mutations[done - 1] as Mutation);
      ticker.report({ phase: 'write', done, total, bytes: written }, done === total);
    },
  });
  return report;
}

async function parse(source: MlrunsSource, options: ImportOptions): Promise<ParsedImport> {
  const { parser = parseMlruns, onProgress, signal } = options;
  signal?.throwIfAborted();
  return parser(source, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
}

/**
 * Reads an MLflow FileStore tree and compares it with the workspace without writing anything:
 * `preview` says what would be imported, `apply()` imports it.
 * @example
 * const prepared = await prepareMlrunsImport(ws, zipBlob);
 * if (confirm(`${prepared.preview.imported.runs} new runs`)) await prepared.apply();
 */
export async function prepareMlrunsImport(ws: Workspace, source: MlrunsSource, options: ImportOptions = {}): Promise<PreparedImport> {
  const parsed = await parse(source, options);
  const { report } = await plan(ws, parsed, new ImportTicker(options));
  return {
    preview: report,
    tree: { files: parsed.files, bytes: parsed.bytes },
    async apply(applyOptions: PhaseOptions = {}) {
      const ticker = new ImportTicker(applyOptions);
      return write(ws, await plan(ws, parsed, ticker), ticker);
    },
  };
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
  const parsed = await parse(source, options);
  const ticker = new ImportTicker(options);
  return write(ws, await plan(ws, parsed, ticker), ticker);
}
