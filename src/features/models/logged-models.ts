// Which artifact folders of a run hold a model. MLflow records each log_model call in the run's
// `mlflow.log-model.history` tag (a JSON list of MLmodel dicts); an imported or hand-copied model
// directory is only visible as a folder with an MLmodel file in it, so the run page combines both.

export interface LoggedModelEntry {
  artifactPath: string;
  flavors: string[];
  utcTimeCreated?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The models the history tag lists, newest entry per artifact path, in logging order.
 * Unreadable tags (hand-edited, truncated) list nothing rather than failing the run page.
 * @example historyModels('[{"artifact_path": "model", "flavors": {"onnx": {}}}]') // [{ artifactPath: 'model', flavors: ['onnx'] }]
 */
export function historyModels(tag: string | undefined): LoggedModelEntry[] {
  if (!tag) return [];
  let list: unknown;
  try {
    list = JSON.parse(tag);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const byPath = new Map<string, LoggedModelEntry>();
  for (const e of list) {
    if (!isRecord(e) || typeof e.artifact_path !== 'string' || e.artifact_path === '') continue;
    // MLflow 3 may record an artifact URI here; only run-relative paths name a folder of this run.
    if (/^[a-z][a-z0-9+.-]*:/i.test(e.artifact_path)) continue;
    const entry: LoggedModelEntry = { artifactPath: e.artifact_path, flavors: isRecord(e.flavors) ? Object.keys(e.flavors) : [] };
    if (typeof e.utc_time_created === 'string') entry.utcTimeCreated = e.utc_time_created;
    byPath.delete(entry.artifactPath);
    byPath.set(entry.artifactPath, entry);
  }
  return [...byPath.values()];
}

/** Both sources merged: found folders keep their order; history adds flavors and times. */
export function mergeModels(found: LoggedModelEntry[], history: LoggedModelEntry[]): LoggedModelEntry[] {
  const fromHistory = new Map(history.map((h) => [h.artifactPath, h]));
  return found
    .map((f) => {
      const h = fromHistory.get(f.artifactPath);
      return h ? { ...f, ...h, flavors: h.flavors.length > 0 ? h.flavors : f.flavors } : f;
    })
    .sort((a, b) => a.artifactPath.localeCompare(b.artifactPath));
}
