// One run folder of an mlruns tree, read as FileStore.get_run reads it: meta.yaml (old `run_uuid`
// / `name: ''` files and new ones), params/, tags/, metrics/ (full histories), and inputs/ joined
// with the experiment's datasets (FileStore._get_all_inputs). The run name is the meta's
// run_name, else the mlflow.runName tag (MLflow < 1.29 kept it only there). Problems with one
// file are reported and that file left out; a run whose meta.yaml is unusable is skipped whole.
import type { Dataset, DatasetInput, RunInfo } from '../entities';
import { invalidParameter } from '../errors';
import type { MetricColumns } from '../metric-history';
import { RUN_NAME_TAG } from '../system-tags';
import { LIMITS, limitLength, validateKey, validateRunId } from '../validation';
import type { KeyFile, RunFolder } from './layout';
import { parseInputMeta, parseRunMeta } from './meta-yaml';
import { parseMetricLines } from './metric-lines';
import { attempt, readKeyValues, textOf, type FileBytes, type Warn } from './tree-files';

export interface FileRun {
  info: RunInfo;
  /** ms; set when the file has one (deleted runs) */
  deletedTime: number | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** full histories in file order */
  metrics: Array<{ key: string } & MetricColumns>;
  datasetInputs: DatasetInput[];
  /** MLflow 3 inputs that are logged models, which Orchard does not hold */
  modelInputs: number;
}

export interface RunContext {
  experimentId: string;
  /** the experiment's artifact location, for a run meta without artifact_uri */
  artifactLocation: string;
  datasets: ReadonlyMap<string, Dataset>;
}

export function readMetrics(files: readonly KeyFile[], bytesOf: FileBytes, warn: Warn): FileRun['metrics'] {
  const out: FileRun['metrics'] = [];
  for (const f of files) {
    const bytes = bytesOf(f.path);
    if (!bytes) continue;
    const key = attempt(f.path, warn, () => limitLength('Metric name', LIMITS.entityKey, validateKey('metric', f.key)), 'skipped: ');
    if (key === undefined) continue;
    const parsed = parseMetricLines(bytes);
    if (parsed.problemCount > 0) {
      const shown = parsed.problems.slice(0, 3).map((p) => `line ${p.line} '${p.text}': ${p.reason}`).join('; ');
      const more = parsed.problemCount > 3 ? ` (and ${parsed.problemCount - 3} more)` : '';
      warn(f.path, `${parsed.problemCount} line${parsed.problemCount === 1 ? ' is' : 's are'} not 'timestamp value step' and ${parsed.problemCount === 1 ? 'was' : 'were'} skipped: ${shown}${more}.`, parsed.values.length > 0);
    }
    if (parsed.values.length === 0) {
      if (parsed.problemCount === 0) warn(f.path, 'skipped: the metric file holds no points (MLflow reads it as malformed).');
      continue;
    }
    out.push({ key, steps: parsed.steps, timestamps: parsed.timestamps, values: parsed.values });
  }
  return out;
}

function readInputs(files: readonly KeyFile[], ctx: RunContext, bytesOf: FileBytes, warn: Warn): { datasetInputs: DatasetInput[]; modelInputs: number } {
  const datasetInputs: DatasetInput[] = [];
  let modelInputs = 0;
  for (const f of files) {
    const bytes = bytesOf(f.path);
    if (!bytes) continue;
    const input = attempt(f.path, warn, () => parseInputMeta(textOf(bytes)), 'input skipped: ');
    if (!input) continue;
    if (input.sourceType !== 'DATASET') {
      modelInputs++;
      continue;
    }
    const dataset = ctx.datasets.get(input.sourceId);
    if (!dataset) {
      warn(f.path, `input skipped: it names dataset ${input.sourceId}, which is not in the experiment's datasets/ folder.`);
      continue;
    }
    const bad = input.tags.find((t) => t.key.length > LIMITS.inputTagKey || t.value.length > LIMITS.inputTagValue);
    if (bad) {
      warn(f.path, `input skipped: tag '${bad.key.slice(0, 40)}' is longer than MLflow allows (key ${LIMITS.inputTagKey}, value ${LIMITS.inputTagValue} characters).`);
      continue;
    }
    datasetInputs.push({ dataset: { ...dataset }, tags: input.tags });
  }
  return { datasetInputs, modelInputs };
}

/** The run of a folder, or undefined (reported) when its meta.yaml is missing or unusable. */
export function readRun(folder: RunFolder, ctx: RunContext, bytesOf: FileBytes, warn: Warn): FileRun | undefined {
  const where = folder.meta ?? `${folder.dir}/meta.yaml`;
  const bytes = folder.meta ? bytesOf(folder.meta) : undefined;
  if (!bytes) {
    warn(where, 'unreadable: the run was skipped.');
    return undefined;
  }
  const meta = attempt(where, warn, () => {
    const m = parseRunMeta(textOf(bytes));
    validateRunId(m.runId);
    if (m.runId !== folder.id) throw invalidParameter(`it says run_id '${m.runId}' but sits in folder '${folder.id}' (MLflow finds runs by folder name).`);
    if (m.experimentId !== ctx.experimentId) throw invalidParameter(`it says experiment_id '${m.experimentId}' but sits in experiment ${ctx.experimentId} (MLflow ignores such a run too).`);
    return m;
  }, 'the run was skipped: ');
  if (!meta) return undefined;
  const tags = readKeyValues(folder.tags, 'tag', bytesOf, warn);
  const info: RunInfo = {
    runId: meta.runId,
    runName: meta.runName || tags[RUN_NAME_TAG] || meta.legacyName,
    experimentId: meta.experimentId,
    userId: meta.userId,
    status: meta.status,
    startTime: meta.startTime ?? 0,
    endTime: meta.endTime,
    artifactUri: meta.artifactUri ?? `${ctx.artifactLocation}/${meta.runId}/artifacts`,
    lifecycleStage: meta.lifecycleStage,
  };
  return {
    info,
    deletedTime: meta.lifecycleStage === 'deleted' ? meta.deletedTime : null,
    params: readKeyValues(folder.params, 'parameter', bytesOf, warn),
    tags,
    metrics: readMetrics(folder.metrics, bytesOf, warn),
    ...readInputs(folder.inputs, ctx, bytesOf, warn),
  };
}
