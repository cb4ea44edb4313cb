// What must be identical on every replica after sync: the content of every Yjs document, and the
// Dexie tables (experiments, runs with summaries and conflict flags, artifact rows). Metric history
// is compared as a sorted multiset of points per run and key: chunks arrive in different orders on
// different peers, so the order of points within a history may differ.
import type { Peer } from './harness';

export function docContent(p: Peer): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of p.rep.docs.names().sort()) {
    const doc = p.rep.docs.get(name);
    if (!doc) continue;
    const maps: Record<string, unknown> = {};
    for (const key of [...doc.share.keys()].sort()) maps[key] = sortKeys(doc.getMap(key).toJSON());
    out[name] = maps;
  }
  return out;
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (typeof x !== 'object' || x === null) return x;
  return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]));
}

export async function tableContent(p: Peer): Promise<{ experiments: unknown[]; runs: unknown[]; artifacts: unknown[]; history: Record<string, number[][]> }> {
  const db = p.ws.store.db;
  const byId = <T>(rows: T[], id: (r: T) => string): T[] => rows.sort((a, b) => (id(a) < id(b) ? -1 : 1));
  const experiments = byId(await db.experiments.toArray(), (e) => e.experimentId);
  const runs = byId(await db.runs.toArray(), (r) => r.runId);
  const artifacts = byId(await db.artifacts.toArray(), (a) => `${a.runId}/${a.path}`);
  const history: Record<string, number[][]> = {};
  const chunks = await db.metricChunks.toArray();
  for (const c of chunks) {
    const list = (history[`${c.runId}/${c.key}`] ??= []);
    for (let i = 0; i < c.count; i++) list.push([c.steps[i] as number, c.timestamps[i] as number, c.values[i] as number]);
  }
  for (const list of Object.values(history)) list.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number) || String(a[2]).localeCompare(String(b[2])));
  return { experiments, runs, artifacts, history };
}
