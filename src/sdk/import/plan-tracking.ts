// The tracking half of an import plan: what the tree's experiments, runs, metric histories and
// artifacts change in this workspace, as import/* mutations, with the counts for the report.
// Reads the stored rows first and applies the import rules (domain/mlruns/import-rules.ts,
// metric-merge.ts) to them; entities that would not change get no mutation at all, so importing
// the same tree twice writes nothing.
import type { Experiment } from '../../domain/entities';
import type { ImportTally, ImportWarning } from '../../domain/mlruns/import-report';
import { freeExperimentName, mergeExperiment, mergeRun, unchangedRow, withPoints, type RunRowLike } from '../../domain/mlruns/import-rules';
import { newMetricPoints } from '../../domain/mlruns/metric-merge';
import type { ImportedArtifact, ImportedRun, ImportedSeries, Mutation } from '../../domain/mutations';
import { readRunHistories, storedArtifactHashes, storedMetricKeys, type StoredHistory } from '../../storage/import-reads';
import type { ImportTicker } from '../../domain/mlruns/import-progress';
import type { HashedArtifact, ParsedImport } from '../../domain/mlruns/parse-import';
import type { ParsedTree, TreeRun } from '../../domain/mlruns/read-tree';
import type { Workspace } from '../workspace';

type Warn = (w: ImportWarning) => void;

export async function planExperiments(ws: Workspace, tree: ParsedTree, tally: ImportTally): Promise<Mutation[]> {
  const stored = await ws.store.db.experiments.toArray();
  const byId = new Map(stored.map((e) => [e.experimentId, e]));
  const names = new Map(stored.map((e) => [e.name, e.experimentId]));
  const out: Mutation[] = [];
  for (const file of tree.experiments) {
    const id = file.experimentId;
    const previous = byId.get(id) ?? null;
    const name = freeExperimentName(file.name, id, (n) => names.has(n) && names.get(n) !== id);
    const starts = tree.runs.filter((r) => r.run.info.experimentId === id).map((r) => r.run.info.startTime);
    const row: Experiment = mergeExperiment(previous, file, name, starts.length > 0 ? Math.min(...starts) : 0);
    if (previous && previous.name !== name) names.delete(previous.name);
    names.set(name, id);
    const same = unchangedRow(previous, row);
    tally.add('experiments', 1, same ? 0 : 1);
    if (!same) out.push({ type: 'import/experiment', experiment: row, previous });
  }
  return out;
}

function planMetrics(row: RunRowLike, tr: TreeRun, histories: ReadonlyMap<string, StoredHistory>, tally: ImportTally, warn: Warn): ImportedSeries[] {
  const series: ImportedSeries[] = [];
  for (const m of tr.run.metrics) {
    const stored = histories.get(m.key) ?? null;
    const { points, rule } = newMetricPoints(stored?.columns ?? null, m);
    const fresh = points.values.length;
    tally.add('metricKeys', 1, fresh > 0 ? 1 : 0);
    tally.add('metricPoints', m.values.length, fresh);
    if (rule === 'not-stored' && fresh > 0) {
      warn({ path: `${tr.folder.dir}/metrics/${m.key}`, message: `the stored history differs from the file's; the ${fresh} point${fresh === 1 ? '' : 's'} not stored yet were appended.` });
    }
    if (fresh === 0) continue;
    withPoints(row, m.key, points);
    series.push({ key: m.key, after: stored ? stored.tail : null, ...points });
  }
  return series;
}

export async function planRuns(ws: Workspace, tree: ParsedTree, tally: ImportTally, warn: Warn, ticker: ImportTicker): Promise<Mutation[]> {
  const ids = tree.runs.map((r) => r.run.info.runId);
  const storedRows = await ws.store.db.runs.bulkGet(ids);
  const existing = ids.filter((_, i) => storedRows[i] !== undefined);
  const keysByRun = await storedMetricKeys(ws.store.db, existing);
  const needsHistories = (tr: TreeRun): boolean => {
    const keys = keysByRun.get(tr.run.info.runId);
    return keys !== undefined && tr.run.metrics.some((m) => keys.has(m.key));
  };
  const histories = new StoredHistories(ws, tree.runs, needsHistories);
  const batch = new RunBatches();
  for (const [i, tr] of tree.runs.entries()) {
    const previous: RunRowLike | null = storedRows[i] ?? null;
    const merge = mergeRun(previous, tr.run);
    const { row } = merge;
    tally.add('params', Object.keys(tr.run.params).length, merge.params.fresh);
    tally.add('tags', Object.keys(tr.run.tags).length, merge.tags.fresh);
    tally.add('datasetInputs', tr.run.datasetInputs.length, merge.datasetInputs.fresh);
    for (const c of merge.params.conflicts) {
      warn({ path: `${tr.folder.dir}/params/${c.key}`, message: `kept the stored value '${c.stored.slice(0, 100)}': the file has '${c.file.slice(0, 100)}', and an MLflow param never changes once logged.` });
    }
    if (tr.run.modelInputs > 0) warn({ path: `${tr.folder.dir}/inputs`, message: `${tr.run.modelInputs} logged-model input${tr.run.modelInputs === 1 ? '' : 's'} not imported (Orchard has no logged-model entity).` });
    const metrics = planMetrics(row, tr, await histories.of(i), tally, warn);
    const same = metrics.length === 0 && unchangedRow(previous, row);
    tally.add('runs', 1, same ? 0 : 1);
    if (!same) batch.add({ run: row, previous, metrics });
    await ticker.tick({ phase: 'plan', done: i + 1, total: tree.runs.length, bytes: 0 });
  }
  return batch.done();
}

