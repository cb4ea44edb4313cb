// What the model page and the run page's model list read, through the public SDK only: the loaded
// model, the run it came from, its files, its input example, and which folders of a run are models.
import { summariseMlmodel } from '../../domain/mlmodel-summary';
import { LOGGED_MODEL_HISTORY_TAG } from '../../domain/system-tags';
import { parseJsonPayload, type ScoringPayload } from '../../domain/serving/scoring-payload';
import { MlflowError, type LoadedModel, type MlflowClient, type Run } from '../../sdk/index';
import { exampleFiles, payloadText, servingPayload } from './input-example';
import { historyModels, mergeModels, type LoggedModelEntry } from './logged-models';

export interface ModelFile {
  /** relative to the model directory */
  path: string;
  size: number;
}

export interface InputExample {
  /** the example as a scoring payload, for the paste box */
  text: string;
  payload?: ScoringPayload;
  /** why the example could not be read (the page still works without it) */
  problem?: unknown;
}

export interface ModelPageData {
  model: LoadedModel;
  run?: Run;
  files: ModelFile[];
  example?: InputExample;
  /** undefined when the model can predict here; else why not, in the SDK's words */
  cannotRun?: MlflowError;
}

/** A model directory's files are listed up to this many (a model is a handful of files). */
const MAX_FILES = 2000;
/**
 * The walk for model folders: each listArtifacts call reads the run's whole artifact index, so
 * the walk is kept to the few top folders where models live (`model`, `models/<name>`); deeper
 * models are found through the history tag, which every logModel call writes.
 */
const MAX_DIRS = 40;
const MAX_DEPTH = 3;

/** Every file under `dir` (recursively, at most MAX_FILES), with paths relative to `dir`. */
export async function listModelFiles(client: MlflowClient, runId: string, dir: string): Promise<ModelFile[]> {
  const files: ModelFile[] = [];
  const queue = [dir];
  while (queue.length > 0 && files.length < MAX_FILES) {
    for (const e of await client.listArtifacts(runId, queue.shift())) {
      if (e.isDir) queue.push(e.path);
      else files.push({ path: e.path.slice(dir.length + 1), size: e.fileSize ?? 0 });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

async function readInputExample(client: MlflowClient, runId: string, dir: string, info: Record<string, unknown> | undefined): Promise<InputExample | undefined> {
  const where = exampleFiles(info);
  if (!where.example && !where.serving) return undefined;
  const readJson = async (file: string): Promise<unknown> => JSON.parse(await (await client.downloadArtifact(runId, `${dir}/${file}`)).text());
  const fromExample = async (): Promise<unknown> => {
    if (!where.example) throw new MlflowError('The serving input example could not be read, and there is no input_example.json.', 'RESOURCE_DOES_NOT_EXIST');
    return servingPayload(await readJson(where.example), info);
  };
  let body: unknown;
  try {
    // The serving example is MLflow's own payload; input_example.json is the fallback to wrap.
    body = where.serving ? await readJson(where.serving).catch(fromExample) : await fromExample();
  } catch (problem) {
    return { text: '', problem };
  }
  const text = payloadText(body);
  try {
    return { text, payload: parseJsonPayload(JSON.stringify(body)) };
  } catch (problem) {
    return { text, problem };
  }
}

/** Everything the model page shows for runs:/<runId>/<path>. */
export async function loadModelPage(client: MlflowClient, runId: string, path: string): Promise<ModelPageData> {
  const model = await client.loadModel(`runs:/${runId}/${path}`);
  const [run, files, example] = await Promise.all([
    client.getRun(runId).catch(() => undefined), // the header can do without the run's name
    listModelFiles(client, runId, path),
    readInputExample(client, runId, path, model.metadata.savedInputExampleInfo),
  ]);
  const data: ModelPageData = { model, files, ...(run ? { run } : {}), ...(example ? { example } : {}) };
  if (!model.metadata.flavors.onnx) {
    // Ask predict itself, so the page says exactly what a script calling predict() would hear.
    await model.predict([]).catch((e: unknown) => {
      data.cannotRun = e instanceof MlflowError ? e : new MlflowError(String(e), 'NOT_IMPLEMENTED');
    });
  }
  return data;
}

async function flavorsOf(client: MlflowClient, runId: string, dir: string): Promise<string[]> {
  try {
    const summary = summariseMlmodel(await (await client.downloadArtifact(runId, `${dir}/MLmodel`)).text());
    return summary.ok ? summary.summary.flavors.map((f) => f.name) : [];
  } catch {
    return [];
  }
}

/** The run's model folders: a bounded walk of its artifacts, plus deeper ones its history names. */
export async function findLoggedModels(client: MlflowClient, run: Run): Promise<LoggedModelEntry[]> {
  const runId = run.info.runId;
  const history = historyModels(run.data.tags[LOGGED_MODEL_HISTORY_TAG]);
  const found: LoggedModelEntry[] = [];
  const queue: Array<[dir: string, depth: number]> = [['', 0]];
  let listed = 0;
  const isModel = (entries: Array<{ path: string; isDir: boolean }>, dir: string): boolean =>
    entries.some((e) => !e.isDir && e.path === (dir ? `${dir}/MLmodel` : 'MLmodel'));
  while (queue.length > 0 && listed < MAX_DIRS) {
    const [dir, depth] = queue.shift() as [string, number];
    const entries = await client.listArtifacts(runId, dir);
    listed++;
    if (dir && isModel(entries, dir)) {
      found.push({ artifactPath: dir, flavors: [] });
      continue; // a model's own sub-folders (code/, metadata/) are not models
    }
    if (depth < MAX_DEPTH) for (const e of entries) if (e.isDir) queue.push([e.path, depth + 1]);
  }
  for (const h of history) {
    if (found.some((f) => f.artifactPath === h.artifactPath)) continue;
    const entries = await client.listArtifacts(runId, h.artifactPath).catch(() => []);
    if (isModel(entries, h.artifactPath)) found.push({ artifactPath: h.artifactPath, flavors: [] });
  }
  const merged = mergeModels(found, history);
  return Promise.all(merged.map(async (m) => (m.flavors.length > 0 ? m : { ...m, flavors: await flavorsOf(client, runId, m.artifactPath) })));
}
