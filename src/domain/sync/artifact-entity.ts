// An artifact reference as a sync entity in its run's shard document: id `<runId>/<path>`
// (run ids hold no '/', so the first '/' splits it; slot keys split on the last '|'), fields
// `sha256`, `size`, `at`. Only the reference travels through Yjs; the bytes are a blob fetched by
// hash when someone opens the file.
import { normaliseArtifactPath } from '../artifact-path';
import type { FieldValue, FoldedField } from './slots';
import { SHA256_PATTERN } from './metric-chunk';
import { isRunId, isSize, isTime } from './remote-values';

export const artifactEntityId = (runId: string, path: string): string => `${runId}/${path}`;

export interface ArtifactRef {
  runId: string;
  path: string;
  sha256: string;
  size: number;
  at: number;
}

/** Run id and path of an artifact entity id, or undefined when either is not acceptable. */
export function parseArtifactEntityId(id: string): { runId: string; path: string } | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0) return undefined;
  const runId = id.slice(0, slash);
  const path = id.slice(slash + 1);
  if (!isRunId(runId) || path.length > 4096) return undefined;
  try {
    if (normaliseArtifactPath(path, { allowRoot: false }) !== path) return undefined;
  } catch {
    return undefined;
  }
  return { runId, path };
}

export function checkArtifactField(field: string, value: FieldValue): boolean {
  switch (field) {
    case 'sha256':
      return typeof value === 'string' && SHA256_PATTERN.test(value);
    case 'size':
      return isSize(value);
    case 'at':
      return isTime(value);
  }
  return false;
}

export const artifactFields = (a: Omit<ArtifactRef, 'runId' | 'path'>): Record<string, FieldValue> => ({ sha256: a.sha256, size: a.size, at: a.at });

export function artifactFromFields(id: string, folded: ReadonlyMap<string, FoldedField>): ArtifactRef | undefined {
  const where = parseArtifactEntityId(id);
  const sha256 = folded.get('sha256')?.value;
  const size = folded.get('size')?.value;
  const at = folded.get('at')?.value;
  if (!where || typeof sha256 !== 'string' || typeof size !== 'number' || typeof at !== 'number') return undefined;
  return { ...where, sha256, size, at };
}