/** The stored histories of the runs being planned, read ahead for a group of runs at a time (up
 * to 100 runs or ~200,000 points in their files) rather than with a request per run; only runs
 * whose files have a key stored here are read. */
class StoredHistories {
  private readonly read = new Map<number, Map<string, StoredHistory>>();
  private readonly none = new Map<string, StoredHistory>();

  constructor(
    private readonly ws: Workspace,
    private readonly runs: readonly TreeRun[],
    private readonly needs: (tr: TreeRun) => boolean,
  ) {}

  /** The stored histories (by key) of the `index`th run of the tree; each index is asked once. */
  async of(index: number): Promise<ReadonlyMap<string, StoredHistory>> {
    if (!this.needs(this.runs[index] as TreeRun)) return this.none;
    if (!this.read.has(index)) await this.readFrom(index);
    const found = this.read.get(index) ?? this.none;
    this.read.delete(index);
    return found;
  }

  private async readFrom(index: number): Promise<void> {
    const group: number[] = [];
    let points = 0;
    for (let i = index; i < this.runs.length && group.length < 100 && points < 200_000; i++) {
      const tr = this.runs[i] as TreeRun;
      if (!this.needs(tr)) continue;
      group.push(i);
      points += tr.run.metrics.reduce((n, m) => n + m.values.length, 0);
    }
    const byRun = await readRunHistories(this.ws.store.db, group.map((i) => (this.runs[i] as TreeRun).run.info.runId));
    for (const i of group) this.read.set(i, byRun.get((this.runs[i] as TreeRun).run.info.runId) ?? this.none);
  }
}

/** Runs grouped into import/runs mutations of up to ~100 runs or ~200,000 points each: few enough
 * requests for IndexedDB to write fast, small enough for the write phase to report progress. */
class RunBatches {
  private readonly out: Mutation[] = [];
  private runs: ImportedRun[] = [];
  private points = 0;

  add(run: ImportedRun): void {
    this.runs.push(run);
    this.points += run.metrics.reduce((n, s) => n + s.values.length, 0);
    if (this.runs.length >= 100 || this.points >= 200_000) this.flush();
  }

  private flush(): void {
    if (this.runs.length > 0) this.out.push({ type: 'import/runs', runs: this.runs });
    this.runs = [];
    this.points = 0;
  }

  done(): Mutation[] {
    this.flush();
    return this.out;
  }
}

/** Why `path` cannot sit among `others` (a file where a folder is, or inside a file), or undefined. */
function structureProblem(path: string, others: ReadonlySet<string>, sortedOthers: readonly string[]): string | undefined {
  const segs = path.split('/');
  for (let i = 1; i < segs.length; i++) {
    const ancestor = segs.slice(0, i).join('/');
    if (others.has(ancestor)) return `'${ancestor}' is a file`;
  }
  const prefix = `${path}/`;
  if (sortedOthers.some((o) => o.startsWith(prefix))) return 'a folder of that name exists';
  return undefined;
}

/** The run's artifact files that are new or differ from what is stored; a file that cannot sit
 * among the others (a file where a folder is) is left out and counted in `skipped`. */
function artifactsOfRun(runId: string, list: readonly HashedArtifact[], stored: ReadonlyMap<string, string>, tally: ImportTally, warn: Warn, skipped: { files: number }): ImportedArtifact[] {
  const all = new Set([...stored.keys(), ...list.map((f) => f.path)]);
  const sortedAll = [...all].sort();
  const out: ImportedArtifact[] = [];
  for (const f of list) {
    const problem = structureProblem(f.path, all, sortedAll);
    if (problem) {
      warn({ path: f.source, message: `artifact '${f.path}' of run ${runId} not imported: ${problem}.` });
      skipped.files++;
      continue;
    }
    const previous = stored.get(f.path) ?? null;
    const fresh = previous !== f.sha256;
    tally.add('artifacts', 1, fresh ? 1 : 0);
    tally.add('artifactBytes', f.size, fresh ? f.size : 0);
    if (fresh) out.push({ path: f.path, sha256: f.sha256, size: f.size, data: f.data, previous });
  }
  return out;
}

export async function planArtifactWrites(ws: Workspace, parsed: ParsedImport, tally: ImportTally, warn: Warn, ticker: ImportTicker, skipped: { files: number }): Promise<Mutation[]> {
  const out: Mutation[] = [];
  const at = Date.now();
  const freshByRun = new Map<string, Set<string>>();
  let done = 0;
  // Every run of the tree has an entry, most often an empty list: only runs with files are read.
  const withFiles = [...parsed.artifacts].flatMap(([runId, list]) => (list.length > 0 ? [runId] : []));
  const storedByRun = await storedArtifactHashes(ws.store.db, withFiles);
  for (const [runId, list] of parsed.artifacts) {
    const fresh = artifactsOfRun(runId, list, storedByRun.get(runId) ?? new Map<string, string>(), tally, warn, skipped);
    freshByRun.set(runId, new Set(fresh.map((f) => f.path)));
    if (fresh.length > 0) out.push({ type: 'import/artifacts', runId, files: fresh, at });
    await ticker.tick({ phase: 'plan', done: ++done, total: parsed.artifacts.size, bytes: 0 });
  }
  for (const m of parsed.models.values()) {
    const fresh = [...(freshByRun.get(m.runId) ?? [])].some((p) => p.startsWith(`${m.path}/`));
    tally.add('loggedModels', 1, fresh ? 1 : 0);
  }
  return out;
}
